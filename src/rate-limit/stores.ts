import type { Core } from '@strapi/strapi';
import { DatabaseBucketStore, onKnexPool } from './database-store';
import { InsuredBucketStore, ThrottledWarning } from './insured-store';
import { connectRedis, RedisBucketStore } from './redis-store';
import { MemoryBucketStore, type BucketStore } from './store';
import type { RateLimitStoreKind } from './settings';

/**
 * The bucket store of each running Strapi (one per process in production;
 * tests may start several in turn), built at boot (prepareRateLimits) or at
 * its first rate-limited request, from `rate-limit.store`
 * (config/rate-limit.ts, RATE_LIMIT_STORE).
 */
const stores = new Map<Core.Strapi, BucketStore>();

function sharedStore(strapi: Core.Strapi, kind: Exclude<RateLimitStoreKind, 'memory'>, warn: (line: string) => void): DatabaseBucketStore | RedisBucketStore {
  if (kind === 'redis') {
    const { url, prefix } = strapi.config.get('rate-limit.redis', { url: '', prefix: 'quanzi:' }) as { url: string; prefix: string };
    // The message only: ioredis's errors name the host and port, never the URL's password.
    const connectionWarning = new ThrottledWarning(warn);
    const client = connectRedis(url, (error) => connectionWarning.note((n) => `[rate-limit] Redis is not reachable (${error.message}; ${n} time${n === 1 ? '' : 's'} since the last warning)`));
    return new RedisBucketStore(client, { prefix });
  }
  const sweepWarning = new ThrottledWarning(warn);
  const store = new DatabaseBucketStore(onKnexPool(strapi.db.connection), {
    onSweepError: (error) => sweepWarning.note(() => `[rate-limit] could not drop refilled buckets: ${error.message}`),
  });
  store.startSweeping();
  return store;
}

function buildStore(strapi: Core.Strapi): BucketStore {
  const kind = strapi.config.get('rate-limit.store', 'memory') as RateLimitStoreKind;
  if (kind === 'memory') return new MemoryBucketStore();
  const warn = (line: string) => strapi.log.warn(line);
  return new InsuredBucketStore(sharedStore(strapi, kind, warn), new MemoryBucketStore(), new ThrottledWarning(warn));
}

export function bucketStoreFor(strapi: Core.Strapi): BucketStore {
  let store = stores.get(strapi);
  if (!store) {
    store = buildStore(strapi);
    stores.set(strapi, store);
  }
  return store;
}

/** At boot: builds the store and connects it, so the first requests are already shared. A shared store that is away does not stop the boot: its insurance answers. */
export async function prepareRateLimits(strapi: Core.Strapi): Promise<void> {
  const store = bucketStoreFor(strapi);
  await store.ready?.().catch((error: Error) => strapi.log.warn(`[rate-limit] the shared bucket store is not reachable at boot (${error.message}); limits come from this instance's memory until it is`));
}

/** Empties every bucket, the shared table's included (tests). */
export async function resetRateLimits(): Promise<void> {
  for (const store of stores.values()) await store.reset();
}

/** At shutdown: stops the store's sweeps and connections, and forgets it. */
export async function stopRateLimits(strapi: Core.Strapi): Promise<void> {
  const store = stores.get(strapi);
  stores.delete(strapi);
  await store?.stop();
}
