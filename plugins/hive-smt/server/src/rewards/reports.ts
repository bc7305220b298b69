/**
 * What members and frontends read about rewards: a member's balance and
 * history, a post's pending reward, a board's leaderboard. Amounts are shown
 * both as the chain writes them ("12.345") and in base units (text).
 */
import type { Core } from '@strapi/strapi';
import type { HiveChain } from '../chain/hive-chain';
import type { HiveSmtConfig } from '../config';
import { presentationOf, readEconomics } from './economics';
import { loadPublishedPost } from './engagement';
import type { RewardPeriods } from './periods';
import { formatQuantity } from './quantity';
import { UID, big, n, q, tableOf, utcDay } from '../core/db';
import { PluginError } from '../core/errors';
import type { AccountLinkRow } from '../accounts/rows';
import type { BoardRow, MemberRow } from '../host/rows';
import type { HostModel } from '../host/model';
import type { PayoutLine } from '../payouts/lines';
import type { AllocationRow, RewardPostRow } from './rows';
import { ALL_TIME } from './earnings';

const DAY_MS = 24 * 3600 * 1000;

/** spent: the member paid a merchant with it from their custodial balance (its line is the treasury's transfer to the merchant). */
export type AllocationState = 'pending' | 'scheduled' | 'paid' | 'failed' | 'spent';

const amount = (units: bigint, precision: number) => ({ amount: formatQuantity(units, precision), baseUnits: units.toString() });
const iso = (ms: unknown) => (ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString());

export function txLink(template: string, id: string | null | undefined): string | null {
  return id && template ? template.replace('{txId}', encodeURIComponent(id)) : null;
}

