/**
 * Hive-Engine's JSON-RPC API (`<api>/blockchain`, `<api>/contracts`), called
 * the way public Hive-Engine nodes accept it: one call per request (they take
 * one call per JSON-RPC batch), a few at a time, backing off when the node
 * answers HTTP 429 (it rate-limits per client), honouring Retry-After.
 */

export class EngineApiError extends Error {
  constructor(
    message: string,
    /** HTTP status when the node answered with one, e.g. 429 after the retries ran out. */
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'EngineApiError';
  }
}

export interface EngineApiOptions {
  base: string;
  timeoutMs: number;
  /** Calls in flight at once from this process. */
  maxConcurrent?: number;
  /** Tries of one call answered 429 before giving up. */
  maxRateLimitedTries?: number;
  /** First back-off after a 429 without Retry-After; doubles each time. */
  backoffMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retry-After in milliseconds (seconds or an HTTP date), or null. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}

export function createEngineApi(options: EngineApiOptions) {
  const maxConcurrent = options.maxConcurrent ?? 2;
  const maxTries = options.maxRateLimitedTries ?? 5;
  const backoffMs = options.backoffMs ?? 500;
  let inFlight = 0;
  const waiting: Array<() => void> = [];

  async function slot<T>(work: () => Promise<T>): Promise<T> {
    if (inFlight >= maxConcurrent) await new Promise<void>((resolve) => waiting.push(resolve));
    inFlight += 1;
    try {
      return await work();
    } finally {
      inFlight -= 1;
      waiting.shift()?.();
    }
  }

  async function once(endpoint: 'blockchain' | 'contracts', method: string, params: unknown): Promise<{ rateLimited: number | null } | { result: unknown }> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.timeoutMs);
    try {
      const response = await fetch(`${options.base}/${endpoint}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
        signal: controller.signal,
      });
      if (response.status === 429) return { rateLimited: retryAfterMs(response.headers.get('retry-after')) };
      if (!response.ok) throw new EngineApiError(`Hive-Engine API answered HTTP ${response.status} to ${method}`, response.status);
      const body = (await response.json()) as { result?: unknown; error?: { message?: string } } | null;
      if (body?.error) throw new EngineApiError(`Hive-Engine API error on ${method}: ${body.error.message ?? JSON.stringify(body.error)}`, null);
      return { result: body?.result ?? null };
    } catch (error) {
      if (error instanceof EngineApiError) throw error;
      const aborted = (error as Error).name === 'AbortError';
      throw new EngineApiError(
        aborted ? `Hive-Engine API did not answer ${method} within ${options.timeoutMs} ms` : `Hive-Engine API unreachable (${(error as Error).message})`,
        null,
      );
    } finally {
      clearTimeout(timer);
    }
  }

  return async function engineCall<T = unknown>(endpoint: 'blockchain' | 'contracts', method: string, params: unknown): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      const answer = await slot(() => once(endpoint, method, params));
      if ('result' in answer) return answer.result as T;
      if (attempt >= maxTries)
        throw new EngineApiError(`Hive-Engine API is rate-limiting this server (HTTP 429 to ${method}, ${attempt} tries); checking again later.`, 429);
      await sleep(answer.rateLimited ?? backoffMs * 2 ** (attempt - 1));
    }
  };
}

export type EngineCall = ReturnType<typeof createEngineApi>;
