import type { Core } from '@strapi/strapi';
import { runtimeOf } from '../runtime';
import { readEconomics } from '../rewards/economics';
import { rewardsOf } from '../rewards/lifecycle';
import { formatQuantity } from '../rewards/quantity';
import { txLink } from '../rewards/reports';
import { BOARD_UID, UID, big, n, q } from '../rewards/store';
import { PAYOUT_BATCH } from '../payouts/schedule';
import { backfillEarnings } from '../rewards/earnings';

const iso = (ms: unknown) => (ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString());

/** Likes as the feed reads them: service('engagement').likeCounts(documentIds, memberId?). */
const engagement = ({ strapi }: { strapi: Core.Strapi }) => ({
  likeCounts: (documentIds: string[], memberId?: number) => rewardsOf(strapi).engagement.likeCounts(documentIds, memberId),
  like: (documentId: string, member: { id: number; username?: string }) => rewardsOf(strapi).engagement.like(documentId, member),
  unlike: (documentId: string, member: { id: number }) => rewardsOf(strapi).engagement.unlike(documentId, member),
  /** Active likes given after a (likedAt, id) mark, oldest first: what the app's notifications read. */
  async likesSince(after: { at: number; id: number }, limit = 500): Promise<Array<{ id: number; postDocumentId: string; memberId: number; likedAt: number }>> {
    const rows: any[] = await q(strapi, UID.like).findMany({
      where: { active: true, $or: [{ likedAt: { $gt: after.at } }, { likedAt: after.at, id: { $gt: after.id } }] },
      select: ['id', 'postDocumentId', 'memberId', 'likedAt'],
      orderBy: [{ likedAt: 'asc' }, { id: 'asc' }],
      limit,
    });
    return rows.map((r) => ({ id: n(r.id), postDocumentId: r.postDocumentId, memberId: n(r.memberId), likedAt: n(r.likedAt) }));
  },
});

/** Account linking for code and tests: the same steps as the REST routes. */
const accounts = ({ strapi }: { strapi: Core.Strapi }) => ({
  createChallenge: (userId: number) => rewardsOf(strapi).linking.createChallenge(userId),
  link: (userId: number, input: { account: string; signature: string; challenge?: string }) => rewardsOf(strapi).linking.link(userId, input),
  linkOf: (userId: number) => rewardsOf(strapi).linking.linkOf(userId),
  purgeExpiredChallenges: (now?: number) => rewardsOf(strapi).linking.purgeExpired(now),
});

/**
 * Rewards for the rest of the plugin and the admin pages: the pass on demand,
 * payout retries, members' and boards' views, and the dashboard's overview
 * (adminOverview, payoutBatches, history, runPayoutNow as admin/rewards-view.ts reads them).
 */
