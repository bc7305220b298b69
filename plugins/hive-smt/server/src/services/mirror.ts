import type { PluginRuntime } from '../runtime/types';
import { cancelChainJob } from '../jobs/cancel';
import { importChainReplies } from '../mirror/import-replies';
import { importChainVotes } from '../rewards/hive-votes';
import { publicChainStatus, type PublicChainStatus } from '../mirror/public-status';
import { reconcileMirrors } from '../mirror/reconcile';
import type { MirrorRecord } from '../mirror/records';
import type { ChainStatus } from '../mirror/status';
import type { PostExtrasProvider } from '../mirror/post-extras';

/** The mirror as the app uses it: statuses for REST, admin actions, the passes on demand. */
export function mirrorService(runtime: () => PluginRuntime) {
  return {
    /** Each post's chain status with the detailed error: for admins and the plugin itself. */
    chainStatuses: (documentIds: string[]): Promise<Record<string, ChainStatus>> => runtime().statuses(documentIds),

    /** What readers see of it (REST, feeds): the error as a short code and a sentence. */
    async publicChainStatuses(documentIds: string[]): Promise<Record<string, PublicChainStatus>> {
      const statuses = await runtime().statuses(documentIds);
      return Object.fromEntries(Object.entries(statuses).map(([id, status]) => [id, publicChainStatus(status)]));
    },

    /** Where a post lives on Hive (author, permlink, state, transaction), or null before its first job. */
    record: (documentId: string): Promise<MirrorRecord | null> => runtime().records.get(documentId),

    reconcile: () => reconcileMirrors(runtime().strapi, runtime().types, runtime().queue),
    importReplies: () => importChainReplies(runtime().strapi, runtime().types, runtime().chain(), runtime().records),
    /** Votes cast on Hive on mirrored posts by accounts members linked, counted as their likes and downvotes (rewards/hive-votes.ts). */
    importVotes: () => importChainVotes(runtime().strapi, runtime().chain(), runtime().records, runtime().rewards.engagement),
    retryJob: (documentId: string) => runtime().queue.retry(documentId),
    cancelJob: (documentId: string) => {
      const r = runtime();
      return cancelChainJob(r.queue, r.handlers, (job) => r.chain().locateStored(job), documentId);
    },
    /**
     * What the app adds to every mirrored post from its own fields (json_metadata
     * fields, a block above the text): one provider, replacing any earlier one.
     */
    setPostExtras(provider: PostExtrasProvider | null): void {
      runtime().postExtras.provider = provider;
    },

    /** Runs the worker's claim loop once now (tests, "process now" admin action). */
    runWorkerOnce: (): Promise<number> => runtime().worker?.tick() ?? Promise.resolve(0),
  };
}

export type MirrorService = ReturnType<typeof mirrorService>;
