import type { Core } from '@strapi/strapi';
import { cancelChainJob, runtimeOf } from '../runtime';
import { chainOverview, listJobs, type JobFilter } from './chain-health';
import { boardsHealth } from './boards-health';
import { settingsView } from './settings-view';
import { rewardsView, runPayoutNow } from './rewards-view';
import { EDITOR_ACTIONS, actionId } from './permissions';

/** The admin panel's Hive pages: read models over the runtime, the queue and the boards. */
const dashboard = ({ strapi }: { strapi: Core.Strapi }) => {
  const runtime = () => runtimeOf(strapi);
  return {
    chain: () => chainOverview(strapi, runtime()),
    jobs: (filter: JobFilter, limit: number) => listJobs(strapi, runtime(), filter, limit),
    boards: () => boardsHealth(strapi, runtime()),

    async retryJob(documentId: string) {
      const job = await runtime().queue.retry(documentId);
      // Claim it right away rather than at the next poll, so the page shows the outcome sooner.
      if (job) void runtime().worker?.tick().catch(() => undefined);
      return job;
    },
    cancelJob: (documentId: string) => cancelChainJob(runtime(), documentId),

    async settings() {
      const boards: any[] = await strapi.db.query('api::board.board' as any).findMany({ select: ['tokenSymbol'], populate: hasEconomics(strapi) ? ['economics'] : [] } as any);
      const issuers = new Set<string>();
      for (const board of boards) if (board.economics?.issuer) issuers.add(board.economics.issuer);
      const chain = runtime().chain;
      if (chain) {
        // Without an economics component the token's own issuer is the account that pays.
        const symbols = [...new Set(boards.filter((b) => !b.economics?.issuer && b.tokenSymbol).map((b) => b.tokenSymbol as string))];
        const tokens = await Promise.all(symbols.map((s) => chain.engineToken(s).catch(() => null)));
        for (const token of tokens) if (token?.issuer) issuers.add(token.issuer);
      }
      const fileConfig = (strapi.config.get('plugins') as any)?.['hive-smt']?.config ?? null;
      return settingsView(runtime(), process.env, fileConfig, [...issuers]);
    },

    rewards: () => rewardsView(strapi),
    runPayout: (boardDocumentId?: string) => runPayoutNow(strapi, boardDocumentId),

    /** What the app's Editor role setup grants (src/index.ts passes these to grantEditorPermissions). */
    editorPermissions: () => EDITOR_ACTIONS.map((uid) => ({ action: actionId(uid) })),
  };
};

const hasEconomics = (strapi: Core.Strapi) => !!(strapi.contentType('api::board.board' as any) as any)?.attributes?.economics;

export default dashboard;
