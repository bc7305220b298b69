/**
 * Token rewards inside the plugin's lifecycle: register hooks the Document
 * Service (economics validation, engagement capture) and adds the payout job
 * handler; bootstrap grants the member routes, writes the admin help and
 * starts the rewards pass (accrue → settle → schedule payouts) on a timer.
 */
import type { Core } from '@strapi/strapi';
import { createAccountLinking, type AccountLinking } from '../accounts/link';
import { createPayoutHandler } from '../payouts/handler';
import { createPayoutScheduler, PAYOUT_BATCH, type PayoutScheduler } from '../payouts/schedule';
import { every, noteError, requireChain, requireKeys, runtimeOf } from '../runtime';
import { MEMBER_REWARD_ACTIONS, RATE_LIMITS, rewardRoutes } from '../routes/rewards';
import { applyEconomicsHelp, ECONOMICS_HELP_VERSION } from './admin-help';
import { createEngagement, registerEngagementCapture } from './engagement';
import { createRewardPeriods, type RewardPeriods, type SettledPeriod } from './periods';
import { createRewardReports, type RewardReports } from './reports';
import { UID, changed, q } from './store';
import { backfillEarnings } from './earnings';
import { assertValidEconomics } from './validate-economics';

export interface Rewards {
  engagement: ReturnType<typeof createEngagement>;
  periods: RewardPeriods;
  scheduler: PayoutScheduler;
  reports: RewardReports;
  linking: AccountLinking;
  /** One pass: accrue every board's pool, settle due posts, schedule payouts. */
  tick(now?: number): Promise<{ settled: SettledPeriod[]; lines: number; jobs: number }>;
  /** Failed payouts back in the queue (after the admin fixed the cause); never re-sends a paid one. */
  retryPayouts(filter?: { payoutIds?: number[]; jobDocumentId?: string; boardDocumentId?: string }): Promise<{ payouts: number; jobs: number }>;
}

const instances = new WeakMap<object, Rewards>();

export function rewardsOf(strapi: Core.Strapi): Rewards {
  let rewards = instances.get(strapi);
  if (rewards) return rewards;
  const runtime = runtimeOf(strapi);
  const periods = createRewardPeriods(strapi);
  const engagement = createEngagement(strapi, { changed: (boardDocumentId) => periods.forgetEstimates(boardDocumentId) });
  const scheduler = createPayoutScheduler(strapi, () => runtime.endpoint?.engineId ?? runtime.config.engine.id);
  const reports = createRewardReports(strapi, { chain: () => runtime.chain, config: runtime.config, periods });
  const linking = createAccountLinking(strapi, {
    chain: () => requireChain(runtime),
    appName: () => runtime.config.appName,
    ttlSeconds: () => runtime.config.rewards.challengeTtlSeconds,
    onLinked: (userId) => scheduler.schedule({ memberId: userId }),
  });

  rewards = {
    engagement,
    periods,
    scheduler,
    reports,
    linking,
    async tick(now = Date.now()) {
      const settled = await periods.runOnce(now);
      const { lines, jobs } = await scheduler.schedule();
      return { settled, lines, jobs };
    },
    async retryPayouts(filter = {}) {
      const where: Record<string, unknown> = { state: 'failed' };
      if (filter.payoutIds) where.id = { $in: filter.payoutIds };
      if (filter.jobDocumentId) where.jobDocumentId = filter.jobDocumentId;
      if (filter.boardDocumentId) where.boardDocumentId = filter.boardDocumentId;
      const failed: any[] = await q(strapi, UID.payout).findMany({ where });
      const jobIds = [...new Set(failed.map((l) => l.jobDocumentId).filter(Boolean))];
      const jobs: any[] = jobIds.length ? await q(strapi, UID.job).findMany({ where: { documentId: { $in: jobIds } } }) : [];
      const jobOf = new Map(jobs.map((j) => [j.documentId, j]));
      let retriedJobs = 0;
      let payouts = 0;
      for (const line of failed) {
        const job = line.jobDocumentId ? jobOf.get(line.jobDocumentId) : null;
        // A job holding signed bytes may still land: it is resumed (same bytes, chain checked) rather than replaced.
        const resume = job && (job.state === 'queued' || job.state === 'leased' || (job.state === 'dead' && job.signedTx));
        const data = resume ? { state: 'queued', error: null } : { state: 'queued', error: null, jobDocumentId: null };
        payouts += changed(await q(strapi, UID.payout).updateMany({ where: { id: line.id, state: 'failed' }, data }));
      }
      for (const job of jobs) {
        if (job.state === 'dead' && job.signedTx && (await runtime.queue.retry(job.documentId))) retriedJobs += 1;
      }
      const scheduled = await scheduler.schedule();
      return { payouts, jobs: retriedJobs + scheduled.jobs };
    },
  };
  instances.set(strapi, rewards);
  return rewards;
}

