/**
 * The plugin's public surface: Strapi services over the one runtime the
 * composition root built. The app, the admin controllers and the tests reach
 * hive-smt only through these (strapi.plugin('hive-smt').service(name)).
 */
import type { PluginRuntime } from '../runtime/types';
import { chainService } from './chain';
import { curationService } from './curation';
import { dashboardService } from './dashboard';
import { jobsService } from './jobs';
import { mirrorService } from './mirror';
import { accountsService, engagementService, rewardsService } from './rewards';
import { reviewService } from '../curation/review-queue';
import { webhooksService } from './webhooks';
import { moderationService } from './moderation';
import { spendingService } from './spending';
import { createEconomyRegistry } from '../economy/views';

export function createServices(runtime: () => PluginRuntime) {
  // One per plugin instance: the app hands it its merchants', payments' and redemptions' views at startup.
  const economy = createEconomyRegistry();
  return {
    mirror: () => mirrorService(runtime),
    engagement: () => engagementService(runtime),
    accounts: () => accountsService(runtime),
    rewards: () => rewardsService(runtime),
    chain: () => chainService(runtime),
    jobs: () => jobsService(runtime),
    dashboard: () => dashboardService(runtime),
    curation: () => curationService(runtime),
    /** The app's moderation queue, as the Curation page's "Waiting for review" tab reads it. */
    review: () => reviewService(),
    webhooks: () => webhooksService(runtime),
    moderation: () => moderationService(runtime),
    spending: () => spendingService(runtime),
    /** The local economy's admin views, provided by the app (economy/views.ts). */
    economy: () => economy,
  };
}

/** Each service by name, as strapi.plugin('hive-smt').service(name) returns it. */
export interface HiveSmtServices {
  mirror: ReturnType<typeof mirrorService>;
  engagement: ReturnType<typeof engagementService>;
  accounts: ReturnType<typeof accountsService>;
  rewards: ReturnType<typeof rewardsService>;
  chain: ReturnType<typeof chainService>;
  jobs: ReturnType<typeof jobsService>;
  dashboard: ReturnType<typeof dashboardService>;
  curation: ReturnType<typeof curationService>;
  review: ReturnType<typeof reviewService>;
  webhooks: ReturnType<typeof webhooksService>;
  moderation: ReturnType<typeof moderationService>;
  spending: ReturnType<typeof spendingService>;
  economy: ReturnType<typeof createEconomyRegistry>;
}
