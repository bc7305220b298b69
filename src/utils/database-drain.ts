import type { Core } from '@strapi/strapi';

/**
 * At shutdown, waits until nothing uses or waits for a database connection
 * before Strapi destroys the pool. Strapi fires work after a commit without
 * awaiting it (the Document Service's entry.* events re-read the entry once
 * the transaction commits), and a pass or a request may be mid-query: when
 * the pool is destroyed under them, knex rejects their pending acquires with
 * "aborted", and the one nobody awaits ends the process with an unhandled
 * rejection. The pool is quiet once it has been idle for IDLE_CHECKS checks
 * in a row; after `timeoutMs` shutdown goes on regardless.
 */
export const DRAIN_CHECK_MS = 10;
const IDLE_CHECKS = 3;

interface PoolCounts {
  numUsed(): number;
  numPendingAcquires(): number;
  numPendingCreates(): number;
}

export function poolIsIdle(pool: PoolCounts | undefined): boolean {
  if (!pool) return true;
  return pool.numUsed() === 0 && pool.numPendingAcquires() === 0 && pool.numPendingCreates() === 0;
}

export async function drainDatabase(strapi: Core.Strapi, timeoutMs = 5_000): Promise<boolean> {
  const pool = (strapi.db?.connection?.client as { pool?: PoolCounts } | undefined)?.pool;
  const deadline = Date.now() + timeoutMs;
  let idle = 0;
  while (Date.now() < deadline) {
    idle = poolIsIdle(pool) ? idle + 1 : 0;
    if (idle >= IDLE_CHECKS) return true;
    await new Promise((resolve) => setTimeout(resolve, DRAIN_CHECK_MS));
  }
  return false;
}
