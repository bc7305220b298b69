/**
 * Redemptions: a merchant gives tokens back to the board's treasury and the
 * board pays it cash for them, at the rate the board sets, off chain. As pure
 * rules: the memo that ties the return transfer to its redemption, the cash a
 * quantity is worth, the rate's shape, and which status changes a board admin
 * may make in the Content Manager.
 *
 * Its state (answered as `status`) — requested: the merchant's staff asked and are to sign the return transfer;
 * returned: the transfer is on Hive-Engine (the treasury holds the tokens);
 * settled: a board admin paid the cash and wrote down how; rejected: a request
 * dropped before any token moved.
 */
export const REDEMPTION = 'api::redemption.redemption';
export const REDEMPTION_STATUSES = ['requested', 'returned', 'settled', 'rejected'] as const;
export type RedemptionStatus = (typeof REDEMPTION_STATUSES)[number];

/** Cash per token, e.g. "0.1" or "2.5": up to six whole digits and four decimals. */
const RATE_SHAPE = /^\d{1,6}(\.\d{1,4})?$/;
const RATE_DECIMALS = 4;
/** Cash is shown with two decimals (cents, fen), rounded down: the board never owes more than the rate says. */
export const CASH_DECIMALS = 2;

export const redemptionMemo = (documentId: string) => `Quanzi redemption ${documentId}`;

/** What is wrong with a board's redemption rate, or null (empty is allowed: the board does not redeem). */
export function rateProblem(rate: unknown): string | null {
  if (rate === null || rate === undefined || rate === '') return null;
  if (typeof rate !== 'string' || !RATE_SHAPE.test(rate.trim())) return 'The redemption rate is the cash one token is worth, such as "0.1" (at most 4 decimals).';
  if (/^0+(\.0+)?$/.test(rate.trim())) return 'The redemption rate must be more than zero (leave it empty if the board does not buy tokens back).';
  return null;
}

/** The cash `units` (base units of a token with `precision` decimals) are worth at `rate`, with CASH_DECIMALS, rounded down. */
export function cashValue(units: bigint, precision: number, rate: string): string {
  const [whole, fraction = ''] = rate.trim().split('.');
  const rateScaled = BigInt(whole + fraction.padEnd(RATE_DECIMALS, '0'));
  // units / 10^precision tokens × rateScaled / 10^RATE_DECIMALS, in cents.
  const ten = BigInt(10);
  const cents = (units * rateScaled * ten ** BigInt(CASH_DECIMALS)) / (ten ** BigInt(precision) * ten ** BigInt(RATE_DECIMALS));
  const digits = cents.toString().padStart(CASH_DECIMALS + 1, '0');
  return `${digits.slice(0, -CASH_DECIMALS)}.${digits.slice(-CASH_DECIMALS)}`;
}

/**
 * Why a board admin may not move a redemption from `from` to `to` (null: allowed). Settling needs a note
 * saying how the cash was paid; a redemption whose tokens came back cannot be rejected (the treasury
 * would keep them unpaid); nothing leaves settled or rejected.
 */
export function transitionRefusal(from: RedemptionStatus, to: RedemptionStatus, settlementNote: string | null | undefined): string | null {
  if (from === to) return null;
  if (to === 'settled') {
    if (from !== 'returned') return 'Only a redemption whose tokens are back with the treasury (status "returned") can be settled.';
    if (!settlementNote || settlementNote.trim().length < 3) return 'Write how the cash was paid (e.g. "bank transfer 2026-12-03, ref 4411") in the settlement note before settling.';
    return null;
  }
  if (to === 'rejected') return from === 'requested' ? null : 'Only a request whose tokens have not come back can be rejected.';
  if (to === 'returned') return 'A redemption becomes "returned" when its transfer is found on Hive-Engine, not by hand.';
  return 'A redemption cannot go back to "requested".';
}

/** What a redemption's webhooks carry (hive-smt.redemption.returned / .settled). */
export function redemptionWebhookPayload(r: { documentId: string; quantity: string; symbol: string; cash: string; currency?: string | null; treasury: string; returnTxId?: string | null; settlementNote?: string | null }, merchantDocumentId: string | null) {
  return {
    redemption: {
      documentId: r.documentId,
      merchantDocumentId,
      quantity: r.quantity,
      symbol: r.symbol,
      cash: r.cash,
      currency: r.currency ?? null,
      treasury: r.treasury,
      returnTxId: r.returnTxId ?? null,
      settlementNote: r.settlementNote ?? null,
    },
  };
}
