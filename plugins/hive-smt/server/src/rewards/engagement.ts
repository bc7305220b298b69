/**
 * Engagement capture: likes, unlikes, comments and featuring become
 * append-only ledger events, each with the member's vote power at that moment
 * and the weight it will count for when the post is settled.
 *
 * One like per member and post is a unique row (post, member) flipped with
 * conditional updates, so duplicate requests racing in parallel record one
 * like; every event is written in the same transaction as that flip.
 */
import type { Core } from '@strapi/strapi';
import { readEconomics, type BoardEconomics } from './economics';
import { powerAfterLike, votePowerAt } from './vote-power';
import { SCOT_MAX_VOTING_POWER } from '../chain/protocol';
import { PluginError } from '../core/errors';
import { UID, USER_UID, changed, insertIfAbsent, ms, n, q, startOfUtcDay, tableOf } from '../core/db';
import type { BoardRow, CommentRow, MemberRow, PostRow } from '../host/rows';
import type { HostTypes } from '../host/types';
import type { DocumentHook } from '../core/document-hooks';
import { assertNotMuted } from '../curation/mutes';
import { loadStandings } from './standing';
import { likeWeight, qualifies } from './trust';
import type { EventNote, LedgerEventRow, LikeRow, RewardPostRow, VotePowerRow } from './rows';

export type { EventNote };

export interface LikeResult {
  documentId: string;
  liked: boolean;
  /** False when the request changed nothing (already liked / not liked). */
  changed: boolean;
  likeCount: number;
  /** The member's vote power before this like (0..10000), when a like was recorded on a board with a token. */
  votePower: number | null;
  /** What the like counts for at settlement. */
  weight: number;
  note: EventNote;
}

export interface PostForRewards {
  documentId: string;
  createdAt: number;
  tags: string[];
  authorId: number | null;
  board: { documentId: string; slug: string; name: string; active: boolean; tokenSymbol: string | null; economics: BoardRow['economics'] } | null;
}

/** A published post with what rewards need (board economics, author), or null. */
export async function loadPublishedPost(strapi: Core.Strapi, types: HostTypes, documentId: string): Promise<PostForRewards | null> {
  const post = await q<PostRow>(strapi, types.post).findOne({
    where: { documentId, publishedAt: { $notNull: true } },
    select: ['documentId', 'createdAt', 'tags'],
    populate: { author: { select: ['id'] }, board: { populate: { economics: true } } },
  });
  if (!post) return null;
  return {
    documentId: post.documentId,
    createdAt: ms(post.createdAt),
    tags: Array.isArray(post.tags) ? post.tags.map(String) : [],
    authorId: post.author?.id ?? null,
    board: post.board
      ? {
          documentId: post.board.documentId,
          slug: post.board.slug,
          name: post.board.name,
          active: post.board.active !== false,
          tokenSymbol: post.board.tokenSymbol ?? null,
          economics: post.board.economics ?? null,
        }
      : null,
  };
}

