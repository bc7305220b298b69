/**
 * HTTP load with autocannon, in process. Latencies are kept per response (2xx
 * only) at full precision — autocannon's own histogram rounds to whole
 * milliseconds, too coarse for a floor whose p99 is a few ms.
 */
import http from 'http';

const autocannon = require('autocannon');

export interface RequestSpec {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadOptions {
  /** Base URL, e.g. http://127.0.0.1:1337 */
  url: string;
  connections: number;
  /** Seconds; the run also stops at `amount` requests when given. */
  durationS: number;
  amount?: number;
  /** A fixed request… */
  request?: RequestSpec;
  /** …or a new one for every request (a shared counter across connections). */
  next?: () => RequestSpec;
  timeoutS?: number;
}

export interface LoadResult {
  connections: number;
  durationS: number;
  /** Responses with a 2xx status. */
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** 2xx responses per second. */
  rps: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; p999: number; max: number };
}

export function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** The mean, percentiles and maximum of the 2xx answers' latencies (NaN when there were none). */
export function latencySummary(latencies: number[]): LoadResult['latencyMs'] {
  const sorted = Float64Array.from(latencies).sort();
  return {
    mean: latencies.length ? latencies.reduce((a, b) => a + b, 0) / latencies.length : NaN,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    p999: percentile(sorted, 99.9),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
  };
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  const spec = options.request;
  const toReq = (r: RequestSpec) => ({
    method: r.method ?? 'GET',
    path: r.path,
    headers: { ...(r.body ? { 'content-type': 'application/json' } : {}), ...(r.headers ?? {}) },
    ...(r.body ? { body: r.body } : {}),
  });
  const started = performance.now();
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationS,
    ...(options.amount ? { amount: options.amount } : {}),
    timeout: options.timeoutS ?? 10,
    requests: options.next ? [{ setupRequest: (req: any) => ({ ...req, ...toReq(options.next!()) }) }] : [toReq(spec ?? { path: '/' })],
  });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
  });
  // autocannon lets `amount` override `duration`: bound the time too.
  const guard = options.amount ? setTimeout(() => instance.stop(), options.durationS * 1000) : null;
  const result: any = await new Promise((resolve, reject) => instance.once('done', resolve).once('error', reject));
  if (guard) clearTimeout(guard);
  const elapsedS = (performance.now() - started) / 1000;
  const durationS = Math.min(elapsedS, Number(result.duration) || elapsedS);
  return {
    connections: options.connections,
    durationS,
    ok: latencies.length,
    non2xx: result.non2xx ?? 0,
    errors: result.errors ?? 0,
    timeouts: result.timeouts ?? 0,
    statusCodes,
    rps: latencies.length / durationS,
    latencyMs: latencySummary(latencies),
  };
}

/** One request on a keep-alive agent: its status, or 0 when it failed (refused, reset, 30 s without an answer). */
function sendOnce(agent: http.Agent, base: URL, spec: RequestSpec): Promise<number> {
  return new Promise<number>((resolve) => {
    const headers = { ...(spec.body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(spec.body) } : {}), ...(spec.headers ?? {}) };
    const req = http.request({ host: base.hostname, port: base.port, path: spec.path, method: spec.method ?? 'GET', agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.setTimeout(30000, () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(0));
    if (spec.body) req.write(spec.body);
    req.end();
  });
}

/** The answers of the bench's own client loops, counted as runLoad counts autocannon's. */
class AnswerTally {
  private readonly latencies: number[] = [];
  private readonly statusCodes: Record<string, number> = {};
  private errors = 0;
  private non2xx = 0;

  /** An answer with `status` (0: none) to a request sent at `sentAt` (performance.now()). */
  record(status: number, sentAt: number): void {
    if (status === 0) this.errors += 1;
    else {
      this.statusCodes[status] = (this.statusCodes[status] ?? 0) + 1;
      if (status >= 200 && status < 300) this.latencies.push(performance.now() - sentAt);
      else this.non2xx += 1;
    }
  }

  result(connections: number, durationS: number): LoadResult {
    return {
      connections,
      durationS,
      ok: this.latencies.length,
      non2xx: this.non2xx,
      errors: this.errors,
      timeouts: 0,
      statusCodes: this.statusCodes,
      rps: this.latencies.length / durationS,
      latencyMs: latencySummary(this.latencies),
    };
  }
}

/**
 * Writes whose effects are counted afterwards: `connections` loops, each
 * sending its next request only after the previous answer, until `amount`
 * requests were taken or time is up — and then waiting for the answers in
 * flight, so every request the server processed is counted (autocannon drops
 * in-flight requests when stopped on time).
 */
export async function runWrites(options: { url: string; connections: number; amount: number; durationS: number; next: () => RequestSpec }): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const base = new URL(options.url);
  const tally = new AnswerTally();
  let taken = 0;
  const started = performance.now();
  const deadline = started + options.durationS * 1000;
  const loop = async () => {
    while (taken < options.amount && performance.now() < deadline) {
      taken += 1;
      const spec = options.next();
      const t = performance.now();
      tally.record(await sendOnce(agent, base, spec), t);
    }
  };
  await Promise.all(Array.from({ length: options.connections }, loop));
  agent.destroy();
  return tally.result(options.connections, (performance.now() - started) / 1000);
}

/**
 * Writes at a steady rate, as traffic lands while others read: one request
 * every 1/perSecond s for durationS, whatever the answers take — at most
 * maxInFlight unanswered (a request due while that many wait is counted as
 * `skipped`, so an overloaded server shows as fewer writes, not as a queue
 * in the client). Each request's kind is counted with its status.
 */
export async function runPaced(options: {
  url: string;
  perSecond: number;
  durationS: number;
  maxInFlight: number;
  next: () => RequestSpec & { kind: string };
}): Promise<LoadResult & { sent: number; skipped: number; byKind: Record<string, Record<string, number>> }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.maxInFlight });
  const base = new URL(options.url);
  const tally = new AnswerTally();
  const byKind: Record<string, Record<string, number>> = {};
  let inFlight = 0;
  let sent = 0;
  let skipped = 0;
  const pending: Array<Promise<void>> = [];
  const started = performance.now();
  const interval = 1000 / options.perSecond;
  const count = Math.floor(options.durationS * options.perSecond);
  const send = async (spec: RequestSpec & { kind: string }) => {
    const t = performance.now();
    inFlight += 1;
    const status = await sendOnce(agent, base, spec);
    inFlight -= 1;
    const kind = (byKind[spec.kind] ??= {});
    kind[status] = (kind[status] ?? 0) + 1;
    tally.record(status, t);
  };
  for (let i = 0; i < count; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (inFlight >= options.maxInFlight) {
      skipped += 1;
      continue;
    }
    sent += 1;
    pending.push(send(options.next()));
  }
  await Promise.all(pending);
  agent.destroy();
  return { ...tally.result(options.maxInFlight, (performance.now() - started) / 1000), sent, skipped, byKind };
}
