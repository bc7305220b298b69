/**
 * The ledger's hot statements, written once from Strapi's metadata (the
 * column names the query layer uses) and run with statements.ts inside the
 * writing transaction: opening a post's reward window, the one like/unlike
 * state per member, post and period, and an engagement event.
 */
import type { Core } from '@strapi/strapi';
import type { BoardEconomics } from './economics';
import { UID, n, newDocumentId, tableOf } from '../core/db';
import type { Statements } from './statements';
import type { EventNote } from './rows';
import type { PostForRewards } from './published-posts';

export interface LedgerEvent {
  type: 'like' | 'unlike' | 'downvote' | 'comment' | 'attendance';
  post: PostForRewards;
  memberId: number;
  at: number;
  votePower: number;
  weight: number;
  note: EventNote;
  commentDocumentId?: string | null;
}

/** A post's reward window, as the window statement aliases it. */
interface WindowRow {
  settled_at: unknown;
  cashout_at: unknown;
}

export function createLedgerStatements(strapi: Core.Strapi) {
  let sql: ReturnType<typeof build> | null = null;
  function build() {
    const E = tableOf(strapi, UID.event);
    const R = tableOf(strapi, UID.rewardPost);
    const e = E.column;
    const r = R.column;
    const eventColumns = ['type', 'postDocumentId', 'boardDocumentId', 'memberId', 'authorId', 'at', 'votePower', 'weight', 'note', 'commentDocumentId'].map(e);
    return {
      window: `SELECT ${r('settledAt')} AS settled_at, ${r('cashoutAt')} AS cashout_at FROM ${R.table} WHERE ${r('postDocumentId')} = ?`,
      openWindow: `INSERT INTO ${R.table} (${r('documentId')}, ${r('postDocumentId')}, ${r('boardDocumentId')}, ${r('authorId')}, ${r('openedAt')}, ${r('cashoutAt')}, ${r('createdAt')}, ${r('updatedAt')}, ${r('publishedAt')})
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (${r('postDocumentId')}) DO NOTHING`,
      lastState: `SELECT id, ${e('at')} AS at FROM ${E.table} WHERE ${e('postDocumentId')} = ? AND ${e('memberId')} = ? AND ${e('type')} IN ('like', 'unlike', 'downvote') ORDER BY id DESC LIMIT 1`,
      replaceState: `UPDATE ${E.table} SET ${eventColumns.map((c) => `${c} = ?`).join(', ')}, ${e('updatedAt')} = ? WHERE id = ?`,
      addEvent: `INSERT INTO ${E.table} (${e('documentId')}, ${eventColumns.join(', ')}, ${e('createdAt')}, ${e('updatedAt')}, ${e('publishedAt')}) VALUES (?, ${eventColumns.map(() => '?').join(', ')}, ?, ?, ?)`,
      likesToday: `SELECT count(*) AS n FROM ${E.table} WHERE ${e('boardDocumentId')} = ? AND ${e('memberId')} = ? AND ${e('type')} = ? AND ${e('weight')} > 0 AND ${e('at')} >= ?`,
    };
  }
  const S = () => (sql ??= build());
  const values = (event: LedgerEvent) => [
    event.type,
    event.post.documentId,
    event.post.board!.documentId,
    event.memberId,
    event.post.authorId,
    event.at,
    event.votePower,
    event.weight,
    event.note,
    event.commentDocumentId ?? null,
  ];

  return {
    /** The post's reward window: opened when the post was written, closing cashoutSeconds later; the row exists once something happened. */
    async openRewardWindow(st: Statements, post: PostForRewards, economics: BoardEconomics, now: number): Promise<{ open: boolean; cashoutAt: number }> {
      const existing = await st.get<WindowRow>(S().window, [post.documentId]);
      if (existing) return { open: existing.settled_at === null && n(existing.cashout_at) > now, cashoutAt: n(existing.cashout_at) };
      const cashoutAt = post.createdAt + economics.cashoutSeconds * 1000;
      if (cashoutAt <= now) return { open: false, cashoutAt };
      const at = new Date(now);
      await st.run(S().openWindow, [newDocumentId(), post.documentId, post.board!.documentId, post.authorId, post.createdAt, cashoutAt, at, at, at]);
      return { open: true, cashoutAt };
    },

    /** When the post's reward window closes, as far as its ledger is concerned (no window: never). */
    async cashoutOf(st: Statements, postDocumentId: string): Promise<number> {
      const row = await st.get<WindowRow>(S().window, [postDocumentId]);
      return row ? n(row.cashout_at) : Infinity;
    },

    /** Weighted likes of the member on the board since the start of the UTC day. */
    async likesSince(st: Statements, boardDocumentId: string, memberId: number, since: number): Promise<number> {
      return n((await st.get(S().likesToday, [boardDocumentId, memberId, 'like', since]))?.n);
    },

    /**
     * The ledger's one vote state (like, unlike or downvote) per member, post
     * and period (up to the cashout, after it): a later state in the same
     * period replaces the earlier row, so like/unlike loops keep at most two
     * rows, and a downvote replaces the member's like as a re-vote does in the
     * contract. Runs after the
     * flip of the member's like row, which serializes two requests of the
     * same member on the same post.
     */
    async recordLikeState(st: Statements, event: LedgerEvent, cashoutAt: number): Promise<void> {
      const stamp = new Date(event.at);
      const last = await st.get<{ id: number; at: unknown }>(S().lastState, [event.post.documentId, event.memberId]);
      const samePeriod = !!last && n(last.at) <= cashoutAt === event.at <= cashoutAt;
      if (samePeriod) await st.run(S().replaceState, [...values(event), stamp, last.id]);
      else await st.run(S().addEvent, [newDocumentId(), ...values(event), stamp, stamp, stamp]);
    },

    /** An engagement event (a comment, an attendance) appended to the ledger. */
    async addEvent(st: Statements, event: LedgerEvent): Promise<void> {
      const stamp = new Date(event.at);
      await st.run(S().addEvent, [newDocumentId(), ...values(event), stamp, stamp, stamp]);
    },
  };
}

export type LedgerStatements = ReturnType<typeof createLedgerStatements>;
