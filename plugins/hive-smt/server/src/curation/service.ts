import type { Core } from '@strapi/strapi';
import { UID, q } from '../core/db';
import { PluginError } from '../core/errors';
import type { CommentRow, MemberRow, PostRow } from '../host/rows';
import type { HostModel } from '../host/model';
import type { ApprovalRow } from '../rewards/rows';
import { WEBHOOK_EVENTS, emitWebhookEvent } from '../webhooks/events';
import { activeMutes, isActive, readMutes, writeMutes, type Mute } from './mutes';

export interface FeaturedPost {
  documentId: string;
  title: string;
  board: string | null;
  author: string | null;
  publishedAt: string | null;
  rank: number | null;
  until: string | null;
  expired: boolean;
}

/** The post fields featuring writes: whether, in which place, until when. */
const FEATURE_FIELDS = ['featured', 'featuredRank', 'featuredUntil'] as const;

const authorName = (user: MemberRow | null | undefined) => user?.displayName || user?.username || null;
const iso = (value: string | Date | null | undefined) => (value ? new Date(value).toISOString() : null);

/**
 * What editors do: the featured list (feature, unfeature, order, end date),
 * hiding comments and muting members. Featuring goes through the Document
 * Service like every other edit (the rewards ledger sees it), but only the
 * curation fields change: a post's unpublished draft edits stay unpublished.
 */
