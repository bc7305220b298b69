import { chainOverview, listJobs, type JobFilter } from '../admin/chain-health';
import { boardsHealth } from '../admin/boards-health';
import { EDITOR_ACTIONS, actionId } from '../admin/permissions';
import { rewardsOverview } from '../admin/rewards-overview';
import { settingsView } from '../admin/settings-view';
import { cancelChainJob } from '../jobs/cancel';
import type { ChainJob } from '../jobs/queue';
import type { BoardRow } from '../host/rows';
import type { PluginRuntime } from '../runtime/types';
import { rewardsService } from './rewards';

/** The admin panel's Hive pages: read models over the runtime, the queue and the boards. */
export function dashboardService(runtime: () => PluginRuntime) {
  return {
    chain: () => chainOverview(runtime()),
    jobs: (filter: JobFilter, limit: number) => listJobs(runtime(), filter, limit),
    boards: () => boardsHealth(runtime()),

    async retryJob(documentId: string) {
      const r = runtime();
      const job = await r.queue.retry(documentId);
      // Claim it right away rather than at the next poll, so the page shows the outcome sooner.
      if (job) void r.worker?.tick().catch(() => undefined);
      return job;
    },
    /** `alongside` commits with the cancellation (the moderation log's entry). */
    cancelJob(documentId: string, alongside?: (job: ChainJob) => Promise<void>) {
      const r = runtime();
      return cancelChainJob(r.queue, r.handlers, (job) => r.chain().locateStored(job), documentId, alongside);
    },

    async settings() {
      const r = runtime();
      const boards = await r.types.rows<BoardRow>('board').findMany({ select: ['tokenSymbol'], populate: { economics: true } });
      const issuers = new Set<string>();
      for (const board of boards) if (typeof board.economics?.issuer === 'string' && board.economics.issuer) issuers.add(board.economics.issuer);
      const chain = r.connection?.chain;
      if (chain) {
        // Without an economics component the token's own issuer is the account that pays.
        const symbols = [...new Set(boards.filter((b) => !b.economics?.issuer && b.tokenSymbol).map((b) => b.tokenSymbol as string))];
        const tokens = await Promise.all(symbols.map((s) => chain.engineToken(s).catch(() => null)));
        for (const token of tokens) if (token?.issuer) issuers.add(token.issuer);
      }
      const fileConfig = (r.strapi.config.get('plugins') as Record<string, { config?: Record<string, unknown> }> | undefined)?.['hive-smt']?.config ?? null;
      return settingsView(r, process.env, fileConfig, [...issuers]);
    },

    rewards: () => rewardsOverview(runtime()).view(),
    runPayout: (boardDocumentId?: string, around?: <T>(work: () => Promise<T>) => Promise<T>) =>
      rewardsService(runtime).runPayoutNow({ boardDocumentId }, around),

    /** What the app's Editor role setup grants (src/index.ts passes these to grantEditorPermissions). */
    editorPermissions: () => EDITOR_ACTIONS.map((uid) => ({ action: actionId(uid) })),
  };
}

export type DashboardService = ReturnType<typeof dashboardService>;
