/**
 * Engagement capture: likes, unlikes, comments and featuring become
 * append-only ledger events, each with the member's vote power at that moment
 * and the weight it will count for when the post is settled.
 *
 * One like per member and post is a unique row (post, member) flipped with
 * conditional updates, so duplicate requests racing in parallel record one
 * like; every event is written in the same transaction as that flip. Likes
 * and unlikes are written in batches, one transaction per batch
 * (like-writer.ts).
 */
import type { Core } from '@strapi/strapi';
import { readEconomics, type BoardEconomics } from './economics';
import { UID, USER_UID, insertIfAbsent, n, q, tableOf } from '../core/db';
import type { CommentRow, MemberRow, PostRow } from '../host/rows';
import type { HostModel } from '../host/model';
import type { DocumentHook } from '../core/document-hooks';
import { NOT_DOWNVOTE, type EventNote, type LikeRow, type RewardPostRow } from './rows';
import { createLikeWriter } from './like-writer';
import { loadPublishedPost, loadPublishedPosts, type LikeResult, type PostForRewards } from './published-posts';
import { createLedgerStatements } from './ledger-statements';
import { createPostCache } from './post-cache';
import { statementsIn, type Statements } from './statements';
import { SCOT_MAX_VOTING_POWER } from '../chain/protocol';

export type { EventNote };

/** What an attendance counts for at settlement: a like at full vote power. */
export const ATTENDANCE_WEIGHT = SCOT_MAX_VOTING_POWER;

export type { LikeResult, PostForRewards };
export { loadPublishedPost };

/** What a comment's create already knows of it (anything missing is read back). */
export interface KnownComment {
  memberId?: number | null;
  postDocumentId?: string | null;
  source?: string | null;
}

