/**
 * Token rewards, put together: engagement capture, periods (accrue and
 * settle), payout scheduling, members' and boards' reports and account
 * linking, each with what it needs from the rest of the plugin.
 */
import type { Core } from '@strapi/strapi';
import type { HiveChain } from '../chain/hive-chain';
import type { HiveSmtConfig } from '../config';
import type { HostModel } from '../host/model';
import type { JobQueue } from '../jobs/queue';
import { createAccountLinking, type AccountLinking } from '../accounts/link';
import { retryFailedPayouts, type PayoutRetryFilter } from '../payouts/retry';
import { createPayoutScheduler, type PayoutScheduler } from '../payouts/schedule';
import { createEngagement } from './engagement';
import { createRewardPeriods, type RewardPeriods, type SettledPeriod } from './periods';
import { createRewardReports, type RewardReports } from './reports';

export type Engagement = ReturnType<typeof createEngagement>;

export interface Rewards {
  engagement: Engagement;
  periods: RewardPeriods;
  scheduler: PayoutScheduler;
  reports: RewardReports;
  linking: AccountLinking;
  /** One pass: accrue every board's pool, settle due posts, schedule payouts. */
  tick(now?: number): Promise<{ settled: SettledPeriod[]; lines: number; jobs: number }>;
  /** Failed payouts back in the queue (after the admin fixed the cause); never re-sends a paid one. */
  retryPayouts(filter?: PayoutRetryFilter): Promise<{ payouts: number; jobs: number }>;
}

export interface RewardsDeps {
  types: HostModel;
  config: HiveSmtConfig;
  queue: JobQueue;
  /** The chain once connected (null before), and the one that throws why chain work is paused. */
  connectedChain(): HiveChain | undefined;
  chain(): HiveChain;
  engineId(): string;
}

export function createRewards(strapi: Core.Strapi, deps: RewardsDeps): Rewards {
  const { types, config } = deps;
  const periods = createRewardPeriods(strapi, types, { appName: () => config.appName });
  const engagement = createEngagement(strapi, types, {
    changed: (boardDocumentId) => periods.forgetEstimates(boardDocumentId),
    postCacheMs: config.rewards.postCacheMs,
  });
  const scheduler = createPayoutScheduler(strapi, types, deps.engineId);
  const reports = createRewardReports(strapi, { types, chain: deps.connectedChain, config, periods });
  const linking = createAccountLinking(strapi, {
    chain: deps.chain,
    appName: () => config.appName,
    ttlSeconds: () => config.rewards.challengeTtlSeconds,
    onLinked: (userId) => scheduler.schedule({ memberId: userId }),
  });
  return {
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
      const retried = await retryFailedPayouts(strapi, deps.queue, filter);
      const scheduled = await scheduler.schedule();
      return { payouts: retried.payouts, jobs: retried.jobs + scheduled.jobs };
    },
  };
}