export function createRewardReports(
  strapi: Core.Strapi,
  deps: { types: HostModel; chain: () => HiveChain | undefined; config: HiveSmtConfig; periods: RewardPeriods },
) {
  const { config, types } = deps;

  async function boardsByDocumentId(ids: string[]): Promise<Map<string, BoardRow>> {
    if (ids.length === 0) return new Map();
    const boards = await types.rows<BoardRow>('board').findMany({
      where: { documentId: { $in: ids } },
      select: ['documentId', 'slug', 'name', 'tokenSymbol'],
      populate: { economics: true },
    });
    return new Map(boards.map((b) => [b.documentId, b]));
  }

  /**
   * The board's top earners from the totals kept at settlement (earnings.ts):
   * all time, one row per member; the last `days` UTC days (today included),
   * at most that many rows per member. Ties go to the lower member id.
   */
  async function topEarners(
    boardDocumentId: string,
    symbol: string | null,
    options: { limit: number; days?: number },
    now: number,
  ): Promise<{ top: Array<[number, bigint]>; precision: number }> {
    const earnings = tableOf(strapi, UID.earning);
    const col = earnings.column;
    const query = strapi.db.connection(earnings.table).where(col('boardDocumentId'), boardDocumentId);
    if (symbol) query.where(col('symbol'), symbol);
    if (options.days) query.where(col('day'), '>=', utcDay(now - (options.days - 1) * DAY_MS)).whereNot(col('day'), ALL_TIME);
    else query.where(col('day'), ALL_TIME);
    const rows = (await query
      .select({ memberId: col('memberId') })
      .sum({ total: col('amount') })
      .max({ precision: col('precision') })
      .groupBy(col('memberId'))
      .orderBy([
        { column: 'total', order: 'desc' },
        { column: col('memberId'), order: 'asc' },
      ])
      .limit(options.limit)) as Array<{ memberId: number | string; total: number | string; precision: number | string }>;
    return {
      top: rows.map((r) => [Number(r.memberId), BigInt(String(r.total).split('.')[0])] as [number, bigint]),
      precision: rows[0] ? n(rows[0].precision) : 0,
    };
  }

  return {
    async memberRewards(memberId: number, options: { limit: number }) {
      const [link, allocations, stakedLines] = await Promise.all([
        q<AccountLinkRow>(strapi, UID.accountLink).findOne({ where: { userId: memberId } }),
        q<AllocationRow>(strapi, UID.allocation).findMany({ where: { memberId }, orderBy: [{ settledAt: 'desc' }, { id: 'desc' }] }),
        q<PayoutLine>(strapi, UID.payout).findMany({ where: { memberId, stake: true, state: 'paid' }, select: ['boardDocumentId', 'symbol', 'amount'] }),
      ]);
      const stakedOf = new Map<string, bigint>();
      for (const l of stakedLines) stakedOf.set(`${l.boardDocumentId}|${l.symbol}`, (stakedOf.get(`${l.boardDocumentId}|${l.symbol}`) ?? 0n) + big(l.amount));
      const payoutIds = [...new Set(allocations.map((a) => a.payoutId).filter((id) => id !== null && id !== undefined))];
      const lines = payoutIds.length ? await q<PayoutLine>(strapi, UID.payout).findMany({ where: { id: { $in: payoutIds } } }) : [];
      const lineById = new Map(lines.map((l) => [l.id, l]));
      const boards = await boardsByDocumentId([...new Set(allocations.map((a) => a.boardDocumentId))]);
      const stateOf = (a: AllocationRow): AllocationState => {
        const line = a.payoutId ? lineById.get(a.payoutId) : null;
        if (!line) return 'pending';
        if (line.reference) return 'spent';
        return line.state === 'paid' ? 'paid' : line.state === 'failed' ? 'failed' : 'scheduled';
      };

      const totals = new Map<
        string,
        { boardDocumentId: string; symbol: string; precision: number; pending: bigint; scheduled: bigint; paid: bigint; failed: bigint; spent: bigint }
      >();
      for (const a of allocations) {
        const key = `${a.boardDocumentId}|${a.symbol}`;
        const t = totals.get(key) ?? {
          boardDocumentId: a.boardDocumentId,
          symbol: a.symbol,
          precision: n(a.precision),
          pending: 0n,
          scheduled: 0n,
          paid: 0n,
          failed: 0n,
          spent: 0n,
        };
        t[stateOf(a)] += big(a.amount);
        totals.set(key, t);
      }
      const chain = deps.chain();
      // Points are not shown as a token anywhere: no balance on Hive-Engine, no transaction links.
      const pointsOf = (boardDocumentId: string) => presentationOf(boards.get(boardDocumentId)?.economics) === 'points';
      const symbols = [...new Set([...totals.values()].filter((t) => !pointsOf(t.boardDocumentId)).map((t) => t.symbol))];
      const balances = new Map<string, { balance: string; stake: string } | null>();
      await Promise.all(
        symbols.map(async (symbol) => {
          if (!link || !chain) return balances.set(symbol, null);
          try {
            const [balance, stake] = await Promise.all([chain.engineBalance(link.account, symbol), chain.engineStake(link.account, symbol)]);
            balances.set(symbol, { balance, stake });
          } catch {
            balances.set(symbol, null);
          }
        }),
      );

      return {
        account: link ? { account: link.account, verifiedAt: iso(link.verifiedAt) } : null,
        balances: [...totals.values()].map((t) => {
          const board = boards.get(t.boardDocumentId);
          const points = pointsOf(t.boardDocumentId);
          return {
            board: { documentId: t.boardDocumentId, slug: board?.slug ?? null, name: board?.name ?? null },
            symbol: t.symbol,
            precision: t.precision,
            pending: formatQuantity(t.pending, t.precision),
            scheduled: formatQuantity(t.scheduled, t.precision),
            paid: formatQuantity(t.paid, t.precision),
            staked: formatQuantity(stakedOf.get(`${t.boardDocumentId}|${t.symbol}`) ?? 0n, t.precision),
            failed: formatQuantity(t.failed, t.precision),
            spent: formatQuantity(t.spent, t.precision),
            presentation: points ? ('points' as const) : ('token' as const),
            onChain: points ? null : (balances.get(t.symbol)?.balance ?? null),
            onChainStake: points ? null : (balances.get(t.symbol)?.stake ?? null),
          };
        }),
        history: allocations.slice(0, options.limit).map((a) => {
          const line = a.payoutId ? lineById.get(a.payoutId) : null;
          const board = boards.get(a.boardDocumentId);
          return {
            id: a.id,
            board: { slug: board?.slug ?? null, name: board?.name ?? null },
            post: a.postDocumentId ? { documentId: a.postDocumentId } : null,
            role: a.role,
            symbol: a.symbol,
            presentation: pointsOf(a.boardDocumentId) ? ('points' as const) : ('token' as const),
            ...amount(big(a.amount), n(a.precision)),
            earnedAt: iso(a.settledAt),
            state: stateOf(a),
            payout: line
              ? {
                  account: line.account,
                  quantity: formatQuantity(big(line.amount), n(line.precision)),
                  txId: line.txId ?? null,
                  engineTxId: line.engineTxId ?? null,
                  blockNum: line.blockNum ?? null,
                  paidAt: iso(line.paidAt),
                  error: line.state === 'paid' ? null : (line.error ?? null),
                  links: pointsOf(a.boardDocumentId)
                    ? { hive: null, engine: null }
                    : {
                        hive: txLink(config.rewards.txUrlTemplate, line.state === 'paid' || line.state === 'failed' ? line.txId : null),
                        engine: txLink(config.rewards.engineTxUrlTemplate, line.engineTxId),
                      },
                }
              : null,
          };
        }),
        total: allocations.length,
      };
    },

    async postRewards(documentId: string, now = Date.now()) {
      const post = await loadPublishedPost(strapi, types, documentId);
      if (!post || !post.board || !post.board.active) throw new PluginError(404, 'No published post with this id.');
      const economics = readEconomics(post.board);
      const base = { documentId, board: { slug: post.board.slug, name: post.board.name } };
      if (!economics)
        return { ...base, status: 'no-token' as const, symbol: null, precision: null, presentation: null, cashoutAt: null, estimate: null, paid: null };
      const zero = { total: 0n, author: 0n, curators: 0n, bonus: 0n, appTax: 0n };
      const shape = (e: typeof zero) => ({
        total: formatQuantity(e.total, economics.precision),
        author: formatQuantity(e.author, economics.precision),
        curators: formatQuantity(e.curators, economics.precision),
        bonus: formatQuantity(e.bonus, economics.precision),
        appTax: formatQuantity(e.appTax, economics.precision),
        baseUnits: e.total.toString(),
      });
      const rewardPost = await q<RewardPostRow>(strapi, UID.rewardPost).findOne({ where: { postDocumentId: documentId } });
      const common = { ...base, symbol: economics.symbol, precision: economics.precision, presentation: economics.presentation };
      if (rewardPost?.settledAt) {
        const allocations = await q<AllocationRow>(strapi, UID.allocation).findMany({ where: { postDocumentId: documentId } });
        const e = { ...zero };
        for (const a of allocations) {
          const units = big(a.amount);
          e.total += units;
          if (a.role === 'author') e.author += units;
          else if (a.role === 'curator') e.curators += units;
          else if (a.role === 'app-tax') e.appTax += units;
          else e.bonus += units;
        }
        return { ...common, status: 'settled' as const, cashoutAt: iso(rewardPost.cashoutAt), estimate: null, paid: shape(e) };
      }
      const cashoutAt = rewardPost ? n(rewardPost.cashoutAt) : post.createdAt + economics.cashoutSeconds * 1000;
      if (!rewardPost) {
        return {
          ...common,
          status: cashoutAt > now ? ('pending' as const) : ('closed' as const),
          cashoutAt: iso(cashoutAt),
          estimate: shape(zero),
          paid: null,
        };
      }
      const result = await deps.periods.estimate({ documentId, board: post.board }, now);
      return { ...common, status: 'pending' as const, cashoutAt: iso(cashoutAt), estimate: shape(result?.estimate ?? zero), paid: null };
    },

    async leaderboard(slug: string, options: { limit: number; days?: number }, now = Date.now()) {
      const board = await types.rows<BoardRow>('board').findOne({ where: { slug, active: true }, populate: { economics: true } });
      if (!board) throw new PluginError(404, `No open board with the web address name "${slug}".`);
      const economics = readEconomics(board);
      const symbol = economics?.symbol ?? (typeof board.economics?.symbol === 'string' ? board.economics.symbol : null) ?? board.tokenSymbol ?? null;
      const { top, precision: storedPrecision } = await topEarners(board.documentId, symbol, options, now);
      const precision = economics?.precision ?? storedPrecision;
      const ids = top.map(([id]) => id);
      const [users, links] = await Promise.all([
        ids.length ? types.rows<MemberRow>('member').findMany({ where: { id: { $in: ids } }, select: ['id', 'username', 'displayName'] }) : Promise.resolve([]),
        ids.length ? q<AccountLinkRow>(strapi, UID.accountLink).findMany({ where: { userId: { $in: ids } } }) : Promise.resolve([]),
      ]);
      const userById = new Map(users.map((u) => [u.id, u]));
      const accountOf = new Map(links.map((l) => [l.userId, l.account]));
      return {
        board: { slug: board.slug, name: board.name, symbol, precision },
        entries: top.map(([memberId, units], i) => ({
          rank: i + 1,
          member: { id: memberId, displayName: userById.get(memberId)?.displayName || userById.get(memberId)?.username || 'a member' },
          account: accountOf.get(memberId) ?? null,
          earned: formatQuantity(units, precision),
          baseUnits: units.toString(),
        })),
      };
    },
  };
}

export type RewardReports = ReturnType<typeof createRewardReports>;
