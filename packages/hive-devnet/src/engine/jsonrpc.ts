/**
 * JSON-RPC 2.0 dispatch shaped like the jayson 4 server hive-engine's
 * plugins/JsonRPCServer.js uses (jayson/lib/server/index.js): single requests and
 * batches, a batch longer than rpcConfig.maxBatchLength (1 on public nodes) is
 * refused whole, notifications (no id) get no response, and method errors are
 * `{code: 400, message}` as hive-engine passes them.
 */
import { ENGINE_RPC, JAYSON_ERRORS } from './protocol';

export type RpcOutcome = { result: unknown } | { error: { code: number; message: string } };
export type RpcMethod = (params: Record<string, unknown>) => RpcOutcome;

export const RPC_ERRORS = {
  invalidRequest: JAYSON_ERRORS.invalidRequest,
  methodNotFound: JAYSON_ERRORS.methodNotFound,
  internal: JAYSON_ERRORS.internal,
  maxBatchLength: JAYSON_ERRORS.maxBatchLength,
} as const;

type RpcId = string | number | null;

interface RpcResponse {
  jsonrpc: '2.0';
  id: RpcId;
  result?: unknown;
  error?: { code: number; message: string };
}

function isValidId(id: unknown): id is RpcId | undefined {
  return id === undefined || id === null || typeof id === 'string' || typeof id === 'number';
}

function handleOne(request: unknown, methods: Record<string, RpcMethod>): RpcResponse | undefined {
  const req = request as Record<string, unknown> | null;
  if (
    typeof req !== 'object' ||
    req === null ||
    Array.isArray(req) ||
    req.jsonrpc !== '2.0' ||
    typeof req.method !== 'string' ||
    !isValidId(req.id) ||
    (req.params !== undefined && (typeof req.params !== 'object' || req.params === null))
  ) {
    return { jsonrpc: '2.0', id: null, error: { ...RPC_ERRORS.invalidRequest } };
  }
  const notification = req.id === undefined;
  const id = (req.id ?? null) as RpcId;
  const method = Object.prototype.hasOwnProperty.call(methods, req.method) ? methods[req.method] : undefined;
  let outcome: RpcOutcome;
  if (!method) {
    outcome = { error: { ...RPC_ERRORS.methodNotFound } };
  } else {
    try {
      outcome = method((req.params ?? {}) as Record<string, unknown>);
    } catch {
      outcome = { error: { ...RPC_ERRORS.internal } };
    }
  }
  if (notification) return undefined;
  return 'error' in outcome ? { jsonrpc: '2.0', id, error: outcome.error } : { jsonrpc: '2.0', id, result: outcome.result };
}

/**
 * Answer a parsed JSON-RPC body. Returns the response object, an array for a
 * batch, or undefined when there is nothing to send (notifications only:
 * answer HTTP 204).
 */
export function handleJsonRpc(body: unknown, methods: Record<string, RpcMethod>, maxBatchLength: number = ENGINE_RPC.maxBatchLength): unknown {
  if (Array.isArray(body)) {
    if (body.length === 0) return { jsonrpc: '2.0', id: null, error: { ...RPC_ERRORS.invalidRequest } };
    if (maxBatchLength >= 0 && body.length > maxBatchLength) return { jsonrpc: '2.0', id: null, error: { ...RPC_ERRORS.maxBatchLength } };
    const responses = body.map((r) => handleOne(r, methods)).filter((r): r is RpcResponse => r !== undefined);
    return responses.length ? responses : undefined;
  }
  return handleOne(body, methods);
}

/** Shorthand for a method error the way hive-engine reports bad parameters. */
export function badRequest(message: string): RpcOutcome {
  return { error: { code: 400, message } };
}
