/**
 * Where the rate limiter keeps its buckets (RATE_LIMIT_STORE): `redis`
 * shares them between every instance through the Redis at REDIS_URL (the
 * default when REDIS_URL is set), `database` through the PostgreSQL database
 * (the default there otherwise), `memory` keeps them in each instance (the
 * default on SQLite, which has one instance by construction). An unknown
 * value, `database` on SQLite or `redis` without REDIS_URL stops startup
 * naming the variable.
 */
export type RateLimitStoreKind = 'memory' | 'database' | 'redis';

const KINDS: readonly RateLimitStoreKind[] = ['memory', 'database', 'redis'];

export function rateLimitStoreSetting(value: string | undefined, databaseClient: string, redisUrl?: string): RateLimitStoreKind {
  const chosen = String(value ?? '').trim().toLowerCase();
  const postgres = databaseClient === 'postgres';
  const redis = String(redisUrl ?? '').trim() !== '';
  if (chosen === '') return redis ? 'redis' : postgres ? 'database' : 'memory';
  if (!(KINDS as readonly string[]).includes(chosen)) throw new Error(`RATE_LIMIT_STORE must be "memory", "database" or "redis" (got "${value}").`);
  if (chosen === 'database' && !postgres)
    throw new Error('RATE_LIMIT_STORE=database shares rate limits through PostgreSQL (DATABASE_CLIENT=postgres); on SQLite there is one instance: leave it unset or set it to "memory".');
  if (chosen === 'redis' && !redis) throw new Error('RATE_LIMIT_STORE=redis shares rate limits through Redis: set REDIS_URL (for example redis://127.0.0.1:6379).');
  return chosen as RateLimitStoreKind;
}
