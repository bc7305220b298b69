/**
 * What the plugin does at bootstrap and destroy: connect to Hive (or start
 * the devnet), lay down its grants and admin help, then — where this
 * instance runs the chain worker — process the outbox and run the periodic
 * passes; at destroy, stop taking work, let jobs in hand finish, stop the devnet.
 */
import { messageOf } from '../core/errors';
import { installLeaseHistory, pruneLeaseHistory } from '../jobs/lease-history';
import { JobWorker } from '../jobs/worker';
import { importChainReplies } from '../mirror/import-replies';
import { importChainVotes } from '../rewards/hive-votes';
import { reconcileMirrors } from '../mirror/reconcile';
import { applyEconomicsHelp, ECONOMICS_HELP_VERSION } from '../rewards/admin-help';
import { backfillEarnings } from '../rewards/earnings';
import { grantMemberRoutes } from '../roles/member-grants';
import { redactCredentials } from '../text/redact';
import { connectChain } from './connection';
import type { PluginRuntime } from './types';

/** How often lease rows past their keeping time are dropped. */
const LEASE_PRUNE_MS = 60 * 60 * 1000;

/** A setup step run once per version (the plugin's store remembers which ran). */
async function once(runtime: PluginRuntime, key: string, version: number, step: () => Promise<void>): Promise<void> {
  const store = runtime.strapi.store({ type: 'plugin', name: 'hive-smt', key });
  if (Number(await store.get({})) >= version) return;
  await step();
  await store.set({ value: version });
}

export async function startRuntime(runtime: PluginRuntime): Promise<void> {
  const { strapi, config } = runtime;
  // Every instance: the trigger serves whichever instance's worker claims a job.
  await installLeaseHistory(strapi);
  runtime.connection = await connectChain(strapi, config);
  await grantMemberRoutes(strapi);
  await once(runtime, 'economics-help-version', ECONOMICS_HELP_VERSION, () =>
    applyEconomicsHelp(strapi, { uid: runtime.types.board, economicsField: runtime.types.nameOf('board', 'economics') }),
  ).catch((error) => strapi.log.warn(`[hive-smt] could not write the token rewards help: ${messageOf(error)}`));
  // Leaderboard totals for a database whose allocations predate them: built once.
  await once(runtime, 'earnings-version', 1, async () => {
    const rows = await backfillEarnings(strapi);
    if (rows) strapi.log.info(`[hive-smt] leaderboard totals built from ${rows} earlier rewards`);
  });

  if (!config.worker.enabled) {
    strapi.log.info('[hive-smt] chain worker disabled on this instance (HIVE_WORKER_ENABLED=false)');
    return;
  }
  if (runtime.paused()) return;
  startWorker(runtime);
  const report = (what: string) => (error: unknown) => {
    const message = `[hive-smt] ${what} failed: ${messageOf(error)}`;
    runtime.errors.note(message);
    strapi.log.warn(message);
  };
  const { timers, types, queue, records } = runtime;
  timers.every(config.reconcileIntervalMs, () => reconcileMirrors(strapi, types, queue), report('reconciliation'));
  timers.every(LEASE_PRUNE_MS, () => pruneLeaseHistory(strapi), report('pruning the lease history'));
  timers.every(config.importRepliesIntervalMs, () => importChainReplies(strapi, types, runtime.chain(), records), report('importing Hive replies'));
  timers.every(
    config.importRepliesIntervalMs,
    () => importChainVotes(strapi, runtime.chain(), records, runtime.rewards.engagement),
    report('importing Hive votes'),
  );
  timers.every(config.rewards.tickMs, () => runtime.rewards.tick(), report('rewards pass'));
  // Account-linking challenges nobody used expire; they are deleted even when no one asks for a new one.
  timers.every(
    config.rewards.tickMs,
    () => runtime.rewards.linking.purgeExpired(),
    (error) => strapi.log.warn(`[hive-smt] purging expired link challenges failed: ${messageOf(error)}`),
  );
}

function startWorker(runtime: PluginRuntime): void {
  const { strapi } = runtime;
  const { worker } = runtime.config;
  runtime.worker = new JobWorker(runtime.queue, runtime.handlers, {
    pollIntervalMs: worker.pollIntervalMs,
    leaseMs: worker.leaseMs,
    maxAttempts: worker.maxAttempts,
    backoffBaseMs: worker.backoffBaseMs,
    backoffMaxMs: worker.backoffMaxMs,
    recheckMs: worker.recheckMs,
    concurrency: worker.concurrency,
    // Worker messages quote the errors of the node they talk to, whose URL may carry credentials.
    log: {
      warn: (message) => {
        runtime.errors.note(message);
        strapi.log.warn(redactCredentials(message));
      },
      error: (message) => {
        runtime.errors.note(message);
        strapi.log.error(redactCredentials(message));
      },
    },
  });
  runtime.worker.start();
}

export async function stopRuntime(runtime: PluginRuntime): Promise<void> {
  await runtime.timers.stopAll();
  await runtime.worker?.stop();
  await runtime.connection?.devnet?.stop();
}
