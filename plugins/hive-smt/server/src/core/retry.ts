/**
 * The retry policy of everything that talks to a remote (the outbox worker,
 * the Hive-Engine client): exponential back-off with full jitter.
 */

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** Uniform random number in [0, 1); injected so tests and replays are deterministic. */
  jitter: () => number;
}

/**
 * Delay before retry number `attempt` (1 = first retry): "full jitter", a
 * uniform draw in [0, min(maxMs, baseMs · 2^(attempt−1))), so many workers
 * failing together do not retry in lockstep.
 */
export function nextRetryDelayMs(attempt: number, options: BackoffOptions): number {
  const { baseMs, maxMs, jitter } = options;
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`attempt must be an integer ≥ 1, got ${attempt}`);
  if (!(baseMs >= 0) || !(maxMs >= 0)) throw new RangeError('baseMs and maxMs must be non-negative');
  // 2^1024 is Infinity, and Math.min keeps the cap: no overflow for large attempts.
  const ceiling = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  const draw = Math.min(Math.max(jitter(), 0), 1 - Number.EPSILON);
  return Math.floor(draw * ceiling);
}
