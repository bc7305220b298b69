/**
 * Reward periods on the database: emission accrues into each board's pool per
 * interval; when posts' cashout windows close, the pool is settled with the
 * rule of settle.ts, and the period, its allocations and the carry-over are
 * written in one transaction. Rows are claimed with conditional updates
 * (settledAt IS NULL, the pool's version), so two instances never settle the
 * same post or spend the same pool twice.
 */
import type { Core } from '@strapi/strapi';
import { readEconomics, type BoardEconomics } from './economics';
import { emissionForIntervals, projectedPoolAt, wholeIntervalsBetween } from './emission';
import type { RewardParams, RewardPost } from './math';
import { estimatePost, planSettlement, type PostEstimate } from './settle';
import { UID, USER_UID, big, changed, insertIfAbsent, n, nn, q, utcDay } from '../core/db';
import type { BoardRow, CommentRow, MemberRow, PostRow } from '../host/rows';
import type { HostModel } from '../host/model';
import type { AllocationRow, LedgerEventRow, PeriodRow, PoolRecord, RewardPostRow } from './rows';
import { loadStandings } from './standing';
import { addEarnings, earningsOf } from './earnings';
import { qualifies, type TrustRule } from './trust';
import { appTaxSplit, contractAppName, takeAppTax } from './pool-rules';

export interface PoolRow {
  id: number;
  boardDocumentId: string;
  symbol: string;
  precision: number;
  startedAt: number;
  accruedUntil: number;
  intervalsAccrued: number;
  pool: bigint;
  emissionSincePeriod: bigint;
  carryIn: bigint;
  lastPeriodAt: number | null;
  version: number;
}

const toPool = (row: PoolRecord): PoolRow => ({
  id: row.id,
  boardDocumentId: row.boardDocumentId,
  symbol: row.symbol,
  precision: n(row.precision),
  startedAt: n(row.startedAt),
  accruedUntil: n(row.accruedUntil),
  intervalsAccrued: n(row.intervalsAccrued),
  pool: big(row.pool),
  emissionSincePeriod: big(row.emissionSincePeriod),
  carryIn: big(row.carryIn),
  lastPeriodAt: nn(row.lastPeriodAt),
  version: n(row.version),
});

/** Most intervals accrued in one step (a server that was down for long catches up over a few ticks). */
const MAX_INTERVALS_PER_STEP = 100000;

export interface SettledPeriod {
  periodId: number;
  boardDocumentId: string;
  pool: bigint;
  distributed: bigint;
  carryOver: bigint;
  posts: number;
}

/** How long a board's estimate inputs are reused when nothing in this process changed them: what another instance's likes may lag. */
const ESTIMATE_TTL_MS = 2000;
const MAX_CACHED_BOARDS = 500;

/** A pool in the board's current token with nothing in it yet: a board's first, or one whose token changed. */
const freshPool = (economics: BoardEconomics, now: number) => ({
  symbol: economics.symbol,
  precision: economics.precision,
  startedAt: now,
  accruedUntil: now,
  intervalsAccrued: 0,
  pool: '0',
  emissionSincePeriod: '0',
  carryIn: '0',
});