/** Hooks and the payout handler; called from the plugin's register. */
export function registerRewards(strapi: Core.Strapi): void {
  const runtime = runtimeOf(strapi);
  strapi.documents.use(async (ctx, next) => {
    if (ctx.uid === 'api::board.board' && (ctx.action === 'create' || ctx.action === 'update')) {
      await assertValidEconomics(strapi, ctx.action, ctx.params);
    }
    return next();
  });
  registerEngagementCapture(strapi, () => rewardsOf(strapi).engagement);
  runtime.handlers.push(
    createPayoutHandler({ strapi, chain: () => requireChain(runtime), keys: () => requireKeys(runtime), queue: runtime.queue, config: runtime.config }),
  );
  // The app's rate limiter (src/middlewares/rate-limit.ts), when this app has one, on the write routes.
  if (strapi.get('middlewares').get('global::rate-limit')) {
    for (const route of rewardRoutes as any[]) {
      const limit = RATE_LIMITS[route.handler];
      if (limit) route.config.middlewares = [...(route.config.middlewares ?? []), { name: 'global::rate-limit', config: limit }];
    }
  }
}

/** Grants the member routes to the Authenticated role (the app gives Editors every Authenticated action). */
export async function grantRewardPermissions(strapi: Core.Strapi): Promise<void> {
  for (const type of ['authenticated', 'editor']) {
    const role: any = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type } });
    if (!role) continue;
    const have = new Set(((await strapi.db.query('plugin::users-permissions.permission').findMany({ where: { role: role.id, action: { $in: MEMBER_REWARD_ACTIONS } } })) as any[]).map((p) => p.action));
    for (const action of MEMBER_REWARD_ACTIONS) {
      if (!have.has(action)) await strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
    }
  }
}

/** Leaderboard totals for a database whose allocations predate them: built once. */
async function earningsOnce(strapi: Core.Strapi): Promise<void> {
  const store = strapi.store({ type: 'plugin', name: 'hive-smt', key: 'earnings-version' });
  if (Number(await store.get({})) >= 1) return;
  const rows = await backfillEarnings(strapi);
  if (rows) strapi.log.info(`[hive-smt] leaderboard totals built from ${rows} earlier rewards`);
  await store.set({ value: 1 });
}

async function helpOnce(strapi: Core.Strapi): Promise<void> {
  const store = strapi.store({ type: 'plugin', name: 'hive-smt', key: 'economics-help-version' });
  if (Number(await store.get({})) >= ECONOMICS_HELP_VERSION) return;
  await applyEconomicsHelp(strapi);
  await store.set({ value: ECONOMICS_HELP_VERSION });
}

/** Permissions and help always; the rewards pass only where this instance runs the chain worker. */
export async function bootstrapRewards(strapi: Core.Strapi): Promise<void> {
  const runtime = runtimeOf(strapi);
  await grantRewardPermissions(strapi);
  await helpOnce(strapi).catch((error) => strapi.log.warn(`[hive-smt] could not write the token rewards help: ${(error as Error).message}`));
  await earningsOnce(strapi);
  if (!runtime.config.worker.enabled || runtime.paused || !runtime.worker) return;
  every(
    runtime,
    runtime.config.rewards.tickMs,
    () => rewardsOf(strapi).tick(),
    (error) => {
      const message = `[hive-smt] rewards pass failed: ${error instanceof Error ? error.message : String(error)}`;
      noteError(runtime, message);
      strapi.log.warn(message);
    },
  );
  // Account-linking challenges nobody used expire; they are deleted even when no one asks for a new one.
  every(
    runtime,
    runtime.config.rewards.tickMs,
    () => rewardsOf(strapi).linking.purgeExpired(),
    (error) => strapi.log.warn(`[hive-smt] purging expired link challenges failed: ${error instanceof Error ? error.message : String(error)}`),
  );
}

export { PAYOUT_BATCH };