const rewards = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Payments that landed after a (paidAt, id) mark, in that order: what the app's notifications read. */
  async paymentsSince(after: { at: number; id: number }, limit = 500) {
    const rows: any[] = await q(strapi, UID.payout).findMany({
      where: { state: 'paid', $or: [{ paidAt: { $gt: after.at } }, { paidAt: after.at, id: { $gt: after.id } }] },
      select: ['id', 'memberId', 'boardDocumentId', 'symbol', 'precision', 'amount', 'txId', 'paidAt'],
      orderBy: [{ paidAt: 'asc' }, { id: 'asc' }],
      limit,
    });
    return rows.map((r) => ({ id: n(r.id), memberId: n(r.memberId), boardDocumentId: String(r.boardDocumentId), symbol: String(r.symbol), amount: formatQuantity(big(r.amount), n(r.precision)), txId: (r.txId as string) ?? null, paidAt: n(r.paidAt) }));
  },
  tick: (now?: number) => rewardsOf(strapi).tick(now),
  /**
   * Ends the reward windows of a board's open posts now: the next pass settles
   * them as if their cashout time had come (a demo's first period, an
   * administrator closing a board's rewards). Returns how many were open.
   */
  async closeRewardWindows(boardDocumentId: string, now = Date.now()): Promise<number> {
    const open = { boardDocumentId, settledAt: { $null: true } };
    const count = await q(strapi, UID.rewardPost).count({ where: open });
    if (count) await q(strapi, UID.rewardPost).updateMany({ where: open, data: { cashoutAt: now } });
    rewardsOf(strapi).periods.forgetEstimates(boardDocumentId);
    return count;
  },
  /** A board's pool as the rewards pass keeps it (null before its first pass): intervals of emission accrued, base units in it. */
  async poolOf(boardDocumentId: string): Promise<{ intervalsAccrued: number; pool: string; symbol: string } | null> {
    const row: any = await q(strapi, UID.pool).findOne({ where: { boardDocumentId } });
    return row ? { intervalsAccrued: n(row.intervalsAccrued), pool: String(row.pool), symbol: String(row.symbol) } : null;
  },
  schedulePayouts: (options?: { memberId?: number }) => rewardsOf(strapi).scheduler.schedule(options),
  retryPayouts: (filter?: { payoutIds?: number[]; jobDocumentId?: string; boardDocumentId?: string }) => rewardsOf(strapi).retryPayouts(filter),
  memberRewards: (memberId: number, options = { limit: 20 }) => rewardsOf(strapi).reports.memberRewards(memberId, options),
  postRewards: (documentId: string) => rewardsOf(strapi).reports.postRewards(documentId),
  leaderboard: (slug: string, options = { limit: 10 }) => rewardsOf(strapi).reports.leaderboard(slug, options),
  /** Estimates are computed afresh on their next read (all boards, or one). */
  forgetEstimates: (boardDocumentId?: string) => rewardsOf(strapi).periods.forgetEstimates(boardDocumentId),
  /** Builds the leaderboard totals from the allocations when there are none (done once at startup). */
  backfillEarnings: () => backfillEarnings(strapi),

  async adminOverview() {
    const boards: any[] = await q(strapi, BOARD_UID).findMany({ populate: { economics: true } as any });
    const out = [];
    for (const board of boards) {
      if (!board.economics) continue;
      const economics = readEconomics(board);
      const symbol = economics?.symbol ?? board.economics.symbol ?? board.tokenSymbol ?? '';
      const precision = economics?.precision ?? Number(board.economics.precision ?? 3);
      const pool: any = await q(strapi, UID.pool).findOne({ where: { boardDocumentId: board.documentId } });
      const next: any = await q(strapi, UID.rewardPost).findOne({ where: { boardDocumentId: board.documentId, settledAt: { $null: true } }, orderBy: { cashoutAt: 'asc' } });
      const allocations: any[] = await q(strapi, UID.allocation).findMany({ where: { boardDocumentId: board.documentId, symbol }, select: ['memberId', 'amount', 'payoutId'] });
      const paidLines: any[] = await q(strapi, UID.payout).findMany({ where: { boardDocumentId: board.documentId, symbol, state: 'paid' }, select: ['amount'] });
      const paid = paidLines.reduce<bigint>((s, l) => s + big(l.amount), 0n);
      const earned = allocations.reduce<bigint>((s, a) => s + big(a.amount), 0n);
      const top = board.slug ? await rewardsOf(strapi).reports.leaderboard(board.slug, { limit: 5 }).catch(() => null) : null;
      out.push({
        boardDocumentId: board.documentId,
        boardName: board.name,
        symbol,
        precision,
        enabled: economics !== null,
        pool: formatQuantity(pool && pool.symbol === symbol ? big(pool.pool) : 0n, precision),
        periodStartedAt: pool ? iso(pool.lastPeriodAt ?? pool.startedAt) : null,
        nextSettlementAt: next ? iso(next.cashoutAt) : null,
        pending: formatQuantity(earned > paid ? earned - paid : 0n, precision),
        paid: formatQuantity(paid, precision),
        topEarners: (top?.entries ?? []).map((e) => ({ memberId: e.member.id, name: e.member.displayName, account: e.account, amount: e.earned })),
      });
    }
    return { boards: out };
  },

  async payoutBatches({ limit = 50 }: { limit?: number } = {}) {
    const config = runtimeOf(strapi).config;
    const jobs: any[] = await q(strapi, UID.job).findMany({ where: { kind: PAYOUT_BATCH }, orderBy: { id: 'desc' }, limit });
    const lines: any[] = jobs.length ? await q(strapi, UID.payout).findMany({ where: { jobDocumentId: { $in: jobs.map((j) => j.documentId) } } }) : [];
    const boards: any[] = lines.length ? await q(strapi, BOARD_UID).findMany({ where: { documentId: { $in: [...new Set(lines.map((l) => l.boardDocumentId))] } }, select: ['documentId', 'name'] }) : [];
    const boardName = new Map(boards.map((b) => [b.documentId, b.name]));
    return jobs.map((job) => {
      const own = lines.filter((l) => l.jobDocumentId === job.documentId);
      const first = own[0];
      const failed = own.filter((l) => l.state === 'failed');
      const state = own.length && own.every((l) => l.state === 'paid') ? 'paid' : failed.length && job.state !== 'queued' && job.state !== 'leased' ? 'failed' : job.state === 'leased' || own.some((l) => l.state === 'sending') ? 'sending' : 'queued';
      const amount = own.filter((l) => l.symbol === first?.symbol).reduce<bigint>((s, l) => s + big(l.amount), 0n);
      const txId = own.find((l) => l.txId)?.txId ?? job.txId ?? null;
      return {
        id: job.documentId,
        boardDocumentId: first?.boardDocumentId ?? null,
        boardName: first ? boardName.get(first.boardDocumentId) ?? null : null,
        symbol: first?.symbol ?? '',
        state,
        recipients: own.length,
        amount: first ? formatQuantity(amount, n(first.precision)) : '0',
        txId,
        url: txLink(config.rewards.txUrlTemplate, txId),
        createdAt: job.createdAt ? new Date(job.createdAt).toISOString() : null,
        error: failed[0]?.error ?? (job.state === 'dead' ? job.lastError : null),
      };
    });
  },

  async history({ days = 60 }: { days?: number } = {}) {
    const since = Date.now() - days * 24 * 3600 * 1000;
    const [periods, paid] = await Promise.all([
      q(strapi, UID.period).findMany({ where: { endedAt: { $gte: since } }, select: ['boardDocumentId', 'symbol', 'precision', 'emission', 'endedAt'] }) as Promise<any[]>,
      q(strapi, UID.payout).findMany({ where: { state: 'paid', paidAt: { $gte: since } }, select: ['boardDocumentId', 'symbol', 'precision', 'amount', 'paidAt'] }) as Promise<any[]>,
    ]);
    const points = new Map<string, { day: string; boardDocumentId: string; symbol: string; precision: number; emitted: bigint; paid: bigint }>();
    const at = (day: string, board: string, symbol: string, precision: number) => {
      const key = `${day}|${board}|${symbol}`;
      const p = points.get(key) ?? { day, boardDocumentId: board, symbol, precision, emitted: 0n, paid: 0n };
      points.set(key, p);
      return p;
    };
    for (const p of periods) at(iso(p.endedAt)!.slice(0, 10), p.boardDocumentId, p.symbol, n(p.precision)).emitted += big(p.emission);
    for (const l of paid) at(iso(l.paidAt)!.slice(0, 10), l.boardDocumentId, l.symbol, n(l.precision)).paid += big(l.amount);
    return [...points.values()]
      .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0))
      .map((p) => ({ day: p.day, boardDocumentId: p.boardDocumentId, symbol: p.symbol, emitted: formatQuantity(p.emitted, p.precision), paid: formatQuantity(p.paid, p.precision) }));
  },

  /** The admin's "pay now": failed payouts are retried, everything payable is scheduled, the worker looks at once. */
  async runPayoutNow({ boardDocumentId }: { boardDocumentId?: string } = {}) {
    const r = rewardsOf(strapi);
    const retried = await r.retryPayouts(boardDocumentId ? { boardDocumentId } : {});
    const { lines, jobs } = await r.scheduler.schedule();
    await runtimeOf(strapi).worker?.tick();
    return { batches: retried.jobs + jobs, payouts: retried.payouts + lines };
  },
});

export default { engagement, accounts, rewards };
