import type { Core } from '@strapi/strapi';
import { DatabaseBucketStore, onKnexPool } from './database-store';
import { InsuredBucketStore, ThrottledWarning } from './insured-store';
import { MemoryBucketStore, type BucketStore } from './store';
import type { RateLimitStoreKind } from './settings';

/**
 * The bucket store of each running Strapi (one per process in production;
 * tests may start several in turn), built at its first rate-limited request
 * from `rate-limit.store` (config/rate-limit.ts, RATE_LIMIT_STORE).
 */
const stores = new Map<Core.Strapi, BucketStore>();

function buildStore(strapi: Core.Strapi): BucketStore {
  const kind = strapi.config.get('rate-limit.store', 'memory') as RateLimitStoreKind;
  if (kind !== 'database') return new MemoryBucketStore();
  const warn = (line: string) => strapi.log.warn(line);
  const sweepWarning = new ThrottledWarning(warn);
  const shared = new DatabaseBucketStore(onKnexPool(strapi.db.connection), {
    onSweepError: (error) => sweepWarning.note(() => `[rate-limit] could not drop refilled buckets: ${error.message}`),
  });
  shared.startSweeping();
  return new InsuredBucketStore(shared, new MemoryBucketStore(), new ThrottledWarning(warn));
}

export function bucketStoreFor(strapi: Core.Strapi): BucketStore {
  let store = stores.get(strapi);
  if (!store) {
    store = buildStore(strapi);
    stores.set(strapi, store);
  }
  return store;
}

/** Empties every bucket, the shared table's included (tests). */
export async function resetRateLimits(): Promise<void> {
  for (const store of stores.values()) await store.reset();
}

/** At shutdown: stops the store's sweeps and forgets it. */
export async function stopRateLimits(strapi: Core.Strapi): Promise<void> {
  const store = stores.get(strapi);
  stores.delete(strapi);
  await store?.stop();
}
