/**
 * Paying a merchant in the board's token: the payment request's short code,
 * the amount as the token counts it, the states a payment goes through, the
 * transfer a member signs with Keychain and how a sidechain transaction is
 * checked against it, and a merchant's day in numbers. Pure: tested without
 * a server (tests/unit/payment-rules.test.ts).
 */

/** Letters and digits a cashier can read aloud and a member can type without confusing them: no 0/O, 1/I/L, 2/Z, 5/S, 8/B. */
export const PAYMENT_CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
export const PAYMENT_CODE_LENGTH = 6;
/** How long a payment request's code can be paid. */
export const PAYMENT_REQUEST_TTL_MS = 10 * 60_000;
/** The QR payload's prefix: the member's app opens its pay screen on it. */
export const PAYMENT_QR_PREFIX = 'quanzi:pay?code=';

/** A code of PAYMENT_CODE_LENGTH from the alphabet; `randomInt(n)` gives an integer in [0, n) (crypto.randomInt in the service). */
export function makePaymentCode(randomInt: (n: number) => number): string {
  let code = '';
  for (let i = 0; i < PAYMENT_CODE_LENGTH; i += 1) code += PAYMENT_CODE_ALPHABET[randomInt(PAYMENT_CODE_ALPHABET.length)];
  return code;
}

/** What a member typed, as codes are stored: upper case, spaces and dashes gone. */
export const normalizePaymentCode = (typed: string): string => typed.replace(/[\s-]/g, '').toUpperCase();

export const isPaymentCodeShape = (code: string): boolean =>
  code.length === PAYMENT_CODE_LENGTH && [...code].every((c) => PAYMENT_CODE_ALPHABET.includes(c));

export const paymentQr = (code: string): string => `${PAYMENT_QR_PREFIX}${code}`;

/**
 * A positive decimal amount in base units of a token with `precision` decimals, or why not.
 * Hive-Engine refuses more decimals than the token has; rounding would move money silently.
 */
export function amountUnits(amount: string, precision: number): { units: bigint } | { error: string } {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!match) return { error: 'The amount is a positive decimal number such as "12.5".' };
  const [, whole, fraction = ''] = match;
  if (fraction.length > precision) {
    return { error: precision === 0 ? 'This token has no decimals: send a whole number.' : `This token has ${precision} decimal${precision === 1 ? '' : 's'} at most.` };
  }
  const units = BigInt(whole + fraction.padEnd(precision, '0'));
  if (units === BigInt(0)) return { error: 'The amount must be more than zero.' };
  return { units };
}

/** Base units as the token writes them: formatUnits(12345n, 3) === '12.345'. */
export function formatUnits(units: bigint | string, precision: number): string {
  const value = BigInt(units);
  if (precision === 0) return value.toString();
  const digits = value.toString().padStart(precision + 1, '0');
  return `${digits.slice(0, -precision)}.${digits.slice(-precision)}`;
}

/**
 * requested: the code is shown and can be paid; awaiting-signature: a member with a Hive account took it
 * and signs the transfer; sending: the treasury's transfer from the member's balance is queued; paid;
 * refund-requested: the merchant is to sign the return transfer; refunded.
 */
