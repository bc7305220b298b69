/**
 * Likes, downvotes and their withdrawals, written in batches: requests that arrive while a batch
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
 * Downvotes go the same way (the contract's negative vote): the member's one
 * vote row per post becomes a downvote (replacing a like, as a re-vote does),
 * spends the member's downvote power — its own store, refilled over the
 * board's downvoteRegenerationDays — and records a 'downvote' ledger state
 * whose weight is minus that power, which settlement takes off the post's
 * total. A board with disableDownvote refuses them.
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

type VoteKind = 'like' | 'unlike' | 'downvote' | 'undownvote';

interface Request {
  kind: VoteKind;
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
  down_power: unknown;
  down_at: unknown;
}

/** What one vote request recorded, before the batch adds the post's like count. */
type VoteOutcome = Omit<LikeResult, 'likeCount' | 'documentId' | 'liked' | 'downvoted'>;

/** A downvote on a board whose economics turn them off (disableDownvote). */
function downvotesOff(post: PostForRewards): PluginError {
  return new PluginError(
    403,
    `Downvotes are turned off on the board "${post.board?.name ?? post.board?.slug}": you can like the post, or report it if it breaks the board's rules.`,
    {
      board: post.board?.slug,
    },
  );
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
      // Inserted active, or flipped from inactive or from the other kind of vote: a row comes back only when this request made the vote.
      // (Rows written before downvotes existed have downvote NULL: likes, hence IS NOT TRUE rather than = false.)
      vote: `INSERT INTO ${L.table} (${l('documentId')}, ${l('postDocumentId')}, ${l('boardDocumentId')}, ${l('memberId')}, ${l('active')}, ${l('downvote')}, ${l('likedAt')}, ${l('weight')}, ${l('createdAt')}, ${l('updatedAt')}, ${l('publishedAt')})
             VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)
             ON CONFLICT (${l('postDocumentId')}, ${l('memberId')}) DO UPDATE SET ${l('active')} = ?, ${l('downvote')} = ?, ${l('likedAt')} = ?, ${l('weight')} = 0, ${l('updatedAt')} = ?
             WHERE ${L.table}.${l('active')} = ? OR (${L.table}.${l('downvote')} IS TRUE) <> ? RETURNING id`,
      withdraw: `UPDATE ${L.table} SET ${l('active')} = ?, ${l('weight')} = 0, ${l('updatedAt')} = ? WHERE ${l('postDocumentId')} = ? AND ${l('memberId')} = ? AND ${l('active')} = ? AND (${l('downvote')} IS TRUE) = ?`,
      likeWeight: `SELECT ${l('weight')} AS weight FROM ${L.table} WHERE ${l('postDocumentId')} = ? AND ${l('memberId')} = ?`,
      setWeight: `UPDATE ${L.table} SET ${l('weight')} = ? WHERE id = ?`,
      likeCount: `SELECT count(*) AS n FROM ${L.table} WHERE ${l('postDocumentId')} = ? AND ${l('active')} = ? AND ${l('downvote')} IS NOT TRUE`,
      addPower: `INSERT INTO ${V.table} (${v('documentId')}, ${v('boardDocumentId')}, ${v('memberId')}, ${v('power')}, ${v('at')}, ${v('version')}, ${v('createdAt')}, ${v('updatedAt')}, ${v('publishedAt')})
             VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?) ON CONFLICT (${v('boardDocumentId')}, ${v('memberId')}) DO NOTHING`,
      power: `SELECT id, ${v('power')} AS power, ${v('at')} AS at, ${v('version')} AS version, ${v('downvotePower')} AS down_power, ${v('downvoteAt')} AS down_at FROM ${V.table} WHERE ${v('boardDocumentId')} = ? AND ${v('memberId')} = ?`,
      spendPower: `UPDATE ${V.table} SET ${v('power')} = ?, ${v('at')} = ?, ${v('version')} = ?, ${v('updatedAt')} = ? WHERE id = ? AND ${v('version')} = ?`,
      spendDownvotePower: `UPDATE ${V.table} SET ${v('downvotePower')} = ?, ${v('downvoteAt')} = ?, ${v('version')} = ?, ${v('updatedAt')} = ? WHERE id = ? AND ${v('version')} = ?`,
    };
  }
  const S = () => (sql ??= buildSql());

  /**
   * The two stores of a member's power on a board, as a row holds them: vote
   * power (likes) and downvote power (downvotes; a member who never
   * downvoted has it full). Each regenerates by its own parameters.
   */
  const stores = {
    like: {
      state: (row: PowerRow) => ({ power: n(row.power), at: n(row.at) }),
      params: (economics: BoardEconomics) => economics.votePower,
      spend: () => S().spendPower,
    },
    downvote: {
      state: (row: PowerRow) => (row.down_power === null || row.down_power === undefined ? undefined : { power: n(row.down_power), at: n(row.down_at) }),
      params: (economics: BoardEconomics) => economics.downvotePower!,
      spend: () => S().spendDownvotePower,
    },
  };
  type Store = keyof typeof stores;

  /** Spends one full vote's worth of the member's power of that store on this board; returns the power before (the vote's weight). */
  async function spendPower(st: Statements, store: Store, boardDocumentId: string, memberId: number, now: number, economics: BoardEconomics): Promise<number> {
    const at = new Date(now);
    const { state, params, spend } = stores[store];
    await st.run(S().addPower, [newDocumentId(), boardDocumentId, memberId, SCOT_MAX_VOTING_POWER, now, at, at, at]);
    // Compare-and-set on the row's version: two votes of one member never spend the same power twice (PostgreSQL runs batches side by side).
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const row = (await st.get<PowerRow>(S().power, [boardDocumentId, memberId]))!;
      const before = state(row);
      const power = votePowerAt(before, now, params(economics));
      const after = powerAfterLike(power, params(economics));
      if ((await st.run(spend(), [after, Math.max(now, before?.at ?? 0), n(row.version) + 1, at, row.id, row.version])) > 0) return power;
    }
    throw new Error('Vote power is being updated by other requests; try again.');
  }

  async function currentPower(
    st: Statements,
    store: Store,
    boardDocumentId: string,
    memberId: number,
    now: number,
    economics: BoardEconomics,
  ): Promise<number> {
    const row = await st.get<PowerRow>(S().power, [boardDocumentId, memberId]);
    const { state, params } = stores[store];
    return row ? votePowerAt(state(row), now, params(economics)) : SCOT_MAX_VOTING_POWER;
  }

  /** The member's one vote row on the post made this kind of vote (inserted, or flipped); its id, or null when it already was. */
  async function castVote(st: Statements, request: Request, boardDocumentId: string, downvote: boolean, now: number): Promise<{ id: number } | null> {
    const at = new Date(now);
    const made = await st.get<{ id: number }>(S().vote, [
      newDocumentId(),
      request.documentId,
      boardDocumentId,
      request.member.id,
      true,
      downvote,
      now,
      at,
      at,
      at,
      true,
      downvote,
      now,
      at,
      false,
      downvote,
    ]);
    return made ?? null;
  }

  interface BatchContext {
    standings: Map<number, MemberStanding>;
  }

  async function like(st: Statements, request: Request, post: PostForRewards, context: BatchContext): Promise<VoteOutcome> {
    const { member, documentId } = request;
    const economics = readEconomics(post.board);
    const board = post.board!;
    const now = Date.now();
    const made = await castVote(st, request, board.documentId, false, now);
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
          ? await spendPower(st, 'like', board.documentId, member.id, now, economics)
          : await currentPower(st, 'like', board.documentId, member.id, now, economics);
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

  /**
   * A member's downvote: weighs minus the member's downvote power at this
   * moment (the trust rule's share of it for a member the board does not
   * trust yet), spends it, and replaces the member's like if there was one.
   * Downvotes by muted members and after the reward window weigh nothing
   * and spend nothing. Self-downvotes count: they only lower the member's
   * own reward.
   */
  async function downvote(st: Statements, request: Request, post: PostForRewards, context: BatchContext): Promise<VoteOutcome> {
    const { member } = request;
    const economics = readEconomics(post.board);
    if (economics && !economics.downvotePower) throw downvotesOff(post);
    const board = post.board!;
    const now = Date.now();
    const made = await castVote(st, request, board.documentId, true, now);
    if (!made) {
      const row = await st.get(S().likeWeight, [request.documentId, member.id]);
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
      if (economics.mutedUsernames.includes(String(member.username ?? '').toLowerCase())) note = 'muted';
      else if (!window.open) note = 'after-cashout';
      votePower =
        note === null
          ? await spendPower(st, 'downvote', board.documentId, member.id, now, economics)
          : await currentPower(st, 'downvote', board.documentId, member.id, now, economics);
      if (note === null) {
        const qualified = qualifies(context.standings.get(member.id), economics.trust, now);
        weight = -likeWeight(votePower, qualified, economics.trust);
        if (!qualified) note = 'new-member';
      }
    }
    if (weight !== 0) await st.run(S().setWeight, [weight, made.id]);
    await ledger.recordLikeState(st, { type: 'downvote', post, memberId: member.id, at: now, votePower, weight, note }, cashoutAt);
    return { changed: true, votePower: economics ? votePower : null, weight, note };
  }

  /** Withdraws a like or a downvote (`downvoted` says which): the power it spent is not refunded, so loops drain it. The ledger's state becomes 'unlike': no vote. */
  async function withdraw(st: Statements, request: Request, post: PostForRewards, downvoted: boolean): Promise<VoteOutcome> {
    const now = Date.now();
    const flipped = await st.run(S().withdraw, [false, new Date(now), request.documentId, request.member.id, true, downvoted]);
    if (!flipped) return { changed: false, votePower: null, weight: 0, note: null };
    await ledger.recordLikeState(
      st,
      { type: 'unlike', post, memberId: request.member.id, at: now, votePower: 0, weight: 0, note: null },
      await ledger.cashoutOf(st, request.documentId),
    );
    return { changed: true, votePower: null, weight: 0, note: null };
  }

  function vote(st: Statements, request: Request, post: PostForRewards, context: BatchContext): Promise<VoteOutcome> {
    switch (request.kind) {
      case 'like':
        return like(st, request, post, context);
      case 'downvote':
        return downvote(st, request, post, context);
      case 'unlike':
        return withdraw(st, request, post, false);
      case 'undownvote':
        return withdraw(st, request, post, true);
    }
  }

  async function writeBatch(batch: Request[]): Promise<void> {
    // What every request needs, read once: the posts, the editors' mutes, the members' standing.
    const [found, mutes, standings] = await Promise.all([
      posts.get(batch.map((r) => r.documentId)),
      readMutes(strapi),
      loadStandings(
        strapi,
        batch.filter((r) => r.kind === 'like' || r.kind === 'downvote').map((r) => r.member.id),
      ),
    ]);
    const accepted: Array<{ request: Request; post: PostForRewards }> = [];
    for (const request of batch) {
      const mute = mutes[String(request.member.id)];
      const post = found.get(request.documentId);
      // An editor's mute (Curation page) stops likes and downvotes as it stops posts, comments and edits; withdrawing stays possible.
      if ((request.kind === 'like' || request.kind === 'downvote') && isActive(mute)) request.reject(mutedError(mute!));
      else if (!post || !post.board || !post.board.active) {
        request.reject(new PluginError(404, 'No published post with this id: check the documentId (drafts and posts of closed boards cannot be liked).'));
      } else accepted.push({ request, post });
    }
    if (accepted.length === 0) return;

    const results = new Map<Request, VoteOutcome>();
    const failures = new Map<Request, unknown>();
    const counts = new Map<string, number>();
    await strapi.db.transaction(async ({ trx }) => {
      const st = await statementsIn(strapi, trx);
      for (const { request, post } of accepted) {
        await st.exec('SAVEPOINT hive_smt_like');
        try {
          results.set(request, await vote(st, request, post, { standings }));
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
      request.resolve({
        documentId: request.documentId,
        liked: request.kind === 'like',
        downvoted: request.kind === 'downvote',
        likeCount: counts.get(request.documentId) ?? 0,
        ...result,
      });
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

  function enqueue(kind: VoteKind, documentId: string, member: Request['member']): Promise<LikeResult> {
    return new Promise((resolve, reject) => {
      queue.push({ kind, documentId, member, resolve, reject });
      // Requests arriving in the same turn of the event loop (and while a batch is written) share a batch.
      if (!writing && queue.length === 1) setImmediate(() => void drain());
    });
  }

  return {
    like: (documentId: string, member: Request['member']) => enqueue('like', documentId, member),
    unlike: (documentId: string, member: Request['member']) => enqueue('unlike', documentId, member),
    downvote: (documentId: string, member: Request['member']) => enqueue('downvote', documentId, member),
    undownvote: (documentId: string, member: Request['member']) => enqueue('undownvote', documentId, member),
  };
}
