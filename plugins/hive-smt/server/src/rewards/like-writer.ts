/**
 * Likes and unlikes, written in batches: requests that arrive while a batch
 * is being written wait for the next one, and each batch is one transaction
 * (one commit, one fsync) in which every request has its own savepoint — a
 * request that fails rolls back alone, and answers only once its batch is
 * committed. Under load, batches grow by themselves; alone, a like is a batch
 * of one.
 *
 * What a like records is what it always did (engagement.ts describes it):
 * one like row per member and post flipped with a conditional upsert, the
 * reward window opened, the member's vote power spent by compare-and-set, the
 * weight the board's trust rule gives, and the ledger's one like/unlike state
 * per period — now as a few fixed statements per request (statements.ts)
 * instead of query-builder calls, with what every request of a batch needs
 * (the posts, the mutes, the members' standing) read once per batch.
 *
 * Readers hear of the change through `strapi.eventHub`: LIKES_CHANGED_EVENT
 * with the posts' documentIds, emitted inside the batch's transaction.
 */
import type { Core } from '@strapi/strapi';
import { readEconomics, type BoardEconomics } from './economics';
import { powerAfterLike, votePowerAt } from './vote-power';
import { SCOT_MAX_VOTING_POWER } from '../chain/protocol';
import { UID, n, newDocumentId, startOfUtcDay, tableOf } from '../core/db';
import { PluginError } from '../core/errors';
import { isActive, mutedError, readMutes } from '../curation/mutes';
import { loadStandings } from './standing';
import { likeWeight, qualifies, type MemberStanding } from './trust';
import { statementsIn, type Statements } from './statements';
import type { LedgerStatements } from './ledger-statements';
import type { PostCache } from './post-cache';
import type { EventNote } from './rows';
import type { LikeResult, PostForRewards } from './published-posts';

import { LIKES_CHANGED_EVENT } from '../core/events';

export { LIKES_CHANGED_EVENT };

/** Most requests in one transaction: a batch stays short however long the queue. */
const MAX_BATCH = 200;

interface Request {
  kind: 'like' | 'unlike';
  documentId: string;
  member: { id: number; username?: string };
  resolve: (result: LikeResult) => void;
  reject: (error: unknown) => void;
}

/** A vote-power row as the power statement aliases it. */
interface PowerRow {
  id: number;
  power: unknown;
  at: unknown;
  version: unknown;
}

