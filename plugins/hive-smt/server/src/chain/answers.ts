/**
 * What a node's answer means, decided by its structure (exception name and
 * code, JSON-RPC code, assertion expression, data fields) — never by the
 * wording of a message, which differs between hived, hivemind and the way
 * dhive rebuilds messages from error stacks.
 */
import { ChainRpcError } from './json-rpc';
import { HIVEMIND_POST_DELETED, HIVEMIND_POST_MISSING, NOT_ENOUGH_RC_EXCEPTION } from './protocol';

type ErrorData = { code?: unknown; name?: unknown; stack?: Array<{ data?: Record<string, unknown> }>; extension?: { assertion_expression?: unknown } };

/** The fc exception object of an error: ChainRpcError.data, or dhive's RPCError jse_info. */
function exceptionOf(error: unknown): ErrorData | null {
  if (error instanceof ChainRpcError) return error.data && typeof error.data === 'object' ? (error.data as ErrorData) : null;
  const info = (error as { jse_info?: unknown } | null)?.jse_info;
  return info && typeof info === 'object' ? (info as ErrorData) : null;
}

/**
 * Why a hivemind-served read of author/permlink found no post: 'missing'
 * (never existed), 'deleted' (deleted N times; the permlink is free again on
 * chain), or null when the error means something else (a node fault, a bad
 * request) and must not be taken for an absent post.
 */
export function postAbsence(error: unknown, author: string, permlink: string): 'missing' | 'deleted' | null {
  if (!(error instanceof ChainRpcError)) return null;
  if (error.code === HIVEMIND_POST_MISSING.code) {
    const expression = (error.data as ErrorData | null)?.extension?.assertion_expression;
    if (expression === HIVEMIND_POST_MISSING.expression(author, permlink)) return 'missing';
  }
  if (
    error.code === HIVEMIND_POST_DELETED.code &&
    typeof error.data === 'string' &&
    error.data.startsWith(HIVEMIND_POST_DELETED.dataPrefix(author, permlink))
  ) {
    return 'deleted';
  }
  return null;
}

/** A refusal because the transaction's RC payer lacks resource credits: a wait, never a failure. */
export function isNotEnoughRc(error: unknown): boolean {
  const exception = exceptionOf(error);
  if (!exception) return false;
  return exception.name === NOT_ENOUGH_RC_EXCEPTION.name || Number(exception.code) === NOT_ENOUGH_RC_EXCEPTION.code;
}

/** The account and RC amounts of a not-enough-RC refusal, from the exception's data (absent fields are null). */
export function rcShortfall(error: unknown): { account: string | null; has: bigint | null; needs: bigint | null } {
  const data = exceptionOf(error)?.stack?.[0]?.data ?? {};
  const amount = (value: unknown) => (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value)) ? BigInt(value) : null);
  return {
    account: typeof data.account_name === 'string' ? data.account_name : null,
    has: amount(data.rc_current),
    needs: amount(data.rc),
  };
}

/**
 * Seconds until an account's RC manabar holds `needs` again, regenerating from
 * `has` to `max` in regenerationSeconds (linear, as hived's manabar does).
 */
export function rcWaitSeconds(has: bigint, needs: bigint, max: bigint, regenerationSeconds: number): number | null {
  if (needs <= has) return 0;
  if (max <= 0n || needs > max) return null;
  const missing = needs - has;
  return Math.ceil(Number((missing * BigInt(regenerationSeconds) * 1000n) / max) / 1000);
}