export const PAYMENT_STATUSES = ['requested', 'awaiting-signature', 'sending', 'paid', 'refund-requested', 'refunded'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
export type PaymentMethod = 'custodial' | 'keychain';

/** Why a code cannot be paid now (a message for the member), or null when it can. */
export function codeRefusal(payment: { status: PaymentStatus; expiresAt: number } | null, now: number): { status: number; message: string } | null {
  if (!payment) return { status: 404, message: 'No payment request has this code: check the code the merchant shows, or scan the QR code again.' };
  if (payment.status !== 'requested') return { status: 409, message: 'This code was used already: ask the merchant for a new payment request.' };
  if (payment.expiresAt <= now) return { status: 410, message: 'This code has expired (codes last 10 minutes): ask the merchant for a new one.' };
  return null;
}

/** The memo that names a payment on Hive-Engine, so its transfer can be found and matched to it. */
export const paymentMemo = (documentId: string): string => `Quanzi payment ${documentId}`;
export const refundMemo = (documentId: string): string => `Quanzi refund ${documentId}`;

export interface TokenTransfer {
  from: string;
  to: string;
  symbol: string;
  /** As the token writes it, with exactly its decimals. */
  quantity: string;
  memo: string;
}

/**
 * What a Hive account signs with Keychain: `requestCustomJson(account, id, 'Active', json, display)`.
 * Token transfers must be signed with the active key (posting-signed token actions fail).
 */
export function keychainTransfer(engineId: string, transfer: TokenTransfer) {
  return {
    method: 'requestCustomJson' as const,
    account: transfer.from,
    id: engineId,
    keyType: 'Active' as const,
    json: JSON.stringify({ contractName: 'tokens', contractAction: 'transfer', contractPayload: { symbol: transfer.symbol, to: transfer.to, quantity: transfer.quantity, memo: transfer.memo } }),
    display: `Pay ${transfer.quantity} ${transfer.symbol} to @${transfer.to}`,
  };
}

/** A sidechain transaction as getTransactionInfo answers it (the parts that matter here). */
export interface EngineTransfer {
  sender?: string | null;
  contract?: string | null;
  action?: string | null;
  payload?: Record<string, unknown> | null;
  errors: string[];
}

/** Why a sidechain transaction is not the expected transfer (a message for the member), or null when it is. */
export function transferMismatch(tx: EngineTransfer, expected: TokenTransfer): string | null {
  if (tx.errors.length) return `Hive-Engine refused this transfer: "${tx.errors.join('; ')}". Nothing was paid; sign the transfer again.`;
  if (tx.contract !== 'tokens' || tx.action !== 'transfer') return 'This transaction is not a token transfer.';
  const p = tx.payload ?? {};
  if (tx.sender !== expected.from) return `This transfer was sent by @${tx.sender ?? '?'}, not by @${expected.from}.`;
  if (p.to !== expected.to) return `This transfer went to @${String(p.to)}, not to @${expected.to}.`;
  if (p.symbol !== expected.symbol) return `This transfer is in ${String(p.symbol)}, not in ${expected.symbol}.`;
  if (!sameQuantity(String(p.quantity ?? ''), expected.quantity)) return `This transfer is of ${String(p.quantity)} ${expected.symbol}, not ${expected.quantity}.`;
  if (p.memo !== expected.memo) return `This transfer's memo is not "${expected.memo}": it is not this payment's.`;
  return null;
}

/** "12.5" and "12.500" are the same quantity (the sidechain accepts either within the token's decimals). */
function sameQuantity(a: string, b: string): boolean {
  const norm = (q: string) => {
    const [w, f = ''] = q.split('.');
    return `${w.replace(/^0+(?=\d)/, '')}.${f.replace(/0+$/, '')}`;
  };
  return /^\d+(\.\d+)?$/.test(a) && norm(a) === norm(b);
}

/** A UTC day "YYYY-MM-DD" as [start, end) in epoch ms, or null when it is not a calendar day. */
export function utcDayRange(day: string): { start: number; end: number } | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const start = Date.parse(`${day}T00:00:00.000Z`);
  if (!Number.isFinite(start) || new Date(start).toISOString().slice(0, 10) !== day) return null;
  return { start, end: start + 86_400_000 };
}

export interface StatementPayment {
  amount: string;
  status: PaymentStatus;
  paidAt: number | null;
  refundedAt: number | null;
}

/** A merchant's day: payments paid that day, refunds made that day, and what is left (base units, as text). */
export function dailyTotals(payments: readonly StatementPayment[], range: { start: number; end: number }) {
  const inDay = (t: number | null) => t !== null && t >= range.start && t < range.end;
  const paid = payments.filter((p) => inDay(p.paidAt));
  const refunded = payments.filter((p) => inDay(p.refundedAt));
  const sum = (list: readonly StatementPayment[]) => list.reduce((s, p) => s + BigInt(p.amount), BigInt(0));
  return { paidCount: paid.length, paid: sum(paid), refundedCount: refunded.length, refunded: sum(refunded), net: sum(paid) - sum(refunded) };
}