export function createLikeWriter(strapi: Core.Strapi, deps: { ledger: LedgerStatements; posts: PostCache; changedBoard?: (boardDocumentId: string) => void }) {
  const { ledger, posts } = deps;
  const queue: Request[] = [];
  let writing = false;

  // The like and vote-power SQL, from Strapi's metadata (the column names the query layer uses), built once.
  let sql: ReturnType<typeof buildSql> | null = null;
  function buildSql() {
    const L = tableOf(strapi, UID.like);
    const V = tableOf(strapi, UID.votePower);
    const l = L.column;
    const v = V.column;
    return {
      // Inserted active, or flipped from inactive: a row comes back only when this request made the like.
      like: `INSERT INTO ${L.table} (${l('documentId')}, ${l('postDocumentId')}, ${l('boardDocumentId')}, ${l('memberId')}, ${l('active')}, ${l('likedAt')}, ${l('weight')}, ${l('createdAt')}, ${l('updatedAt')}, ${l('publishedAt')})
             VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)
             ON CONFLICT (${l('postDocumentId')}, ${l('memberId')}) DO UPDATE SET ${l('active')} = ?, ${l('likedAt')} = ?, ${l('updatedAt')} = ?
             WHERE ${L.table}.${l('active')} = ? RETURNING id`,
      unlike: `UPDATE ${L.table} SET ${l('active')} = ?, ${l('weight')} = 0, ${l('updatedAt')} = ? WHERE ${l('postDocumentId')} = ? AND ${l('memberId')} = ? AND ${l('active')} = ?`,
      likeWeight: `SELECT ${l('weight')} AS weight FROM ${L.table} WHERE ${l('postDocumentId')} = ? AND ${l('memberId')} = ?`,
      setWeight: `UPDATE ${L.table} SET ${l('weight')} = ? WHERE id = ?`,
      likeCount: `SELECT count(*) AS n FROM ${L.table} WHERE ${l('postDocumentId')} = ? AND ${l('active')} = ?`,
      addPower: `INSERT INTO ${V.table} (${v('documentId')}, ${v('boardDocumentId')}, ${v('memberId')}, ${v('power')}, ${v('at')}, ${v('version')}, ${v('createdAt')}, ${v('updatedAt')}, ${v('publishedAt')})
             VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?) ON CONFLICT (${v('boardDocumentId')}, ${v('memberId')}) DO NOTHING`,
      power: `SELECT id, ${v('power')} AS power, ${v('at')} AS at, ${v('version')} AS version FROM ${V.table} WHERE ${v('boardDocumentId')} = ? AND ${v('memberId')} = ?`,
      spendPower: `UPDATE ${V.table} SET ${v('power')} = ?, ${v('at')} = ?, ${v('version')} = ?, ${v('updatedAt')} = ? WHERE id = ? AND ${v('version')} = ?`,
    };
  }
  const S = () => (sql ??= buildSql());

  /** Spends one like's worth of the member's vote power on this board; returns the power before (the like's weight). */
  async function spendVotePower(st: Statements, boardDocumentId: string, memberId: number, now: number, economics: BoardEconomics): Promise<number> {
    const at = new Date(now);
    await st.run(S().addPower, [newDocumentId(), boardDocumentId, memberId, SCOT_MAX_VOTING_POWER, now, at, at, at]);
    // Compare-and-set on the row's version: two likes of one member never spend the same power twice (PostgreSQL runs batches side by side).
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const row = (await st.get<PowerRow>(S().power, [boardDocumentId, memberId]))!;
      const power = votePowerAt({ power: n(row.power), at: n(row.at) }, now, economics.votePower);
      const after = powerAfterLike(power, economics.votePower);
      if ((await st.run(S().spendPower, [after, Math.max(now, n(row.at)), n(row.version) + 1, at, row.id, row.version])) > 0) return power;
    }
    throw new Error('Vote power is being updated by other requests; try again.');
  }

  async function currentPower(st: Statements, boardDocumentId: string, memberId: number, now: number, economics: BoardEconomics): Promise<number> {
    const row = await st.get<PowerRow>(S().power, [boardDocumentId, memberId]);
    return row ? votePowerAt({ power: n(row.power), at: n(row.at) }, now, economics.votePower) : SCOT_MAX_VOTING_POWER;
  }

  interface BatchContext {
    standings: Map<number, MemberStanding>;
  }

  async function like(
    st: Statements,
    request: Request,
    post: PostForRewards,
    context: BatchContext,
  ): Promise<Omit<LikeResult, 'likeCount' | 'documentId' | 'liked'>> {
    const { member, documentId } = request;
    const economics = readEconomics(post.board);
    const board = post.board!;
    const now = Date.now();
    const at = new Date(now);
    const made = await st.get<{ id: number }>(S().like, [
      newDocumentId(),
      documentId,
      board.documentId,
      member.id,
      true,
      now,
      at,
      at,
      at,
      true,
      now,
      at,
      false,
    ]);
    if (!made) {
      const row = await st.get(S().likeWeight, [documentId, member.id]);
      return { changed: false, votePower: null, weight: n(row?.weight), note: null };
    }
    let note: EventNote = null;
    let votePower = 0;
    let weight = 0;
    let cashoutAt = Infinity;
    if (!economics) note = 'no-token';
    else {
      const window = await ledger.openRewardWindow(st, post, economics, now);
      cashoutAt = window.cashoutAt;
      if (post.authorId === member.id) note = 'self-like';
      else if (economics.mutedUsernames.includes(String(member.username ?? '').toLowerCase())) note = 'muted';
      else if (!window.open) note = 'after-cashout';
      else if (economics.dailyLikeLimit !== null && (await ledger.likesSince(st, board.documentId, member.id, startOfUtcDay(now))) >= economics.dailyLikeLimit)
        note = 'daily-like-limit';
      // Likes worth nothing spend nothing: self-likes and muted members cannot drain or game the power.
      votePower =
        note === null
          ? await spendVotePower(st, board.documentId, member.id, now, economics)
          : await currentPower(st, board.documentId, member.id, now, economics);
      if (note === null) {
        // A member the board's rule does not trust yet likes with a small share of their power.
        const qualified = qualifies(context.standings.get(member.id), economics.trust, now);
        weight = likeWeight(votePower, qualified, economics.trust);
        if (!qualified) note = 'new-member';
      }
    }
    if (weight !== 0) await st.run(S().setWeight, [weight, made.id]);
    await ledger.recordLikeState(st, { type: 'like', post, memberId: member.id, at: now, votePower, weight, note }, cashoutAt);
    return { changed: true, votePower: economics ? votePower : null, weight, note };
  }

  async function unlike(st: Statements, request: Request, post: PostForRewards): Promise<Omit<LikeResult, 'likeCount' | 'documentId' | 'liked'>> {
    const now = Date.now();
    const flipped = await st.run(S().unlike, [false, new Date(now), request.documentId, request.member.id, true]);
    if (!flipped) return { changed: false, votePower: null, weight: 0, note: null };
    // Vote power is not refunded: like/unlike loops drain it.
    await ledger.recordLikeState(
      st,
      { type: 'unlike', post, memberId: request.member.id, at: now, votePower: 0, weight: 0, note: null },
      await ledger.cashoutOf(st, request.documentId),
    );
    return { changed: true, votePower: null, weight: 0, note: null };
  }

  async function writeBatch(batch: Request[]): Promise<void> {
    // What every request needs, read once: the posts, the editors' mutes, the members' standing.
    const [found, mutes, standings] = await Promise.all([
      posts.get(batch.map((r) => r.documentId)),
      readMutes(strapi),
      loadStandings(
        strapi,
        batch.filter((r) => r.kind === 'like').map((r) => r.member.id),
      ),
    ]);
    const accepted: Array<{ request: Request; post: PostForRewards }> = [];
    for (const request of batch) {
      const mute = mutes[String(request.member.id)];
      const post = found.get(request.documentId);
      // An editor's mute (Curation page) stops likes as it stops posts, comments and edits; unliking stays possible.
      if (request.kind === 'like' && isActive(mute)) request.reject(mutedError(mute!));
      else if (!post || !post.board || !post.board.active) {
        request.reject(new PluginError(404, 'No published post with this id: check the documentId (drafts and posts of closed boards cannot be liked).'));
      } else accepted.push({ request, post });
    }
    if (accepted.length === 0) return;

    const results = new Map<Request, Omit<LikeResult, 'likeCount' | 'documentId' | 'liked'>>();
    const failures = new Map<Request, unknown>();
    const counts = new Map<string, number>();
    await strapi.db.transaction(async ({ trx }) => {
      const st = await statementsIn(strapi, trx);
      for (const { request, post } of accepted) {
        await st.exec('SAVEPOINT hive_smt_like');
        try {
          results.set(request, request.kind === 'like' ? await like(st, request, post, { standings }) : await unlike(st, request, post));
          await st.exec('RELEASE SAVEPOINT hive_smt_like');
        } catch (error) {
          await st.exec('ROLLBACK TO SAVEPOINT hive_smt_like');
          await st.exec('RELEASE SAVEPOINT hive_smt_like');
          failures.set(request, error);
        }
      }
      const changedPosts = [...new Set(accepted.filter(({ request }) => results.get(request)?.changed).map(({ request }) => request.documentId))];
      for (const documentId of new Set(accepted.map(({ request }) => request.documentId)))
        counts.set(documentId, n((await st.get(S().likeCount, [documentId, true]))?.n));
      if (changedPosts.length) await strapi.eventHub.emit(LIKES_CHANGED_EVENT, { postDocumentIds: changedPosts });
    });
    const boards = new Set<string>();
    for (const { request, post } of accepted) {
      const failure = failures.get(request);
      if (failure !== undefined) {
        request.reject(failure);
        continue;
      }
      const result = results.get(request)!;
      if (result.changed) boards.add(post.board!.documentId);
      request.resolve({ documentId: request.documentId, liked: request.kind === 'like', likeCount: counts.get(request.documentId) ?? 0, ...result });
    }
    for (const board of boards) deps.changedBoard?.(board);
  }

  async function drain(): Promise<void> {
    if (writing) return;
    writing = true;
    try {
      while (queue.length > 0) {
        const batch = queue.splice(0, MAX_BATCH);
        try {
          await writeBatch(batch);
        } catch (error) {
          // The batch's transaction failed as a whole (nothing of it was written): every request in it hears why.
          for (const request of batch) request.reject(error);
        }
      }
    } finally {
      writing = false;
    }
  }

  function enqueue(kind: Request['kind'], documentId: string, member: Request['member']): Promise<LikeResult> {
    return new Promise((resolve, reject) => {
      queue.push({ kind, documentId, member, resolve, reject });
      // Requests arriving in the same turn of the event loop (and while a batch is written) share a batch.
      if (!writing && queue.length === 1) setImmediate(() => void drain());
    });
  }

  return {
    like: (documentId: string, member: Request['member']) => enqueue('like', documentId, member),
    unlike: (documentId: string, member: Request['member']) => enqueue('unlike', documentId, member),
  };
}