export function createEngagement(strapi: Core.Strapi, types: HostTypes, hooks: { changed?: (boardDocumentId: string) => void } = {}) {
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

  /** When the post's reward window closes, as far as its ledger is concerned (no window: never). */
  async function cashoutOf(documentId: string): Promise<number> {
    const row = await q<RewardPostRow>(strapi, UID.rewardPost).findOne({ where: { postDocumentId: documentId }, select: ['cashoutAt'] });
    return row ? n(row.cashoutAt) : Infinity;
  }

  /**
   * A member's like or unlike of a post, as the ledger's one state for the
   * period it falls in: settlement reads only the last like/unlike before the
   * cashout (periods.ts), so a later state in the same period replaces the
   * earlier row instead of adding one. Periods: up to the cashout, and after it
   * (events after the cashout never count, but one from before must stay as it
   * was). So like/unlike loops keep at most two rows per member and post.
   * Runs inside the like's transaction, after the flip of the member's like
   * row, which serializes two requests of the same member on the same post.
   */
  async function recordLikeState(
    event: Omit<LedgerEventRow, 'id' | 'documentId' | 'commentDocumentId' | 'at'> & { memberId: number; at: number },
    cashoutAt: number,
  ): Promise<void> {
    const last = await q<LedgerEventRow>(strapi, UID.event).findOne({
      where: { postDocumentId: event.postDocumentId, memberId: event.memberId, type: { $in: ['like', 'unlike'] } },
      orderBy: { id: 'desc' },
    });
    const samePeriod = !!last && n(last.at) <= cashoutAt === event.at <= cashoutAt;
    if (samePeriod) await q(strapi, UID.event).update({ where: { id: last.id }, data: event });
    else await q(strapi, UID.event).create({ data: event });
  }

  /** Spends one like's worth of the member's vote power on this board; returns the power before (the like's weight). */
  async function spendVotePower(boardDocumentId: string, memberId: number, now: number, economics: BoardEconomics): Promise<number> {
    await insertIfAbsent(strapi, UID.votePower, { boardDocumentId, memberId, power: SCOT_MAX_VOTING_POWER, at: now, version: 1 }, [
      'boardDocumentId',
      'memberId',
    ]);
    // Compare-and-set on the row's version: two likes of one member never spend the same power twice.
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const row = (await q<VotePowerRow>(strapi, UID.votePower).findOne({ where: { boardDocumentId, memberId } }))!;
      const power = votePowerAt({ power: n(row.power), at: n(row.at) }, now, economics.votePower);
      const after = powerAfterLike(power, economics.votePower);
      const won = changed(
        await q(strapi, UID.votePower).updateMany({
          where: { id: row.id, version: row.version },
          data: { power: after, at: Math.max(now, n(row.at)), version: n(row.version) + 1 },
        }),
      );
      if (won) return power;
    }
    throw new Error('Vote power is being updated by other requests; try again.');
  }

  async function currentPower(boardDocumentId: string, memberId: number, now: number, economics: BoardEconomics): Promise<number> {
    const row = await q<VotePowerRow>(strapi, UID.votePower).findOne({ where: { boardDocumentId, memberId } });
    return row ? votePowerAt({ power: n(row.power), at: n(row.at) }, now, economics.votePower) : SCOT_MAX_VOTING_POWER;
  }

  async function weightedLikesToday(boardDocumentId: string, memberId: number, now: number): Promise<number> {
    return q(strapi, UID.event).count({
      where: { boardDocumentId, memberId, type: 'like', weight: { $gt: 0 }, at: { $gte: startOfUtcDay(now) } },
    });
  }

  async function likeCount(documentId: string): Promise<number> {
    return q(strapi, UID.like).count({ where: { postDocumentId: documentId, active: true } });
  }

  async function requirePost(documentId: string): Promise<PostForRewards> {
    const post = await loadPublishedPost(strapi, types, documentId);
    if (!post || !post.board || !post.board.active)
      throw new PluginError(404, 'No published post with this id: check the documentId (drafts and posts of closed boards cannot be liked).');
    return post;
  }

  return {
    async like(documentId: string, member: { id: number; username?: string }): Promise<LikeResult> {
      // An editor's mute (Curation page) stops likes as it stops posts, comments and edits.
      await assertNotMuted(strapi, member.id);
      const post = await requirePost(documentId);
      const economics = readEconomics(post.board);
      const board = post.board!;
      const result = await strapi.db.transaction(async ({ trx }) => {
        const now = Date.now();
        await insertIfAbsent(
          strapi,
          UID.like,
          { postDocumentId: documentId, boardDocumentId: board.documentId, memberId: member.id, active: false, weight: 0 },
          ['postDocumentId', 'memberId'],
          trx,
        );
        const flipped = changed(
          await q(strapi, UID.like).updateMany({
            where: { postDocumentId: documentId, memberId: member.id, active: false },
            data: { active: true, likedAt: now },
          }),
        );
        if (!flipped) {
          const row = await q<LikeRow>(strapi, UID.like).findOne({ where: { postDocumentId: documentId, memberId: member.id } });
          return { changed: false, votePower: null, weight: n(row?.weight), note: null as EventNote };
        }
        let note: EventNote = null;
        let votePower = 0;
        let weight = 0;
        let cashoutAt = Infinity;
        if (!economics) note = 'no-token';
        else {
          const window = await openRewardWindow(post, economics, now);
          cashoutAt = window.cashoutAt;
          if (post.authorId === member.id) note = 'self-like';
          else if (economics.mutedUsernames.includes(String(member.username ?? '').toLowerCase())) note = 'muted';
          else if (!window.open) note = 'after-cashout';
          else if (economics.dailyLikeLimit !== null && (await weightedLikesToday(board.documentId, member.id, now)) >= economics.dailyLikeLimit)
            note = 'daily-like-limit';
          // Likes worth nothing spend nothing: self-likes and muted members cannot drain or game the power.
          votePower =
            note === null ? await spendVotePower(board.documentId, member.id, now, economics) : await currentPower(board.documentId, member.id, now, economics);
          if (note === null) {
            // A member the board's rule does not trust yet likes with a small share of their power.
            const qualified = qualifies((await loadStandings(strapi, [member.id])).get(member.id), economics.trust, now);
            weight = likeWeight(votePower, qualified, economics.trust);
            if (!qualified) note = 'new-member';
          }
        }
        await q(strapi, UID.like).updateMany({ where: { postDocumentId: documentId, memberId: member.id }, data: { weight } });
        await recordLikeState(
          {
            type: 'like',
            postDocumentId: documentId,
            boardDocumentId: board.documentId,
            memberId: member.id,
            authorId: post.authorId,
            at: now,
            votePower,
            weight,
            note,
          },
          cashoutAt,
        );
        return { changed: true, votePower: economics ? votePower : null, weight, note };
      });
      if (result.changed) changedBoard(board.documentId);
      return { documentId, liked: true, likeCount: await likeCount(documentId), ...result };
    },

    async unlike(documentId: string, member: { id: number }): Promise<LikeResult> {
      const post = await requirePost(documentId);
      const board = post.board!;
      const didChange = await strapi.db.transaction(async () => {
        const now = Date.now();
        const flipped = changed(
          await q(strapi, UID.like).updateMany({
            where: { postDocumentId: documentId, memberId: member.id, active: true },
            data: { active: false, weight: 0 },
          }),
        );
        if (!flipped) return false;
        // Vote power is not refunded: like/unlike loops drain it.
        await recordLikeState(
          {
            type: 'unlike',
            postDocumentId: documentId,
            boardDocumentId: board.documentId,
            memberId: member.id,
            authorId: post.authorId,
            at: now,
            votePower: 0,
            weight: 0,
            note: null,
          },
          await cashoutOf(documentId),
        );
        return true;
      });
      if (didChange) changedBoard(board.documentId);
      return { documentId, liked: false, changed: didChange, likeCount: await likeCount(documentId), votePower: null, weight: 0, note: null };
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
        .groupBy(col('postDocumentId'));
      for (const row of rows) {
        const id = String(row[col('postDocumentId')]);
        if (out[id]) out[id].count = out[id].likeCount = Number(row.c);
      }
      if (memberId !== undefined && memberId !== null) {
        const mine = await q<LikeRow>(strapi, UID.like).findMany({
          where: { postDocumentId: { $in: documentIds }, memberId, active: true },
          select: ['postDocumentId'],
        });
        for (const row of mine) if (out[row.postDocumentId]) out[row.postDocumentId].likedByMe = true;
      }
      return out;
    },

    /** After a comment is created: a 'comment' event for a member's comment on a post of a board with a token. */
    async recordComment(commentDocumentId: string): Promise<void> {
      const comment = await q<CommentRow>(strapi, types.comment).findOne({
        where: { documentId: commentDocumentId },
        populate: { author: { select: ['id'] }, post: { select: ['documentId'] } },
      });
      const memberId = comment?.author?.id;
      if (!memberId || !comment.post?.documentId || comment.source === 'hive') return;
      const post = await loadPublishedPost(strapi, types, comment.post.documentId);
      const economics = post ? readEconomics(post.board) : null;
      if (!post || !economics) return;
      const now = Date.now();
      const window = await openRewardWindow(post, economics, now);
      const note: EventNote =
        post.authorId === memberId
          ? 'self-comment'
          : economics.mutedUsernames.length && (await isMuted(memberId, economics))
            ? 'muted'
            : window.open
              ? null
              : 'after-cashout';
      await q(strapi, UID.event).create({
        data: {
          type: 'comment',
          postDocumentId: post.documentId,
          boardDocumentId: post.board!.documentId,
          memberId,
          authorId: post.authorId,
          at: now,
          votePower: 0,
          weight: 0,
          note,
          commentDocumentId,
        },
      });
      changedBoard(post.board!.documentId);
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
        const result = (await next()) as { documentId?: string } | null;
        if (result?.documentId) await engagement().recordComment(result.documentId);
        return result;
      });
    },
  };
}

export function featuredEngagementHook(strapi: Core.Strapi, types: HostTypes, engagement: () => ReturnType<typeof createEngagement>): DocumentHook {
  return {
    name: 'record featuring in the rewards ledger',
    async run(call, next) {
      const featured = call.params.data?.featured;
      if (call.action !== 'update' || typeof featured !== 'boolean') return next();
      const documentId = call.params.documentId;
      return strapi.db.transaction(async () => {
        const before = documentId ? await q<PostRow>(strapi, types.post).findMany({ where: { documentId }, select: ['featured', 'publishedAt'] }) : [];
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
