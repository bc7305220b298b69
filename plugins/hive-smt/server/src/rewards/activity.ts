import type { Core } from '@strapi/strapi';
import { UID, big, n, q } from '../core/db';
import type { PayoutLine } from '../payouts/lines';
import { formatQuantity } from './quantity';
import { NOT_DOWNVOTE, type LikeRow, type PoolRecord, type RewardPostRow } from './rows';

/**
 * What happened in the rewards ledger since a mark, for an app that tells its
 * members (likes on their posts, payments that landed), and the two board
 * pool reads and writes a demo or an administrator needs. A mark is
 * (moment, row id): rows with the same moment are taken in id order, so a
 * reader that keeps the last row's mark neither repeats nor skips one.
 */
export interface ActivityMark {
  at: number;
  id: number;
}

export interface LikeActivity {
  id: number;
  postDocumentId: string;
  memberId: number;
  likedAt: number;
}

export interface PaymentActivity {
  id: number;
  memberId: number;
  boardDocumentId: string;
  symbol: string;
  /** Token units with the token's decimals, as Hive-Engine writes them. */
  amount: string;
  txId: string | null;
  paidAt: number;
}

export interface BoardPool {
  intervalsAccrued: number;
  /** Base units in the pool, as text. */
  pool: string;
  symbol: string;
}

const after = (column: string, mark: ActivityMark) => ({ $or: [{ [column]: { $gt: mark.at } }, { [column]: mark.at, id: { $gt: mark.id } }] });

/** Active likes (not downvotes) given after a mark, oldest first. */
export async function likesSince(strapi: Core.Strapi, mark: ActivityMark, limit = 500): Promise<LikeActivity[]> {
  const rows = await q<LikeRow>(strapi, UID.like).findMany({
    where: { active: true, $and: [after('likedAt', mark), NOT_DOWNVOTE] },
    select: ['id', 'postDocumentId', 'memberId', 'likedAt'],
    orderBy: [{ likedAt: 'asc' }, { id: 'asc' }],
    limit,
  });
  return rows.map((r) => ({ id: n(r.id), postDocumentId: r.postDocumentId, memberId: n(r.memberId), likedAt: n(r.likedAt) }));
}

/** Payments that landed on chain after a mark, in that order. */
export async function paymentsSince(strapi: Core.Strapi, mark: ActivityMark, limit = 500): Promise<PaymentActivity[]> {
  const rows = await q<PayoutLine>(strapi, UID.payout).findMany({
    // Spending lines (a reference) pay a merchant from a member's balance: not a reward the member was paid.
    where: { state: 'paid', reference: { $null: true }, ...after('paidAt', mark) },
    select: ['id', 'memberId', 'boardDocumentId', 'symbol', 'precision', 'amount', 'txId', 'paidAt'],
    orderBy: [{ paidAt: 'asc' }, { id: 'asc' }],
    limit,
  });
  return rows.map((r) => ({
    id: n(r.id),
    memberId: n(r.memberId),
    boardDocumentId: String(r.boardDocumentId),
    symbol: String(r.symbol),
    amount: formatQuantity(big(r.amount), n(r.precision)),
    txId: r.txId ?? null,
    paidAt: n(r.paidAt),
  }));
}

/**
 * Ends the reward windows of a board's open posts now: the next pass settles
 * them as if their cashout time had come. Returns how many were open.
 */
export async function closeRewardWindows(strapi: Core.Strapi, boardDocumentId: string, now: number): Promise<number> {
  const open = { boardDocumentId, settledAt: { $null: true } };
  const posts = q<RewardPostRow>(strapi, UID.rewardPost);
  const count = await posts.count({ where: open });
  if (count) await posts.updateMany({ where: open, data: { cashoutAt: now } });
  return count;
}

/** A board's pool as the rewards pass keeps it; null before its first pass. */
export async function poolOf(strapi: Core.Strapi, boardDocumentId: string): Promise<BoardPool | null> {
  const row = await q<PoolRecord>(strapi, UID.pool).findOne({ where: { boardDocumentId } });
  return row ? { intervalsAccrued: n(row.intervalsAccrued), pool: String(row.pool), symbol: String(row.symbol) } : null;
}
