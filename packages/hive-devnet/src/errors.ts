/**
 * hived-shaped errors.
 *
 * hived answers a failed call with a JSON-RPC error whose `data` is the fc
 * exception: `{code, name, message, stack: [{context, format, data}]}`, and
 * whose `message` is `"<exception message>:<first stack format, data substituted>"`.
 * dhive builds `RPCError.message` from `stack[0].format` (substituting `${key}`
 * from `stack[0].data`), so the format must carry hived's assert text.
 *
 * FC_ASSERT( expr, "text" ) in hived 1.28 produces the format `"expr: text"`.
 */

/** JSON-RPC codes used by hived's json_rpc plugin (json_rpc_plugin.hpp). */
export const JSON_RPC = {
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL_ERROR: -32603,
  SERVER_ERROR: -32000,
  NO_PARAMS: -32001,
  PARSE_PARAMS_ERROR: -32002,
  ERROR_DURING_CALL: -32003,
} as const;

/** fc / hive exception kinds: [code, name, message]. */
export const FC_EXCEPTIONS = {
  assert: [10, 'assert_exception', 'Assert Exception'],
  parse: [4, 'parse_error_exception', 'Parse Error'],
  outOfRange: [8, 'out_of_range_exception', 'Out of Range'],
  txMissingActiveAuth: [3010000, 'tx_missing_active_auth', 'missing required active authority'],
  txMissingOwnerAuth: [3020000, 'tx_missing_owner_auth', 'missing required owner authority'],
  txMissingPostingAuth: [3030000, 'tx_missing_posting_auth', 'missing required posting authority'],
  txIrrelevantSig: [3050000, 'tx_irrelevant_sig', 'irrelevant signature included'],
  txDuplicateSig: [3060000, 'tx_duplicate_sig', 'duplicate signature included'],
  txCombinedAuths: [3080000, 'tx_combined_auths_with_posting', 'active/owner authority combined with posting authority'],
  txExpiration: [4030100, 'transaction_expiration_exception', 'transaction expiration exception'],
  txTapos: [4030200, 'transaction_tapos_exception', 'transaction tapos exception'],
  /** libraries/chain/include/hive/chain/database_exceptions.hpp (derives from plugin_exception). */
  notEnoughRc: [4100100, 'not_enough_rc_exception', 'payer has not enough RC mana for transaction'],
} as const;
export type FcExceptionKind = keyof typeof FC_EXCEPTIONS;

/**
 * Exceptions derived from fc::assert_exception are answered with -32003, others
 * with -32000 (json_rpc_plugin.cpp catches fc::assert_exception). Transaction
 * exceptions (hive::protocol::transaction_exception) and chain exceptions
 * (chain_exception: expiration, TaPoS, not enough RC) all derive from it.
 */
const ASSERT_DERIVED: ReadonlySet<FcExceptionKind> = new Set<FcExceptionKind>([
  'assert',
  'txMissingActiveAuth',
  'txMissingOwnerAuth',
  'txMissingPostingAuth',
  'txIrrelevantSig',
  'txDuplicateSig',
  'txCombinedAuths',
  'txExpiration',
  'txTapos',
  'notEnoughRc',
]);

export interface FcLogContext {
  level: string;
  file: string;
  line: number;
  method: string;
  hostname: string;
  timestamp: string;
}
export interface FcStackEntry {
  context: FcLogContext;
  format: string;
  data: Record<string, unknown>;
}
export interface RpcErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

function nowIso(): string {
  return new Date().toISOString().slice(0, 19);
}

