import type { Knex } from 'knex';
import { createRateLimitTable } from '../../src/rate-limit/database-store';

/**
 * The rate limiter's shared bucket table (src/rate-limit/database-store.ts),
 * on PostgreSQL, where several instances share one database. SQLite has one
 * instance by construction and keeps its buckets in memory: nothing to create.
 * Idempotent (CREATE … IF NOT EXISTS).
 */
export async function up(knex: Knex.Transaction): Promise<void> {
  if (knex.client.dialect !== 'postgresql') return;
  await createRateLimitTable(knex);
}

/** Nothing to undo that the app would miss: the buckets are a minute's memory. */
export async function down(): Promise<void> {}
