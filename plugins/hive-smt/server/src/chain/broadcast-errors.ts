/**
 * The meaning of a failed broadcast. The outbox stores the signed transaction
 * before sending it, so what a failure allows depends on whether the chain may
 * already have it (see architecture.md, "Nothing twice").
 */
import { isNotEnoughRc } from './answers';
import { HIVED_ERRORS, HIVED_TRANSIENT_ERRORS } from './protocol';

/**
 * - ambiguous: the node may have received it (timeout, reset, 5xx, unknown):
 *   re-send the same signed bytes until they expire, then look on chain.
 * - retryable-before-send: it never reached a node that could apply it: send again.
 * - duplicate: the chain already has this transaction: confirm, do not re-sign.
 * - rate-limited: refused for now (post/comment/edit intervals, RC, custom op
 *   limit): nothing applied; wait (earliestBroadcastAt) and send again.
 * - expired: these bytes can never be accepted (expiration or TaPoS) and
 *   nothing was applied: check the chain, then re-sign.
 * - permanent: refused on its merits (authority, signature, validation): an
 *   admin must fix the cause.
 */
export type BroadcastErrorClass = 'ambiguous' | 'retryable-before-send' | 'duplicate' | 'rate-limited' | 'expired' | 'permanent';

// Connection errors raised before any byte of the request left this process (dhive's PRE_CONNECTION_ERRORS).
const NEVER_SENT_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN', 'ENETUNREACH'];
// The connection broke or timed out while the node may have been processing it.
const MID_FLIGHT_CODES = ['ECONNRESET', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET'];

const RATE_LIMIT_TEXTS = [HIVED_ERRORS.rootPostInterval, HIVED_ERRORS.replyInterval, HIVED_ERRORS.oneEditPerBlock, HIVED_ERRORS.customOpBlockLimit];
const EXPIRED_TEXTS = [HIVED_ERRORS.expired, HIVED_ERRORS.tapos, HIVED_ERRORS.expirationTooFar];
const PERMANENT_TEXTS = [
  HIVED_ERRORS.missingPostingAuth,
  HIVED_ERRORS.missingActiveAuth,
  'missing required posting authority',
  'missing required active authority',
  'irrelevant signature',
  'Duplicate signature',
  'Invalid signature',
  'unknown key',
  HIVED_ERRORS.parentCannotChange,
  HIVED_ERRORS.permlinkSize,
  HIVED_ERRORS.permlinkChar,
  HIVED_ERRORS.titleSize,
  HIVED_ERRORS.bodyEmpty,
  HIVED_ERRORS.bodyUtf8,
  HIVED_ERRORS.metadataUtf8,
  HIVED_ERRORS.metadataJson,
  HIVED_ERRORS.deleteWithReplies,
  HIVED_ERRORS.deleteWithVotes,
  HIVED_ERRORS.deleteAfterPayout,
  HIVED_ERRORS.beneficiariesSorted,
  HIVED_ERRORS.beneficiariesCount,
  HIVED_ERRORS.beneficiariesTotal,
  HIVED_ERRORS.beneficiariesOnce,
  HIVED_ERRORS.beneficiariesAfterVotes,
  HIVED_ERRORS.customIdSize,
  HIVED_ERRORS.customJsonSize,
  HIVED_ERRORS.transferToSelf,
  HIVED_ERRORS.insufficientFunds,
];

/** What a failed broadcast means for the stored signed transaction (see BroadcastErrorClass). */
export function classifyBroadcastError(err: unknown): BroadcastErrorClass {
  const text = errorText(err).toLowerCase();
  const has = (needle: string) => text.includes(needle.toLowerCase());

  // The chain's own answers first: they are certain, whatever transport noise surrounds them.
  if (has(HIVED_ERRORS.duplicateTransaction)) return 'duplicate';
  // Out of resource credits: known by the exception's name and code (its text has changed between releases).
  if (isNotEnoughRc(err)) return 'rate-limited';
  if (RATE_LIMIT_TEXTS.some(has)) return 'rate-limited';
  if (EXPIRED_TEXTS.some(has)) return 'expired';
  if (PERMANENT_TEXTS.some(has)) return 'permanent';
  if (has(HIVED_TRANSIENT_ERRORS.databaseLock)) return 'retryable-before-send';

  const code = errorCode(err);
  if (code && NEVER_SENT_CODES.includes(code)) return 'retryable-before-send';
  if (code && MID_FLIGHT_CODES.includes(code)) return 'ambiguous';

  const status = httpStatus(err, text);
  if (status !== null) {
    if (status >= 500) return 'ambiguous';
    // A 4xx comes from the node's HTTP layer (rate limiter, proxy), which answered instead of hived.
    if (status >= 400) return 'retryable-before-send';
  }

  if (/timed? ?out|timeout|socket hang up|aborted/.test(text)) return 'ambiguous';
  // hived (through dhive) rejected it with an assertion we do not know: refused, not applied.
  if (errorName(err) === 'RPCError') return 'permanent';
  // Anything else might have reached the chain; re-sending the same bytes is always safe.
  return 'ambiguous';
}

/**
 * Every message an error carries: its own, the texts in dhive's RPC error data
 * (stack formats, not the data itself, which may quote the post body), and its causes.
 */
function errorText(err: unknown, depth = 0): string {
  if (err === null || err === undefined || depth > 5) return '';
  if (typeof err === 'string') return err;
  if (typeof err !== 'object') return String(err);
  const e = err as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of ['message', 'jse_shortmsg', 'statusText']) {
    if (typeof e[key] === 'string') parts.push(e[key] as string);
  }
  const info = (e.jse_info ?? e.data) as Record<string, unknown> | undefined;
  if (info && typeof info === 'object') {
    if (typeof info.message === 'string') parts.push(info.message);
    if (Array.isArray(info.stack)) {
      for (const frame of info.stack) {
        if (frame && typeof frame.format === 'string') parts.push(frame.format);
      }
    }
  }
  const cause = e.cause ?? e.jse_cause;
  if (cause) parts.push(errorText(cause, depth + 1));
  return parts.join(' | ');
}

function errorCode(err: unknown): string | null {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code.toUpperCase();
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

function errorName(err: unknown): string | null {
  return err && typeof err === 'object' && typeof (err as { name?: unknown }).name === 'string' ? (err as { name: string }).name : null;
}

function httpStatus(err: unknown, text: string): number | null {
  if (err && typeof err === 'object') {
    const e = err as { status?: unknown; statusCode?: unknown };
    const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : null;
    if (status !== null) return status;
  }
  // dhive: `HTTP ${status}: ${statusText}`
  const match = /\bhttp (\d{3})\b/.exec(text);
  return match ? Number(match[1]) : null;
}
