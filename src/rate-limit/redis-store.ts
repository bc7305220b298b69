import Redis from 'ioredis';
import { REFILL_WINDOW_MS, secondsUntilToken } from './token-bucket';
import { TAKEN, type BucketCheck, type BucketStore, type TakeOutcome } from './store';

/**
 * The token buckets of every instance in one Redis (REDIS_URL): a request's
 * check-and-take is one Lua script, which Redis runs atomically, so two
 * instances spending the same member's bucket at the same moment see each
 * other's tokens, exactly as the PostgreSQL store's single upsert does.
 *
 * A bucket is a hash (tokens, at) that expires one refill window after its
 * last take: by then it is full again, and a missing bucket is a full one —
 * so Redis forgets refilled buckets by itself and nothing sweeps.
 *
 * The clock is Redis's (TIME), so instances whose clocks disagree still share
 * one refill; a test may pass its own. The script computes tokensAt's
 * expressions (token-bucket.ts) in the same order, on doubles, and hands the
 * numbers back as strings: Redis would truncate a Lua number to an integer.
 *
 * The keys carry one hash tag, so in a Redis Cluster every bucket lives in
 * one slot: a script may only touch keys of one slot.
 */
export const REDIS_BUCKET_TAG = '{rate-limit}';

/** ARGV: now (ms, '' for Redis's clock), the refill window (ms), then one capacity per key. Answers [taken (1/0), the level of each bucket before this take]. */
const TAKE_SCRIPT = `
local now
if ARGV[1] ~= '' then
  now = tonumber(ARGV[1])
else
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
end
local window = tonumber(ARGV[2])
local levels, stamps, all = {}, {}, true
for i, key in ipairs(KEYS) do
  local capacity = tonumber(ARGV[i + 2])
  local state = redis.call('HMGET', key, 'tokens', 'at')
  if state[1] then
    local at = tonumber(state[2])
    levels[i] = math.min(capacity, tonumber(state[1]) + (math.max(0, now - at) * capacity) / window)
    stamps[i] = math.max(at, now)
  else
    levels[i] = capacity
    stamps[i] = now
  end
  if levels[i] < 1 then all = false end
end
local reply = { all and 1 or 0 }
for i, key in ipairs(KEYS) do
  if all then
    redis.call('HSET', key, 'tokens', string.format('%.17g', levels[i] - 1), 'at', string.format('%.17g', stamps[i]))
    redis.call('PEXPIRE', key, window)
  end
  reply[i + 1] = string.format('%.17g', levels[i])
end
return reply`;

/** How long one command may take before the instance's memory answers instead: a stalled Redis must not stall every write. */
export const REDIS_COMMAND_TIMEOUT_MS = 500;

export interface RedisStoreOptions {
  /** Put before every key, so several apps (or test files) can share one Redis. */
  prefix?: string;
  /** A test's clock (ms); unset: Redis's. */
  now?: () => number;
  /** Called when the connection fails (ioredis keeps reconnecting in the background). */
  onConnectionError?: (error: Error) => void;
}

type TakeReply = [number, ...string[]];
type RedisWithTake = Redis & { quanziTakeTokens(keyCount: number, ...keysThenArgs: string[]): Promise<TakeReply> };

/** A client that fails fast while Redis is away (no offline queue, one try, a timeout), so the insured store can answer from memory. */
export function connectRedis(url: string, onConnectionError?: (error: Error) => void): Redis {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    connectTimeout: 2_000,
    // Keep trying to come back, at most every 2 s.
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  client.on('error', (error: Error) => onConnectionError?.(error));
  return client;
}

export class RedisBucketStore implements BucketStore {
  readonly kind = 'redis' as const;
  private readonly redis: RedisWithTake;
  private readonly prefix: string;

  constructor(
    redis: Redis,
    private readonly options: RedisStoreOptions = {},
  ) {
    redis.defineCommand('quanziTakeTokens', { lua: TAKE_SCRIPT });
    this.redis = redis as RedisWithTake;
    this.prefix = `${options.prefix ?? 'quanzi:'}${REDIS_BUCKET_TAG}:`;
  }

  /** Connects (a store built at boot); a Redis that is away is not fatal: requests are limited from memory until it is back. */
  async ready(): Promise<void> {
    if (this.redis.status === 'wait') await this.redis.connect();
  }

  async take(checks: BucketCheck[]): Promise<TakeOutcome> {
    if (checks.length === 0) return TAKEN;
    // One entry per key, at its smallest capacity (as the PostgreSQL store does).
    const capacities = new Map<string, number>();
    for (const check of checks) capacities.set(check.key, Math.min(capacities.get(check.key) ?? Infinity, check.capacity));
    const keys = [...capacities.keys()];
    const now = this.options.now ? String(this.options.now()) : '';
    const [taken, ...levels] = await this.redis.quanziTakeTokens(
      keys.length,
      ...keys.map((key) => this.prefix + key),
      now,
      String(REFILL_WINDOW_MS),
      ...keys.map((key) => String(capacities.get(key))),
    );
    if (taken === 1) return TAKEN;
    const levelOf = new Map(keys.map((key, i) => [key, Number(levels[i])]));
    return { taken: false, waits: checks.map((check) => secondsUntilToken(levelOf.get(check.key) ?? 0, check.capacity)) };
  }

  /** Forgets every bucket under this store's prefix (tests). */
  async reset(): Promise<void> {
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.prefix}*`, 'COUNT', 500);
      if (keys.length > 0) await this.redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  }

  async stop(): Promise<void> {
    this.redis.disconnect();
  }
}
