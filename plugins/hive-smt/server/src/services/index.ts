import type { Core } from '@strapi/strapi';
import { cancelChainJob, runtimeOf } from '../runtime';
import { createChainStatusReader } from '../mirror/status';
import { publicChainStatus } from '../mirror/public-status';
import { reconcileMirrors } from '../mirror/reconcile';
import { importChainReplies } from '../mirror/import-replies';
import { curationService, dashboardService } from '../admin';
import { reviewService } from '../curation/review-queue';

/** The mirror as other parts of the app use it: statuses for REST, admin actions, the passes on demand. */
const mirror = ({ strapi }: { strapi: Core.Strapi }) => {
  const runtime = () => runtimeOf(strapi);
  let reader: ReturnType<typeof createChainStatusReader> | null = null;
  const chainStatuses = (documentIds: string[]) => {
    reader ??= createChainStatusReader(strapi, runtime().records, runtime().config);
    return reader(documentIds);
  };
  return {
    /** Each post's chain status with the detailed error: for admins and the plugin itself. */
    chainStatuses,
    /** What readers see of it (REST, feeds): the error as a short code and a sentence. */
    async publicChainStatuses(documentIds: string[]) {
      const statuses = await chainStatuses(documentIds);
      return Object.fromEntries(Object.entries(statuses).map(([id, status]) => [id, publicChainStatus(status)]));
    },
    reconcile: () => reconcileMirrors(strapi, runtime().queue),
    importReplies: () => importChainReplies(strapi, runtime().chain!, runtime().records, runtime().config.appAccount),
    retryJob: (documentId: string) => runtime().queue.retry(documentId),
    cancelJob: (documentId: string) => cancelChainJob(runtime(), documentId),
    /** Runs the worker's claim loop once now (tests, "process now" admin action). */
    runWorkerOnce: () => runtime().worker?.tick() ?? Promise.resolve(0),
  };
};

const chain = ({ strapi }: { strapi: Core.Strapi }) => ({
  runtime: () => runtimeOf(strapi),
});

export default { mirror, chain, dashboard: dashboardService, curation: curationService, review: reviewService };