export function createEngagement(
  strapi: Core.Strapi,
  types: HostModel,
  hooks: { changed?: (boardDocumentId: string) => void; /** rewards.postCacheMs (post-cache.ts). */ postCacheMs?: number } = {},
) {
  /** A like, unlike, comment or feature changed what the board's posts would be paid: cached estimates go. */
  const changedBoard = (boardDocumentId: string | undefined) => {
    if (boardDocumentId) hooks.changed?.(boardDocumentId);
  };

  /** The post's reward window: opened when the post was written, closing cashoutSeconds later; the row exists once something happened. */
  async function openRewardWindow(post: PostForRewards, economics: BoardEconomics, now: number): Promise<{ open: boolean; cashoutAt: number }> {
    const existing = await q<RewardPostRow>(strapi, UID.rewardPost).findOne({ where: { postDocumentId: post.documentId } });
    if (existing) return { open: existing.settledAt === null && n(existing.cashoutAt) > now, cashoutAt: n(existing.cashoutAt) };
    const cashoutAt = post.createdAt + economics.cashoutSeconds * 1000;
    if (cashoutAt <= now) return { open: false, cashoutAt };
    await insertIfAbsent(
      strapi,
      UID.rewardPost,
      { postDocumentId: post.documentId, boardDocumentId: post.board!.documentId, authorId: post.authorId, openedAt: post.createdAt, cashoutAt },
      ['postDocumentId'],
    );
    return { open: true, cashoutAt };
  }

  const posts = createPostCache(strapi, types, hooks.postCacheMs ?? 2000, (documentIds) => loadPublishedPosts(strapi, types, documentIds));
  const ledger = createLedgerStatements(strapi);
  const writer = createLikeWriter(strapi, { ledger, posts, changedBoard });
  /** The statements of the transaction this runs in (a new one when none is open). */
  const inTransaction = <T>(work: (st: Statements) => Promise<T>) => strapi.db.transaction(async ({ trx }) => work(await statementsIn(strapi, trx)));

  return {
    /** A member's like: batched with others in one transaction (like-writer.ts). */
    like(documentId: string, member: { id: number; username?: string }): Promise<LikeResult> {
      return writer.like(documentId, member);
    },

    /** Withdraws a member's like (the vote power it spent is not refunded). */
    unlike(documentId: string, member: { id: number }): Promise<LikeResult> {
      return writer.unlike(documentId, member);
    },

    /** A member's downvote, replacing their like if any (like-writer.ts): lowers the post's reward by their downvote power. */
    downvote(documentId: string, member: { id: number; username?: string }): Promise<LikeResult> {
      return writer.downvote(documentId, member);
    },

    /** Withdraws a member's downvote (the downvote power it spent is not refunded). */
    undownvote(documentId: string, member: { id: number }): Promise<LikeResult> {
      return writer.undownvote(documentId, member);
    },

    /** { [documentId]: { count, likeCount, likedByMe } } for the feed (count for the app's hook, likeCount as documented). */
    async likeCounts(documentIds: string[], memberId?: number): Promise<Record<string, { count: number; likeCount: number; likedByMe: boolean }>> {
      const out: Record<string, { count: number; likeCount: number; likedByMe: boolean }> = {};
      for (const id of documentIds) out[id] = { count: 0, likeCount: 0, likedByMe: false };
      if (documentIds.length === 0) return out;
      const likes = tableOf(strapi, UID.like);
      const col = likes.column;
      const rows: Array<Record<string, string | number>> = await strapi.db
        .connection(likes.table)
        .select(col('postDocumentId'))
        .count({ c: '*' })
        .whereIn(col('postDocumentId'), documentIds)
        .andWhere(col('active'), true)
        // Downvotes share the vote rows; rows from before downvotes existed have downvote NULL (likes).
        .andWhere((w) => w.where(col('downvote'), false).orWhereNull(col('downvote')))
        .groupBy(col('postDocumentId'));
      for (const row of rows) {
        const id = String(row[col('postDocumentId')]);
        if (out[id]) out[id].count = out[id].likeCount = Number(row.c);
      }
      if (memberId !== undefined && memberId !== null) {
        const mine = await q<LikeRow>(strapi, UID.like).findMany({
          where: { postDocumentId: { $in: documentIds }, memberId, active: true, ...NOT_DOWNVOTE },
          select: ['postDocumentId'],
        });
        for (const row of mine) if (out[row.postDocumentId]) out[row.postDocumentId].likedByMe = true;
      }
      return out;
    },

    /**
     * After a comment is created: a 'comment' event for a member's comment on
     * a post of a board with a token. What the create already knows (its
     * author, its post, its source) is not read again.
     */
    async recordComment(commentDocumentId: string, known: KnownComment = {}): Promise<void> {
      let { memberId, postDocumentId, source } = known;
      if (!memberId || !postDocumentId) {
        const comment = await types.rows<CommentRow>('comment').findOne({
          where: { documentId: commentDocumentId },
          populate: { author: { select: ['id'] }, post: { select: ['documentId'] } },
        });
        memberId = comment?.author?.id;
        postDocumentId = comment?.post?.documentId;
        source = comment?.source;
      }
      if (!memberId || !postDocumentId || source === 'hive') return;
      const post = (await posts.get([postDocumentId])).get(postDocumentId);
      const economics = post ? readEconomics(post.board) : null;
      if (!post || !economics) return;
      const member = memberId;
      await inTransaction(async (st) => {
        const now = Date.now();
        const window = await ledger.openRewardWindow(st, post, economics, now);
        const note = await worthNothingBecause(post, member, economics, window, 'self-comment');
        await ledger.addEvent(st, { type: 'comment', post, memberId: member, at: now, votePower: 0, weight: 0, note, commentDocumentId });
      });
      changedBoard(post.board!.documentId);
    },

    /**
     * A member who was at the event a post announces (the host app checked
     * them in): an 'attendance' event, once per member and post, counted at
     * settlement as a like with a full vote (ATTENDANCE_WEIGHT) that spends no
     * vote power — the attendee curates the post, its author is rewarded for
     * hosting. Runs in the caller's transaction when there is one, so the
     * check-in and its reward commit together. Returns whether an event was
     * written and the note it carries (null: it counts).
     */
    async recordAttendance(postDocumentId: string, memberId: number): Promise<{ recorded: boolean; note: EventNote }> {
      const post = (await posts.get([postDocumentId])).get(postDocumentId);
      const economics = post ? readEconomics(post.board) : null;
      if (!post || !economics) return { recorded: false, note: 'no-token' };
      const result = await inTransaction(async (st) => {
        const earlier = await q<{ id: number }>(strapi, UID.event).findOne({ where: { postDocumentId, memberId, type: 'attendance' }, select: ['id'] });
        if (earlier) return { recorded: false, note: null as EventNote };
        const now = Date.now();
        const window = await ledger.openRewardWindow(st, post, economics, now);
        const note = await worthNothingBecause(post, memberId, economics, window, 'self-like');
        const weight = note === null ? ATTENDANCE_WEIGHT : 0;
        await ledger.addEvent(st, { type: 'attendance', post, memberId, at: now, votePower: 0, weight, note });
        return { recorded: true, note };
      });
      if (result.recorded) changedBoard(post.board!.documentId);
      return result;
    },

    /** After an edit changed a post's `featured` flag: a 'featured' or 'unfeatured' event. */
    async recordFeatured(postDocumentId: string, featured: boolean): Promise<void> {
      const post = await loadPublishedPost(strapi, types, postDocumentId);
      const economics = post ? readEconomics(post.board) : null;
      if (!post || !economics) return;
      const now = Date.now();
      const window = await openRewardWindow(post, economics, now);
      await q(strapi, UID.event).create({
        data: {
          type: featured ? 'featured' : 'unfeatured',
          postDocumentId,
          boardDocumentId: post.board!.documentId,
          memberId: null,
          authorId: post.authorId,
          at: now,
          votePower: 0,
          weight: 0,
          note: window.open ? null : 'after-cashout',
        },
      });
      changedBoard(post.board!.documentId);
    },
  };

  async function isMuted(memberId: number, economics: BoardEconomics): Promise<boolean> {
    const user = await q<MemberRow>(strapi, USER_UID).findOne({ where: { id: memberId }, select: ['username'] });
    return economics.mutedUsernames.includes(String(user?.username ?? '').toLowerCase());
  }

  /** Why a member's comment or attendance earns nothing — their own post, a muted member, the reward window closed — or null: it counts. */
  async function worthNothingBecause(
    post: { authorId?: number | null },
    memberId: number,
    economics: BoardEconomics,
    window: { open: boolean },
    own: EventNote,
  ): Promise<EventNote> {
    if (post.authorId === memberId) return own;
    if (economics.mutedUsernames.length && (await isMuted(memberId, economics))) return 'muted';
    return window.open ? null : 'after-cashout';
  }
}

