/**
 * A member's custodial balance on a board is their unpaid reward allocations
 * (earned, not yet paid out to a Hive account). Spending takes allocations
 * oldest first until the amount is covered; the last one is split when it
 * holds more than is left to take, so the member keeps the change unpaid.
 * Pure: the service applies the plan in one transaction.
 */

export interface UnpaidAllocation {
  id: number;
  /** Base units. */
  amount: bigint;
}

export interface TakePlan {
  /** Allocations taken whole. */
  whole: number[];
  /** The allocation split: `taken` of it is spent, `kept` stays unpaid in a new allocation. */
  split: { id: number; taken: bigint; kept: bigint } | null;
}

export const custodialBalance = (allocations: readonly UnpaidAllocation[]): bigint => allocations.reduce((sum, a) => sum + a.amount, 0n);

/** Which allocations pay `amount` (base units, > 0), in the order given; null when they hold less. */
export function planTake(allocations: readonly UnpaidAllocation[], amount: bigint): TakePlan | null {
  if (amount <= 0n) throw new RangeError('The amount to take must be positive.');
  const whole: number[] = [];
  let left = amount;
  for (const allocation of allocations) {
    if (left === 0n) break;
    if (allocation.amount <= 0n) continue;
    if (allocation.amount <= left) {
      whole.push(allocation.id);
      left -= allocation.amount;
    } else {
      return { whole, split: { id: allocation.id, taken: left, kept: allocation.amount - left } };
    }
  }
  return left === 0n ? { whole, split: null } : null;
}

/** The Hive-Engine memo of a spending line: at most this many characters (the sidechain's transfer memo limit is 256). */
export const SPENDING_MEMO_MAX_LENGTH = 256;
