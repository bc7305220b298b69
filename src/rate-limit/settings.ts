/**
 * Where the rate limiter keeps its buckets (RATE_LIMIT_STORE): `database`
 * shares them between every instance on one PostgreSQL database (the
 * default there), `memory` keeps them in each instance (the default on
 * SQLite, which has one instance by construction). An unknown value, or
 * `database` on SQLite, stops startup naming the variable. Redis is not
 * supported yet.
 */
export type RateLimitStoreKind = 'memory' | 'database';

export function rateLimitStoreSetting(value: string | undefined, databaseClient: string): RateLimitStoreKind {
  const chosen = String(value ?? '').trim().toLowerCase();
  const postgres = databaseClient === 'postgres';
  if (chosen === '') return postgres ? 'database' : 'memory';
  if (chosen !== 'memory' && chosen !== 'database') throw new Error(`RATE_LIMIT_STORE must be "memory" or "database" (got "${value}").`);
  if (chosen === 'database' && !postgres)
    throw new Error('RATE_LIMIT_STORE=database shares rate limits through PostgreSQL (DATABASE_CLIENT=postgres); on SQLite there is one instance: leave it unset or set it to "memory".');
  return chosen;
}