function formatValue(v: unknown): string {
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/** Substitute `${key}` in an fc format string from data (what fc's format_string does). */
export function fcFormat(format: string, data: Record<string, unknown>): string {
  return format.replace(/\$\{([a-zA-Z0-9_.]+)\}/g, (m, k: string) => (k in data ? formatValue(data[k]) : m));
}

/** An fc exception as hived would raise it. */
export class HivedError extends Error {
  readonly kind: FcExceptionKind;
  readonly format: string;
  readonly data: Record<string, unknown>;
  readonly file: string;
  readonly method: string;
  /** JSON-RPC code override (e.g. -32601 for unknown methods). */
  rpcCode?: number;
  /** Extra stack frames appended below the first (FC_CAPTURE_AND_RETHROW context). */
  readonly frames: FcStackEntry[] = [];

  constructor(kind: FcExceptionKind, format: string, data: Record<string, unknown> = {}, where?: { file?: string; method?: string }) {
    super(`${FC_EXCEPTIONS[kind][2]}:${fcFormat(format, data)}`);
    this.name = 'HivedError';
    this.kind = kind;
    this.format = format;
    this.data = data;
    this.file = where?.file ?? 'database.cpp';
    this.method = where?.method ?? 'apply';
  }

  /** The assert text with data substituted (what dhive shows as err.message, minus appended data). */
  get text(): string {
    return fcFormat(this.format, this.data);
  }

  addFrame(format: string, data: Record<string, unknown>, method = 'push_transaction'): this {
    this.frames.push({
      context: { level: 'warn', file: 'database.cpp', line: 0, method, hostname: '', timestamp: nowIso() },
      format,
      data,
    });
    return this;
  }

  toRpcError(): RpcErrorObject {
    const [code, name, message] = FC_EXCEPTIONS[this.kind];
    const top: FcStackEntry = {
      context: { level: 'error', file: this.file, line: 0, method: this.method, hostname: '', timestamp: nowIso() },
      format: this.format,
      data: this.data,
    };
    return {
      code: this.rpcCode ?? (ASSERT_DERIVED.has(this.kind) ? JSON_RPC.ERROR_DURING_CALL : JSON_RPC.SERVER_ERROR),
      message: `${message}:${fcFormat(this.format, this.data)}`,
      data: { code, name, message, stack: [top, ...this.frames] },
    };
  }
}

/** FC_ASSERT( expr, text, data ): throws an assert_exception whose format is `expr: text`. */
export function fcAssert(cond: unknown, expr: string, text = '', data: Record<string, unknown> = {}, where?: { file?: string; method?: string }): asserts cond {
  if (!cond) throw new HivedError('assert', `${expr}: ${text}`, data, where);
}

/**
 * hived 1.28.6's specialised asserts (libraries/protocol/include/hive/protocol/
 * hive_specialised_exceptions.hpp, e.g. HIVE_CHAIN_STATE_ASSERT( expr, subject, text ))
 * are FC_ASSERTs whose data also carries `category`, `subject_type` and `subject`;
 * dhive appends data it did not substitute to its message ("… category=chain
 * subject_type=state subject=alice").
 */
export interface AssertSubject {
  category: 'chain' | 'protocol';
  subjectType: string;
  subject?: unknown;
}

export function specialisedAssert(
  cond: unknown,
  expr: string,
  who: AssertSubject,
  text: string,
  data: Record<string, unknown> = {},
  where?: { file?: string; method?: string },
): asserts cond {
  if (cond) return;
  const extra: Record<string, unknown> = { category: who.category, subject_type: who.subjectType };
  if (who.subject !== undefined) extra.subject = who.subject;
  throw new HivedError('assert', `${expr}: ${text}`, { ...data, ...extra }, where);
}

/** HIVE_CHAIN_<TYPE>_ASSERT( expr, subject, text, data ). */
export function chainAssert(
  cond: unknown,
  expr: string,
  subjectType: 'state' | 'time' | 'voting' | 'balance' | 'limit' | 'permission' | 'hardfork' | 'asset',
  subject: unknown,
  text: string,
  data: Record<string, unknown> = {},
  where?: { file?: string; method?: string },
): asserts cond {
  specialisedAssert(cond, expr, { category: 'chain', subjectType, subject }, text, data, where);
}

/** Unconditional FC_ASSERT failure. */
export function fcFail(expr: string, text = '', data: Record<string, unknown> = {}, where?: { file?: string; method?: string }): never {
  throw new HivedError('assert', `${expr}: ${text}`, data, where);
}

/** A JSON-RPC protocol-level error (not an fc exception). */
export class RpcProtocolError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
    this.name = 'RpcProtocolError';
  }
  toRpcError(): RpcErrorObject {
    return this.data === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, data: this.data };
  }
}

export function toRpcError(err: unknown): RpcErrorObject {
  if (err instanceof HivedError || err instanceof RpcProtocolError) return err.toRpcError();
  if (err && typeof err === 'object' && typeof (err as { toRpcError?: unknown }).toRpcError === 'function') {
    return (err as { toRpcError(): RpcErrorObject }).toRpcError();
  }
  const message = err instanceof Error ? err.message : String(err);
  return new HivedError('assert', `false: ${message}`, {}).toRpcError();
}