/**
 * Document Service hooks: a comment created by a member, and an edit that
 * changes a post's `featured`, become ledger events in the same transaction.
 */
export function commentEngagementHook(strapi: Core.Strapi, engagement: () => ReturnType<typeof createEngagement>): DocumentHook {
  return {
    name: "record a member's comment in the rewards ledger",
    async run(call, next) {
      if (call.action !== 'create') return next();
      return strapi.db.transaction(async () => {
        const returned = await next();
        const result = call.read<Pick<CommentRow, 'documentId' | 'author' | 'source'> | null>(returned);
        const data = call.params.data ?? {};
        if (result?.documentId) {
          await engagement().recordComment(result.documentId, {
            memberId: result.author?.id ?? null,
            postDocumentId: typeof data.post === 'string' ? data.post : null,
            source: result.source ?? (typeof data.source === 'string' ? data.source : null),
          });
        }
        return returned;
      });
    },
  };
}

export function featuredEngagementHook(strapi: Core.Strapi, types: HostModel, engagement: () => ReturnType<typeof createEngagement>): DocumentHook {
  return {
    name: 'record featuring in the rewards ledger',
    async run(call, next) {
      const featured = call.params.data?.featured;
      if (call.action !== 'update' || typeof featured !== 'boolean') return next();
      const documentId = call.params.documentId;
      return strapi.db.transaction(async () => {
        const before = documentId ? await types.rows<PostRow>('post').findMany({ where: { documentId }, select: ['featured', 'publishedAt'] }) : [];
        // What members saw: the published version's flag when there is one.
        const reference = before.find((p) => p.publishedAt) ?? before[0];
        const wasFeatured = reference?.featured === true;
        const result = await next();
        if (documentId && wasFeatured !== featured) await engagement().recordFeatured(documentId, featured);
        return result;
      });
    },
  };
}
