import type { Core } from '@strapi/strapi';
import { connectChain, every, noteError, runtimeOf, startWorker } from './runtime';
import { reconcileMirrors } from './mirror/reconcile';
import { importChainReplies } from './mirror/import-replies';
import { installLeaseHistory, pruneLeaseHistory } from './jobs/lease-history';

/** How often lease rows past their keeping time are dropped. */
const LEASE_PRUNE_MS = 60 * 60 * 1000;

/**
 * Connects to Hive (or starts the local devnet), then — when this instance's
 * worker is enabled — starts processing the outbox, the reconciliation pass
 * and the import of replies written on Hive.
 */
export default async ({ strapi }: { strapi: Core.Strapi }) => {
  const runtime = runtimeOf(strapi);
  // Every instance: the trigger serves whichever instance's worker claims a job.
  await installLeaseHistory(strapi);
  await connectChain(strapi, runtime);
  if (!runtime.config.worker.enabled) {
    strapi.log.info('[hive-smt] chain worker disabled on this instance (HIVE_WORKER_ENABLED=false)');
    return;
  }
  if (runtime.paused) return;
  startWorker(strapi, runtime);
  const report = (what: string) => (error: unknown) => {
    const message = `[hive-smt] ${what} failed: ${error instanceof Error ? error.message : String(error)}`;
    noteError(runtime, message);
    strapi.log.warn(message);
  };
  every(runtime, runtime.config.reconcileIntervalMs, () => reconcileMirrors(strapi, runtime.queue), report('reconciliation'));
  every(runtime, LEASE_PRUNE_MS, () => pruneLeaseHistory(strapi), report('pruning the lease history'));
  every(
    runtime,
    runtime.config.importRepliesIntervalMs,
    () => importChainReplies(strapi, runtime.chain!, runtime.records, runtime.config.appAccount),
    report('importing Hive replies'),
  );
};
