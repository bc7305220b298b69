/**
 * A JSON-RPC 2.0 caller over Hive API nodes that keeps what a node answered.
 *
 * dhive turns a node's error into `RPCError` with a message built from
 * `data.stack[0].format` and drops the JSON-RPC `code`; hivemind-served calls
 * (condenser_api.get_content, bridge.*) say "missing" and "deleted" through
 * that code, an empty format and a plain-string `data`
 * (hivemind `hive/db/sql_scripts/postgrest/utilities/exceptions.sql`). Reads
 * that decide by those answers go through here so they can be classified by
 * structure, never by message text.
 */

/** The error member of a JSON-RPC response, as the node sent it. */
export class ChainRpcError extends Error {
  constructor(
    readonly code: number | null,
    message: string,
    readonly data: unknown,
    /** The method called, for messages an admin reads. */
    readonly method: string,
  ) {
    super(message);
    this.name = 'ChainRpcError';
  }
}

/** The node could not be reached or answered with HTTP instead of JSON-RPC; another node may do better. */
export class ChainTransportError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'ChainTransportError';
  }
}

export interface JsonRpcOptions {
  timeoutMs: number;
}

let requestId = 0;

/** One call to one node. */
async function callNode(node: string, method: string, params: unknown, options: JsonRpcOptions): Promise<unknown> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  let response: Response;
  try {
    response = await fetch(node, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: ++requestId, method, params }),
      signal: controller.signal,
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    const aborted = (error as Error).name === 'AbortError';
    throw new ChainTransportError(
      aborted ? `${method}: no answer within ${options.timeoutMs} ms` : `${method}: ${(error as Error).message}`,
      null,
      aborted ? 'ETIMEDOUT' : (cause?.code ?? null),
    );
  } finally {
    clearTimeout(timer);
  }
  const text = await response.text();
  let body: { result?: unknown; error?: { code?: unknown; message?: unknown; data?: unknown } } | null;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ChainTransportError(`${method}: the node answered HTTP ${response.status} without JSON-RPC`, response.status, null);
  }
  if (body?.error) {
    const { code, message, data } = body.error;
    throw new ChainRpcError(typeof code === 'number' ? code : null, String(message ?? 'error'), data, method);
  }
  if (!response.ok) throw new ChainTransportError(`${method}: the node answered HTTP ${response.status}`, response.status, null);
  return body?.result;
}

/**
 * Calls the nodes in order, starting from the one that last answered: a node
 * that cannot be reached (or answers HTTP 5xx / 429) hands the call to the
 * next; a JSON-RPC error is the chain's answer and is thrown as it is.
 */
export function createJsonRpc(nodes: string[], options: JsonRpcOptions) {
  let current = 0;
  return async function call<T = unknown>(method: string, params: unknown): Promise<T> {
    let lastError: unknown = null;
    for (let tried = 0; tried < nodes.length; tried += 1) {
      const index = (current + tried) % nodes.length;
      try {
        const result = (await callNode(nodes[index], method, params, options)) as T;
        current = index;
        return result;
      } catch (error) {
        if (error instanceof ChainRpcError) {
          current = index;
          throw error;
        }
        lastError = error;
      }
    }
    throw lastError ?? new ChainTransportError(`${method}: no Hive node configured`, null, null);
  };
}

export type JsonRpcCall = ReturnType<typeof createJsonRpc>;