export function createCuration(strapi: Core.Strapi, types: HostModel) {
  const posts = () => types.rows<PostRow>('post');
  const comments = () => types.rows<CommentRow>('comment');
  const members = () => types.rows<MemberRow>('member');
  const approvals = () => q<ApprovalRow>(strapi, UID.approval);
  const documents = (uid: string) => strapi.documents(uid as Parameters<typeof strapi.documents>[0]);

  /** Writes curation fields on the draft and the published row alike, without publishing the draft's other edits. */
  async function setCurationFields(documentId: string, data: { featured?: boolean; featuredRank?: number | null; featuredUntil?: string | null }) {
    await strapi.db.transaction(async () => {
      if (typeof data.featured === 'boolean') {
        // The Document Service update: hooks on featuring (the rewards ledger) run.
        await documents(types.post).update(types.toAppParams('post', { documentId, data }) as Parameters<ReturnType<typeof documents>['update']>[0]);
      }
      const now = new Date();
      // Same updatedAt on both rows, so the Content Manager does not show the post as "modified".
      await posts().updateMany({ where: { documentId }, data: { ...data, updatedAt: now } });
    });
  }

  async function publishedPost(documentId: string) {
    const post = await posts().findOne({ where: { documentId, publishedAt: { $notNull: true } }, select: ['documentId', 'featured', 'featuredRank'] });
    if (!post) throw new PluginError(404, 'There is no published post with this id: only published posts can be featured.');
    return post;
  }

  /** Featuring needs the post type's curation fields; an app without them has nothing featured and cannot feature. */
  const canFeature = () => FEATURE_FIELDS.every((field) => types.has('post', field));
  function assertCanFeature() {
    if (canFeature()) return;
    const missing = FEATURE_FIELDS.filter((field) => !types.has('post', field)).map((field) => `"${types.nameOf('post', field)}"`);
    throw new PluginError(
      409,
      `Featuring needs ${missing.join(', ')} on ${types.post} (a boolean, an integer and a date-time): add them to the type, or name the fields that hold them in the plugin's contentTypes.post.fields.`,
    );
  }

  async function featuredRows(): Promise<PostRow[]> {
    if (!canFeature()) return [];
    return posts().findMany({
      where: { featured: true, publishedAt: { $notNull: true } },
      select: ['documentId', 'title', 'publishedAt', 'featuredRank', 'featuredUntil'],
      populate: { board: { select: ['name'] }, author: { select: ['username', 'displayName'] } },
      orderBy: [{ featuredRank: 'asc' }, { publishedAt: 'desc' }],
      limit: 500,
    });
  }

  /** Ranks 0..n-1 in this order: the list's order is the ranks' order, with no gaps or ties. */
  async function renumber(order: string[]) {
    for (const [index, documentId] of order.entries()) {
      await posts().updateMany({ where: { documentId }, data: { featuredRank: index } });
    }
  }

  /** Unranked posts (featured elsewhere, e.g. over REST) go last, newest first — as the featured feed orders them. */
  const sortFeatured = (rows: PostRow[]) =>
    [...rows].sort((a, b) => {
      const ra = a.featuredRank ?? Number.MAX_SAFE_INTEGER;
      const rb = b.featuredRank ?? Number.MAX_SAFE_INTEGER;
      if (ra !== rb) return ra - rb;
      return String(b.publishedAt).localeCompare(String(a.publishedAt));
    });

  return {
    async featured(): Promise<FeaturedPost[]> {
      const now = Date.now();
      return sortFeatured(await featuredRows()).map((p) => ({
        documentId: p.documentId,
        title: p.title,
        board: p.board?.name ?? null,
        author: authorName(p.author),
        publishedAt: iso(p.publishedAt),
        rank: p.featuredRank ?? null,
        until: iso(p.featuredUntil),
        expired: !!p.featuredUntil && new Date(p.featuredUntil).getTime() <= now,
      }));
    },

    /** Published posts an editor may feature, newest first, optionally matching a title. */
    async candidates(query: { q?: string; limit: number }) {
      const where: Record<string, unknown> = {
        publishedAt: { $notNull: true },
        ...(canFeature() ? { $or: [{ featured: false }, { featured: { $null: true } }] } : {}),
      };
      if (query.q) where.title = { $containsi: query.q };
      const rows = await posts().findMany({
        where,
        select: ['documentId', 'title', 'publishedAt'],
        populate: { board: { select: ['name'] }, author: { select: ['username', 'displayName'] } },
        orderBy: { publishedAt: 'desc' },
        limit: query.limit,
      });
      return rows.map((p) => ({
        documentId: p.documentId,
        title: p.title,
        board: p.board?.name ?? null,
        author: authorName(p.author),
        publishedAt: iso(p.publishedAt),
      }));
    },

    /** Features a post at the end of the list (or at `position`), optionally until a date. */
    async feature(documentId: string, options: { until?: string | null; position?: number }) {
      assertCanFeature();
      await publishedPost(documentId);
      if (options.until && Date.parse(options.until) <= Date.now()) throw new PluginError(400, 'The end date must be in the future.');
      const order = sortFeatured(await featuredRows())
        .map((p) => p.documentId)
        .filter((id) => id !== documentId);
      const position = Math.max(0, Math.min(options.position ?? order.length, order.length));
      order.splice(position, 0, documentId);
      await setCurationFields(documentId, { featured: true, featuredRank: position, featuredUntil: options.until ?? null });
      await renumber(order);
      return this.featured();
    },

    async unfeature(documentId: string) {
      assertCanFeature();
      const post = await publishedPost(documentId);
      if (post.featured) await setCurationFields(documentId, { featured: false, featuredRank: null, featuredUntil: null });
      await renumber(sortFeatured(await featuredRows()).map((p) => p.documentId));
      return this.featured();
    },

    /** The featured list in this order; posts left out keep their relative order after the named ones. */
    async reorder(documentIds: string[]) {
      assertCanFeature();
      const current = sortFeatured(await featuredRows()).map((p) => p.documentId);
      const known = new Set(current);
      const unknown = documentIds.filter((id) => !known.has(id));
      if (unknown.length) throw new PluginError(400, `Not featured: ${unknown.join(', ')}. Refresh the page and try again.`);
      const named = new Set(documentIds);
      await renumber([...documentIds, ...current.filter((id) => !named.has(id))]);
      return this.featured();
    },

    async setUntil(documentId: string, until: string | null) {
      assertCanFeature();
      const post = await publishedPost(documentId);
      if (!post.featured) throw new PluginError(400, 'This post is not featured.');
      if (until && Date.parse(until) <= Date.now()) throw new PluginError(400, 'The end date must be in the future.');
      await setCurationFields(documentId, { featuredUntil: until });
      return this.featured();
    },

    /** Recent comments, newest first: hidden or visible, optionally matching text. */
    async comments(query: { q?: string; hidden?: boolean; limit: number }) {
      const where: Record<string, unknown> = {};
      if (query.q) where.body = { $containsi: query.q };
      if (query.hidden === true) where.hidden = true;
      if (query.hidden === false) where.$or = [{ hidden: false }, { hidden: { $null: true } }];
      const rows = await comments().findMany({
        where,
        select: ['documentId', 'body', 'hidden', 'createdAt', 'source', 'hiveAuthor'],
        populate: { author: { select: ['id', 'username', 'displayName'] }, post: { select: ['documentId', 'title'] } },
        orderBy: { createdAt: 'desc' },
        limit: query.limit,
      });
      const mutes = await activeMutes(strapi);
      return rows.map((c) => ({
        documentId: c.documentId,
        body: c.body,
        hidden: !!c.hidden,
        createdAt: iso(c.createdAt),
        author: c.author
          ? { id: c.author.id, name: authorName(c.author), muted: mutes.has(Number(c.author.id)) }
          : c.hiveAuthor
            ? { id: null, name: `@${c.hiveAuthor}`, muted: false }
            : null,
        post: c.post ? { documentId: c.post.documentId, title: c.post.title } : null,
      }));
    },

    async setCommentHidden(documentId: string, hidden: boolean) {
      const comment = await comments().findOne({ where: { documentId }, select: ['id'] });
      if (!comment) throw new PluginError(404, 'There is no comment with this id.');
      await documents(types.comment).update(
        types.toAppParams('comment', { documentId, data: { hidden } }) as Parameters<ReturnType<typeof documents>['update']>[0],
      );
      return { documentId, hidden };
    },

    /**
     * Members, optionally matching a name, with whether they are muted. No email:
     * curators need to know who someone is on the boards, not how to reach them
     * (and searching by email would tell whether an address belongs to a member).
     */
    async members(query: { q?: string; muted?: boolean; limit: number }) {
      const mutes = await activeMutes(strapi);
      const where: Record<string, unknown> = {};
      if (query.q)
        where.$or = [{ username: { $containsi: query.q } }, ...(types.has('member', 'displayName') ? [{ displayName: { $containsi: query.q } }] : [])];
      if (query.muted) where.id = { $in: [...mutes.keys()] };
      const rows = await members().findMany({
        where,
        select: ['id', 'username', 'displayName', 'createdAt', 'blocked'],
        orderBy: { username: 'asc' },
        limit: query.limit,
      });
      const approvedRows = rows.length ? await approvals().findMany({ where: { memberId: { $in: rows.map((u) => u.id) } } }) : [];
      const approvedAt = new Map(approvedRows.map((a) => [Number(a.memberId), Number(a.approvedAt)]));
      return rows.map((u) => {
        const mute = mutes.get(Number(u.id));
        const approved = approvedAt.get(Number(u.id));
        return {
          id: Number(u.id),
          username: u.username,
          displayName: u.displayName ?? null,
          joinedAt: iso(u.createdAt),
          approvedForRewards: approved !== undefined ? new Date(approved).toISOString() : null,
          muted: !!mute,
          mutedUntil: mute?.until ?? null,
          muteReason: mute?.reason ?? null,
        };
      });
    },

    async mute(userId: number, options: { until?: string | null; reason?: string | null; by?: string | null }) {
      const user = await members().findOne({ where: { id: userId }, select: ['id'] });
      if (!user) throw new PluginError(404, 'There is no member with this id.');
      if (options.until && Date.parse(options.until) <= Date.now()) throw new PluginError(400, 'The end date must be in the future.');
      const mutes = await readMutes(strapi);
      const mute: Mute = {
        userId,
        until: options.until ?? null,
        reason: options.reason ?? null,
        mutedAt: new Date().toISOString(),
        mutedBy: options.by ?? null,
      };
      // Expired mutes are dropped whenever the list is written.
      const kept = Object.fromEntries(Object.entries(mutes).filter(([, m]) => isActive(m)));
      await writeMutes(strapi, { ...kept, [String(userId)]: mute });
      emitWebhookEvent(strapi, WEBHOOK_EVENTS.HIVE_SMT_MEMBER_MUTED, { member: { id: userId }, mute });
      return mute;
    },

    async unmute(userId: number) {
      const mutes = await readMutes(strapi);
      delete mutes[String(userId)];
      await writeMutes(strapi, mutes);
      return { userId, muted: false };
    },

    /**
     * An editor vouches for a member: they earn token rewards on every board,
     * whatever its account-age or proof rule (rewards/trust.ts) — for the real
     * newcomer the rule would otherwise hold back. Saying it twice changes nothing.
     */
    async approveForRewards(userId: number, options: { by?: string | null } = {}) {
      const user = await members().findOne({ where: { id: userId }, select: ['id'] });
      if (!user) throw new PluginError(404, 'There is no member with this id.');
      const existing = await approvals().findOne({ where: { memberId: userId } });
      if (!existing) await approvals().create({ data: { memberId: userId, approvedAt: Date.now(), approvedBy: options.by ?? null } });
      return { userId, approvedForRewards: true };
    },

    async withdrawRewardsApproval(userId: number) {
      await approvals().deleteMany({ where: { memberId: userId } });
      return { userId, approvedForRewards: false };
    },
  };
}

export type Curation = ReturnType<typeof createCuration>;
