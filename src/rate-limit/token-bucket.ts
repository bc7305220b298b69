/**
 * The token bucket every store keeps, as pure maths: a bucket holds at most
 * `capacity` tokens (the burst), refills continuously at `capacity` tokens a
 * minute, and a request spends one whole token. A bucket nobody has touched
 * is full, so a bucket that has refilled completely carries no information
 * and may be forgotten. The database store computes the same expressions in
 * SQL (src/rate-limit/database-store.ts), in the same order, so both stores
 * agree to the last bit of a double.
 */

export const REFILL_WINDOW_MS = 60_000;

export interface BucketState {
  tokens: number;
  /** When `tokens` was last computed (ms since the epoch). */
  atMs: number;
}

/** The bucket's tokens at `nowMs`: what it held plus what flowed in since, never above `capacity`. A clock that steps back adds nothing. */
export function tokensAt(bucket: BucketState | undefined, nowMs: number, capacity: number): number {
  if (!bucket) return capacity;
  return Math.min(capacity, bucket.tokens + (Math.max(0, nowMs - bucket.atMs) * capacity) / REFILL_WINDOW_MS);
}

/** Whole seconds until a bucket holding `tokens` has one whole token again (0 when it has one now): Retry-After. */
export function secondsUntilToken(tokens: number, capacity: number): number {
  // The epsilon keeps float noise (0.95 tokens -> 1.0000000001 s) from adding a second.
  return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) * (REFILL_WINDOW_MS / 1000)) / capacity - 1e-9);
}

/** Whether the bucket has refilled to `capacity` by `nowMs` (then it can be dropped: a missing bucket is a full one). */
export function isRefilled(bucket: BucketState, nowMs: number, capacity: number): boolean {
  return tokensAt(bucket, nowMs, capacity) >= capacity;
}

/** Token buckets in this process's memory: `capacity` tokens per minute refilled evenly, each bucket starting full. */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; atMs: number; capacity: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  private level(key: string, capacity: number) {
    const now = this.now();
    const previous = this.buckets.get(key);
    const bucket = { tokens: tokensAt(previous, now, capacity), atMs: Math.max(previous?.atMs ?? now, now), capacity };
    this.buckets.set(key, bucket);
    return bucket;
  }

  /** Seconds until `key` has a whole token again (0 when it has one now). */
  waitSeconds(key: string, capacity: number): number {
    return secondsUntilToken(this.level(key, capacity).tokens, capacity);
  }

  take(key: string, capacity: number): void {
    this.level(key, capacity).tokens -= 1;
  }

  /** Drops buckets that have refilled completely (they hold no information), or all of them. */
  sweep(all = false): void {
    const now = this.now();
    for (const [key, bucket] of [...this.buckets]) {
      if (all || isRefilled(bucket, now, bucket.capacity)) this.buckets.delete(key);
    }
  }

  get size(): number {
    return this.buckets.size;
  }
}
