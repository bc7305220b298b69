/** The reward tables' rows as the query layer returns them (plugin content types under content-types/). */
import type { BigIntColumn, RowBase } from '../core/db';

export type LedgerEventType = 'like' | 'unlike' | 'downvote' | 'comment' | 'featured' | 'unfeatured' | 'attendance';

/** Why an event counts for nothing — or, for 'new-member', for a small share (trust.ts); null: it counts with its weight. */
export type EventNote = 'self-like' | 'muted' | 'daily-like-limit' | 'after-cashout' | 'no-token' | 'self-comment' | 'new-member' | null;

export interface LikeRow extends RowBase {
  postDocumentId: string;
  boardDocumentId: string | null;
  memberId: number;
  active: boolean;
  likedAt: BigIntColumn | null;
  weight: number | null;
  /** True: the member's vote is a downvote (null on rows written before downvotes existed: a like). */
  downvote: boolean | null;
}

/** A query-layer filter for vote rows that are likes (rows from before downvotes existed have downvote null). */
export const NOT_DOWNVOTE = { $or: [{ downvote: false }, { downvote: { $null: true } }] };

export interface LedgerEventRow extends RowBase {
  type: LedgerEventType;
  postDocumentId: string;
  boardDocumentId: string | null;
  memberId: number | null;
  authorId: number | null;
  at: BigIntColumn;
  votePower: number | null;
  weight: number | null;
  note: EventNote;
  commentDocumentId: string | null;
}

export interface VotePowerRow extends RowBase {
  boardDocumentId: string;
  memberId: number;
  power: number;
  at: BigIntColumn;
  version: number;
  /** Null until the member's first downvote on the board: full. */
  downvotePower: number | null;
  downvoteAt: BigIntColumn | null;
}

export interface RewardPostRow extends RowBase {
  postDocumentId: string;
  boardDocumentId: string;
  authorId: number | null;
  openedAt: BigIntColumn;
  cashoutAt: BigIntColumn;
  settledAt: BigIntColumn | null;
  periodId: number | null;
  total: string | null;
}

export interface PoolRecord extends RowBase {
  boardDocumentId: string;
  symbol: string;
  precision: number;
  startedAt: BigIntColumn;
  accruedUntil: BigIntColumn;
  intervalsAccrued: BigIntColumn | null;
  pool: string | null;
  emissionSincePeriod: string | null;
  carryIn: string | null;
  lastPeriodAt: BigIntColumn | null;
  version: number | null;
}

export interface PeriodRow extends RowBase {
  boardDocumentId: string;
  symbol: string;
  precision: number;
  startedAt: BigIntColumn | null;
  endedAt: BigIntColumn;
  emission: string;
  carryIn: string;
  pool: string;
  distributed: string;
  carryOver: string;
  capped: string | null;
  postsSettled: number | null;
  details: unknown;
}

/** app-tax: a pool's appTaxConfig share of an author reward, owed to `account` (no member). */
export type AllocationRole = 'author' | 'curator' | 'bonus' | 'app-tax';

export interface AllocationRow extends RowBase {
  periodId: number | null;
  boardDocumentId: string;
  postDocumentId: string | null;
  /** The member who earned it; null for an app-tax allocation, which names its `account`. */
  memberId: number | null;
  /** Set on app-tax allocations: the Hive account it is paid to. */
  account?: string | null;
  role: AllocationRole;
  amount: string;
  symbol: string;
  precision: number;
  day: string;
  settledAt: BigIntColumn;
  payoutId: number | null;
}

export interface ApprovalRow extends RowBase {
  memberId: number;
  approvedAt: BigIntColumn | null;
  approvedBy: string | null;
}
