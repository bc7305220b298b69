/**
 * The Rewards page's read model: per board, this period's pool, pending vs
 * paid and the top earners; the payout batches with their transactions; the
 * tokens added and paid per day.
 */
import { UID, big, n, q } from '../core/db';
import type { BoardRow } from '../host/rows';
import type { ChainJob } from '../jobs/queue';
import type { PayoutLine } from '../payouts/lines';
import { PAYOUT_BATCH } from '../payouts/schedule';
import { readEconomics } from '../rewards/economics';
import { formatQuantity } from '../rewards/quantity';
import { txLink } from '../rewards/reports';
import type { AllocationRow, PeriodRow, PoolRecord, RewardPostRow } from '../rewards/rows';
import type { PluginRuntime } from '../runtime/types';
import type { PayoutBatch, RewardBoard, RewardHistoryPoint, RewardsView } from './views';

const iso = (at: unknown) => (at === null || at === undefined ? null : new Date(Number(at)).toISOString());
const DAY_MS = 24 * 3600 * 1000;

export function rewardsOverview(runtime: PluginRuntime) {
  const { strapi, types, config } = runtime;

  return {
    async boards(): Promise<{ boards: RewardBoard[] }> {
      const boards = await types.rows<BoardRow>('board').findMany({ populate: { economics: true } });
      const out: RewardBoard[] = [];
      for (const board of boards) {
        if (!board.economics) continue;
        const economics = readEconomics(board);
        const symbol = economics?.symbol ?? (typeof board.economics.symbol === 'string' ? board.economics.symbol : null) ?? board.tokenSymbol ?? '';
        const precision = economics?.precision ?? Number(board.economics.precision ?? 3);
        const pool = await q<PoolRecord>(strapi, UID.pool).findOne({ where: { boardDocumentId: board.documentId } });
        const next = await q<RewardPostRow>(strapi, UID.rewardPost).findOne({
          where: { boardDocumentId: board.documentId, settledAt: { $null: true } },
          orderBy: { cashoutAt: 'asc' },
        });
        const allocations = await q<AllocationRow>(strapi, UID.allocation).findMany({
          where: { boardDocumentId: board.documentId, symbol },
          select: ['memberId', 'amount', 'payoutId'],
        });
        const paidLines = await q<PayoutLine>(strapi, UID.payout).findMany({
          where: { boardDocumentId: board.documentId, symbol, state: 'paid' },
          select: ['amount'],
        });
        const paid = paidLines.reduce<bigint>((s, l) => s + big(l.amount), 0n);
        const earned = allocations.reduce<bigint>((s, a) => s + big(a.amount), 0n);
        const top = board.slug ? await runtime.rewards.reports.leaderboard(board.slug, { limit: 5 }).catch(() => null) : null;
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

    async payoutBatches({ limit = 50 }: { limit?: number } = {}): Promise<PayoutBatch[]> {
      const jobs = await q<ChainJob & { createdAt?: string | Date | null }>(strapi, UID.job).findMany({
        where: { kind: PAYOUT_BATCH },
        orderBy: { id: 'desc' },
        limit,
      });
      const lines = jobs.length ? await q<PayoutLine>(strapi, UID.payout).findMany({ where: { jobDocumentId: { $in: jobs.map((j) => j.documentId) } } }) : [];
      const boards = lines.length
        ? await types.rows<Pick<BoardRow, 'documentId' | 'name'>>('board').findMany({
            where: { documentId: { $in: [...new Set(lines.map((l) => l.boardDocumentId))] } },
            select: ['documentId', 'name'],
          })
        : [];
      const boardName = new Map(boards.map((b) => [b.documentId, b.name]));
      return jobs.map((job) => {
        const own = lines.filter((l) => l.jobDocumentId === job.documentId);
        const first = own[0];
        const failed = own.filter((l) => l.state === 'failed');
        const state =
          own.length && own.every((l) => l.state === 'paid')
            ? 'paid'
            : failed.length && job.state !== 'queued' && job.state !== 'leased'
              ? 'failed'
              : job.state === 'leased' || own.some((l) => l.state === 'sending')
                ? 'sending'
                : 'queued';
        const amount = own.filter((l) => l.symbol === first?.symbol).reduce<bigint>((s, l) => s + big(l.amount), 0n);
        const txId = own.find((l) => l.txId)?.txId ?? job.txId ?? null;
        return {
          id: job.documentId,
          boardDocumentId: first?.boardDocumentId ?? null,
          boardName: first ? (boardName.get(first.boardDocumentId) ?? null) : null,
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

    async history({ days = 60 }: { days?: number } = {}): Promise<RewardHistoryPoint[]> {
      const since = Date.now() - days * DAY_MS;
      const [periods, paid] = await Promise.all([
        q<PeriodRow>(strapi, UID.period).findMany({
          where: { endedAt: { $gte: since } },
          select: ['boardDocumentId', 'symbol', 'precision', 'emission', 'endedAt'],
        }),
        q<PayoutLine>(strapi, UID.payout).findMany({
          where: { state: 'paid', paidAt: { $gte: since } },
          select: ['boardDocumentId', 'symbol', 'precision', 'amount', 'paidAt'],
        }),
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
        .map((p) => ({
          day: p.day,
          boardDocumentId: p.boardDocumentId,
          symbol: p.symbol,
          emitted: formatQuantity(p.emitted, p.precision),
          paid: formatQuantity(p.paid, p.precision),
        }));
    },

    /** The Rewards page: "No token economy configured" until a board's rewards are on. */
    async view(): Promise<RewardsView> {
      const [{ boards }, batches, history] = await Promise.all([this.boards(), this.payoutBatches({ limit: 50 }), this.history({ days: 60 })]);
      return { configured: boards.length > 0, canRunPayout: true, boards, batches, history };
    },
  };
}