export function createRewardPeriods(strapi: Core.Strapi, types: HostModel, options: { appName: () => string }) {
  const estimateInputs = new Map<string, { expiresAt: number; value: { posts: RewardPost[]; params: RewardParams } }>();

  async function loadPool(boardDocumentId: string): Promise<PoolRow | null> {
    const row = await q<PoolRecord>(strapi, UID.pool).findOne({ where: { boardDocumentId } });
    return row ? toPool(row) : null;
  }

  /** Creates the board's pool on first sight and adds the emission of every whole interval since accruedUntil. */
  async function accrue(boardDocumentId: string, economics: BoardEconomics, now: number): Promise<PoolRow> {
    await insertIfAbsent(strapi, UID.pool, { boardDocumentId, ...freshPool(economics, now), version: 1 }, ['boardDocumentId']);
    let pool = (await loadPool(boardDocumentId))!;
    if (pool.symbol !== economics.symbol || pool.precision !== economics.precision) {
      // A new token: base units of the old one mean nothing in it. The pool starts over (unpaid allocations keep their own symbol).
      strapi.log.warn(
        `[hive-smt] board ${boardDocumentId} now rewards in ${economics.symbol}; its ${pool.symbol} pool (${pool.pool} base units) starts over at 0.`,
      );
      const reset = { ...freshPool(economics, now), lastPeriodAt: null, version: pool.version + 1 };
      if (!changed(await q(strapi, UID.pool).updateMany({ where: { id: pool.id, version: pool.version }, data: reset })))
        return (await loadPool(boardDocumentId))!;
      pool = (await loadPool(boardDocumentId))!;
    }
    const intervalMs = economics.emission.rewardIntervalSeconds * 1000;
    const count = wholeIntervalsBetween(pool.accruedUntil, now, economics.emission, MAX_INTERVALS_PER_STEP);
    if (count === 0) return pool;
    const emission = emissionForIntervals(pool.intervalsAccrued, count, economics.emission);
    const data = {
      accruedUntil: pool.accruedUntil + count * intervalMs,
      intervalsAccrued: pool.intervalsAccrued + count,
      pool: String(pool.pool + emission),
      emissionSincePeriod: String(pool.emissionSincePeriod + emission),
      version: pool.version + 1,
    };
    await q(strapi, UID.pool).updateMany({ where: { id: pool.id, version: pool.version }, data });
    return (await loadPool(boardDocumentId))!;
  }

  /** Muted members (user ids as text) and posts (documentIds) the economics name. */
  async function mutedOf(economics: BoardEconomics): Promise<{ members: string[]; posts: string[] }> {
    const members = economics.mutedUsernames.length
      ? (await q<MemberRow>(strapi, USER_UID).findMany({ where: { username: { $in: economics.mutedUsernames } }, select: ['id'] })).map((u) => String(u.id))
      : [];
    const posts = economics.mutedPostRefs.length
      ? (
          await types.rows<PostRow>('post').findMany({
            where: { $or: [{ documentId: { $in: economics.mutedPostRefs } }, { slug: { $in: economics.mutedPostRefs } }] },
            select: ['documentId'],
          })
        ).map((p) => p.documentId)
      : [];
    return { members, posts: [...new Set(posts)] };
  }

  /**
   * The reward inputs of unsettled posts, from the ledger: each member's
   * current vote (the last like/unlike/downvote event before the post's cashout),
   * commenters whose comments are still visible, the featured flag; and who
   * may earn under the board's trust rule, as of `now`: a post by an author who
   * may not earns nothing, a liker who may not earns no curation, a commenter
   * who may not adds no comment bonus.
   */
  async function rewardInputs(rewardPosts: RewardPostRow[], now: number, trust: TrustRule): Promise<RewardPost[]> {
    if (rewardPosts.length === 0) return [];
    const ids = rewardPosts.map((r) => r.postDocumentId);
    const [events, published] = await Promise.all([
      q<LedgerEventRow>(strapi, UID.event).findMany({ where: { postDocumentId: { $in: ids }, at: { $lte: now } }, orderBy: [{ at: 'asc' }, { id: 'asc' }] }),
      types.rows<PostRow>('post').findMany({ where: { documentId: { $in: ids }, publishedAt: { $notNull: true } }, select: ['documentId', 'tags'] }),
    ]);
    const commentIds = events.filter((e) => e.type === 'comment' && e.commentDocumentId).map((e) => e.commentDocumentId);
    const visibleComments = new Set(
      commentIds.length
        ? (await types.rows<CommentRow>('comment').findMany({ where: { documentId: { $in: commentIds }, hidden: false }, select: ['documentId'] })).map(
            (c) => c.documentId,
          )
        : [],
    );
    const tagsOf = new Map(published.map((p) => [p.documentId, Array.isArray(p.tags) ? p.tags.map(String) : []]));
    const standings = await loadStandings(strapi, [...rewardPosts.map((r) => r.authorId), ...events.map((e) => e.memberId)]);
    const earns = (memberId: unknown) => qualifies(standings.get(Number(memberId)), trust, now);
    return rewardPosts.map((r) => {
      const cashoutAt = n(r.cashoutAt);
      const own = events.filter((e) => e.postDocumentId === r.postDocumentId && n(e.at) <= cashoutAt);
      const lastLike = new Map<number, LedgerEventRow>();
      const attended: LedgerEventRow[] = [];
      let featured = false;
      const commenters: { member: string }[] = [];
      for (const e of own) {
        if ((e.type === 'like' || e.type === 'unlike' || e.type === 'downvote') && e.memberId) lastLike.set(e.memberId, e);
        else if (e.type === 'featured' || e.type === 'unfeatured') featured = e.type === 'featured';
        // Attendance (engagement.recordAttendance) counts as a like that no unlike withdraws.
        else if (e.type === 'attendance' && e.memberId && n(e.weight) > 0) attended.push(e);
        else if (e.type === 'comment' && e.memberId && e.note !== 'after-cashout' && visibleComments.has(e.commentDocumentId ?? '') && earns(e.memberId))
          commenters.push({ member: String(e.memberId) });
      }
      const likes = [...[...lastLike.values()].filter((e) => e.type === 'like'), ...attended].map((e) => ({
        member: String(e.memberId),
        weight: n(e.weight),
        at: n(e.at),
        earns: earns(e.memberId),
      }));
      // A downvote's ledger weight is negative (minus the downvote power it spent); the engine takes its size off the post's total.
      const downvotes = [...lastLike.values()]
        .filter((e) => e.type === 'downvote' && n(e.weight) < 0)
        .map((e) => ({ member: String(e.memberId), weight: -n(e.weight) }));
      return {
        postId: r.postDocumentId,
        author: String(r.authorId ?? `unknown-${r.postDocumentId}`),
        likes,
        downvotes,
        comments: commenters,
        featured,
        tags: tagsOf.get(r.postDocumentId) ?? [],
        // Unpublished or deleted since, or by an author the board does not trust yet: earns nothing.
        muted: !tagsOf.has(r.postDocumentId) || !r.authorId || !earns(r.authorId),
      };
    });
  }

  async function paramsFor(boardDocumentId: string, economics: BoardEconomics, now: number): Promise<RewardParams> {
    const muted = await mutedOf(economics);
    const earnedToday: Record<string, bigint> = {};
    if (economics.params.dailyCapPerMember !== undefined) {
      const today = await q<AllocationRow>(strapi, UID.allocation).findMany({
        where: { boardDocumentId, day: utcDay(now), symbol: economics.symbol },
        select: ['memberId', 'amount'],
      });
      for (const a of today) if (a.memberId !== null) earnedToday[String(a.memberId)] = (earnedToday[String(a.memberId)] ?? 0n) + big(a.amount);
    }
    return { ...economics.params, mutedMembers: muted.members, mutedPosts: muted.posts, earnedToday };
  }

  /** Settles the board's posts whose cashout window has closed; null when none has. */
  async function settleDue(boardDocumentId: string, economics: BoardEconomics, now: number): Promise<SettledPeriod | null> {
    const due = await q<RewardPostRow>(strapi, UID.rewardPost).findMany({
      where: { boardDocumentId, settledAt: { $null: true }, cashoutAt: { $lte: now } },
      orderBy: { id: 'asc' },
    });
    if (due.length === 0) return null;
    const pending = await q<RewardPostRow>(strapi, UID.rewardPost).findMany({ where: { boardDocumentId, settledAt: { $null: true } } });
    const pool = await loadPool(boardDocumentId);
    if (!pool || pool.symbol !== economics.symbol) return null;
    const posts = await rewardInputs(pending, now, economics.trust);
    const params = await paramsFor(boardDocumentId, economics, now);
    const dueIds = due.map((r) => r.postDocumentId);
    const plan = planSettlement({ pool: pool.pool, posts, due: dueIds, params });
    // Every post Quanzi rewards is made with Quanzi: the app tax applies when the pool taxes other apps than this one.
    const { allocations, taxes } = takeAppTax(plan.allocations, economics.pool.appTaxConfig, contractAppName(options.appName()));
    if (pool.carryIn + pool.emissionSincePeriod !== pool.pool) throw new Error(`Reward pool of board ${boardDocumentId} does not add up; settlement stopped.`);

    return strapi.db.transaction(async () => {
      const claimed = changed(
        await q(strapi, UID.rewardPost).updateMany({ where: { id: { $in: due.map((r) => r.id) }, settledAt: { $null: true } }, data: { settledAt: now } }),
      );
      if (claimed !== due.length) throw new Error('Another instance is settling these posts.');
      const totals = new Map<string, bigint>();
      for (const a of plan.allocations) totals.set(a.postId, (totals.get(a.postId) ?? 0n) + a.amount);
      const period = await q<PeriodRow>(strapi, UID.period).create({
        data: {
          boardDocumentId,
          symbol: economics.symbol,
          precision: economics.precision,
          startedAt: pool.lastPeriodAt ?? pool.startedAt,
          endedAt: now,
          emission: String(pool.emissionSincePeriod),
          carryIn: String(pool.carryIn),
          pool: String(pool.pool),
          distributed: String(plan.distributed),
          carryOver: String(plan.carryOver),
          capped: String(plan.capped.reduce((s, c) => s + c.amount, 0n)),
          postsSettled: due.length,
          details: {
            rule: 'pool = carryIn + emission = distributed + carryOver; carryOver = share of posts still in their window + daily-cap cuts (+ the whole pool when no due post earned)',
            dueShare: String(plan.dueShare),
            posts: dueIds.map((id) => ({ postDocumentId: id, total: String(totals.get(id) ?? 0n) })),
            capped: plan.capped.map((c) => ({ memberId: Number(c.member), amount: String(c.amount) })),
            ...(taxes.length > 0 ? { appTax: taxes.map((t) => ({ postDocumentId: t.postId, account: t.account, amount: String(t.amount) })) } : {}),
          },
        },
      });
      const day = utcDay(now);
      // The app tax is the beneficiary's, an account and not a member: paid to it, never in a member's earnings.
      const rows = [
        ...taxes.map((t) => ({ postId: t.postId, memberId: null, account: t.account, role: 'app-tax', amount: t.amount })),
        ...allocations.map((a) => ({ postId: a.postId, memberId: Number(a.member), account: null, role: a.role, amount: a.amount })),
      ];
      for (const row of rows) {
        await q(strapi, UID.allocation).create({
          data: {
            periodId: period.id,
            boardDocumentId,
            postDocumentId: row.postId,
            memberId: row.memberId,
            account: row.account,
            role: row.role,
            amount: String(row.amount),
            symbol: economics.symbol,
            precision: economics.precision,
            day,
            settledAt: now,
            payoutId: null,
          },
        });
      }
      // The leaderboard's totals, in the same transaction: they never disagree with the allocations.
      await addEarnings(
        strapi,
        earningsOf(
          allocations.map((a) => ({
            boardDocumentId,
            symbol: economics.symbol,
            precision: economics.precision,
            memberId: Number(a.member),
            day,
            amount: a.amount,
          })),
        ),
      );
      for (const r of due) {
        await q(strapi, UID.rewardPost).update({ where: { id: r.id }, data: { periodId: period.id, total: String(totals.get(r.postDocumentId) ?? 0n) } });
      }
      const moved = changed(
        await q(strapi, UID.pool).updateMany({
          where: { id: pool.id, version: pool.version },
          data: { pool: String(plan.carryOver), carryIn: String(plan.carryOver), emissionSincePeriod: '0', lastPeriodAt: now, version: pool.version + 1 },
        }),
      );
      if (!moved) throw new Error('The reward pool changed while settling; settling again next time.');
      estimateInputs.delete(boardDocumentId);
      return { periodId: period.id, boardDocumentId, pool: pool.pool, distributed: plan.distributed, carryOver: plan.carryOver, posts: due.length };
    });
  }

  return {
    accrue,
    settleDue,
    loadPool,

    /** One pass over every board with token rewards: accrue, then settle what is due. */
    async runOnce(now = Date.now()): Promise<SettledPeriod[]> {
      const boards = await types.rows<BoardRow>('board').findMany({ populate: { economics: true } });
      const settled: SettledPeriod[] = [];
      for (const board of boards) {
        const economics = readEconomics(board);
        if (!economics) continue;
        try {
          await accrue(board.documentId, economics, now);
          const period = await settleDue(board.documentId, economics, now);
          if (period) settled.push(period);
        } catch (error) {
          strapi.log.warn(`[hive-smt] rewards of board "${board.name}": ${(error as Error).message}`);
        }
      }
      return settled;
    },

    /** A post's expected reward if settled with today's pool grown to its cashout time (no other change assumed). */
    async estimate(
      post: { documentId: string; board: Pick<BoardRow, 'documentId' | 'tokenSymbol' | 'economics'> },
      now = Date.now(),
    ): Promise<{ economics: BoardEconomics; rewardPost: RewardPostRow | null; estimate: PostEstimate; projectedPool: bigint } | null> {
      const economics = readEconomics(post.board);
      if (!economics) return null;
      const rewardPost = await q<RewardPostRow>(strapi, UID.rewardPost).findOne({ where: { postDocumentId: post.documentId } });
      if (!rewardPost || rewardPost.settledAt !== null)
        return { economics, rewardPost, estimate: { total: 0n, author: 0n, curators: 0n, bonus: 0n, appTax: 0n }, projectedPool: 0n };
      const pool = await loadPool(post.board.documentId);
      // No pool yet, or one in the board's previous token: the next rewards pass starts a fresh one.
      const current = pool && pool.symbol === economics.symbol ? pool : null;
      const projected = projectedPoolAt(current, n(rewardPost.cashoutAt), now, economics.emission, MAX_INTERVALS_PER_STEP);
      const { posts, params } = await boardInputs(post.board.documentId, economics, now);
      const estimate = estimatePost(projected, posts, post.documentId, params);
      const { tax, rest } = appTaxSplit(estimate.author, economics.pool.appTaxConfig, contractAppName(options.appName()));
      return { economics, rewardPost, estimate: { ...estimate, author: rest, appTax: tax }, projectedPool: projected };
    },

    /** Estimates read after an engagement change on this board are computed afresh (this process; other instances within ESTIMATE_TTL_MS). */
    forgetEstimates(boardDocumentId?: string) {
      if (boardDocumentId === undefined) estimateInputs.clear();
      else estimateInputs.delete(boardDocumentId);
    },
  };

  /**
   * What every estimate of a board's posts reads (its pending posts with their
   * likes, comments and flags, the muted lists, today's earnings), once per
   * change: readers of many posts' estimates on one board cost one read of it.
   */
  async function boardInputs(boardDocumentId: string, economics: BoardEconomics, now: number): Promise<{ posts: RewardPost[]; params: RewardParams }> {
    const cached = estimateInputs.get(boardDocumentId);
    if (cached && cached.expiresAt > now) return cached.value;
    const pending = await q<RewardPostRow>(strapi, UID.rewardPost).findMany({ where: { boardDocumentId, settledAt: { $null: true } } });
    const value = { posts: await rewardInputs(pending, now, economics.trust), params: await paramsFor(boardDocumentId, economics, now) };
    if (estimateInputs.size >= MAX_CACHED_BOARDS) estimateInputs.delete(estimateInputs.keys().next().value as string);
    estimateInputs.set(boardDocumentId, { expiresAt: now + ESTIMATE_TTL_MS, value });
    return value;
  }
}

export type RewardPeriods = ReturnType<typeof createRewardPeriods>;
