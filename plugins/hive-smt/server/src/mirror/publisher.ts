import type { Operation } from '@hiveio/dhive';
import { KeyConfigError } from '../chain/keys';
import { attemptExactlyOnce } from '../jobs/exactly-once';
import type { Outcome } from '../core/outcome';
import type { ChainJob } from '../jobs/queue';
import type { JobHandler } from '../jobs/worker';
import { buildPostOperations, OperationInputError } from './build-operation';
import { createPostsOfTheDay } from './post-of-the-day';
import { appIdentity, boardSettings, canonicalUrl, commentOf, contentHash, createMirrorReads, deleteOf, onChainPost, type MirrorDeps } from './mirror-context';
import { createPublishSteps } from './publish-steps';
import { createRemoveSteps } from './remove-steps';
import { MIRROR_EVENTS, mirrorEventPayload } from './events';
import { mirrorEventOf, mirrorRecordChange } from './record-outcome';
import { emitWebhookEvent } from '../webhooks/events';
import { MIRROR_CONTAINER, MIRROR_PUBLISH, MIRROR_REMOVE } from './jobs';

/**
 * A job whose account is busy with another post in this process looks again after this. Rare: the claim
 * query already skips jobs whose account holds a lease; this catches a job claimed before its account was known.
 */
const LANE_WAIT_MS = 2000;

/**
 * Mirrors posts to Hive through three step families — publish (publish-steps.ts),
 * remove (remove-steps.ts) and the container-mode boards' post of the day
 * (post-of-the-day.ts) — each run under the exactly-once protocol, one post
 * per Hive account at a time; the outcome is written to the post's record
 * (record-outcome.ts). The chain's rate rules become waiting, never refusals.
 */
export function createMirrorHandler(deps: MirrorDeps): JobHandler {
  const { queue, records, config } = deps;
  // Lanes expire with the worker's watchdog, so an abandoned attempt cannot block its account for good.
  const authorsInFlight = new Map<string, { until: number; jobId: number; since: number }>();
  const laneTtlMs = Math.max(1000, Math.floor(config.worker.leaseMs / 2));
  const reads = createMirrorReads(deps);

  const postsOfTheDay = createPostsOfTheDay({
    queue,
    loadBoard: reads.loadBoard,
    chain: deps.chain,
    appAccount: config.appAccount,
    postingKey: () => deps.keys().get(config.appAccount, 'posting'),
    existsOnHive: async (author, permlink) => (await onChainPost(deps.chain(), author, permlink)).exists,
    rootPostProblem: (board) => reads.communityProblem(board.hiveCommunity, board.hiveAccount, false),
    buildRootPost: (board, { day, permlink }) =>
      buildPostOperations({
        post: {
          title: `${board.name}: posts of ${day}`,
          body: `Today's posts from ${board.name} are the replies below.`,
          excerpt: `Posts from ${board.name} on ${day}`,
          tags: [],
          canonicalUrl: canonicalUrl(config, { documentId: board.documentId, slug: day, board }),
          documentId: `container:${board.documentId}:${day}`,
        },
        board: { ...boardSettings(board), beneficiaryShareBps: 0 },
        author: { account: board.hiveAccount },
        app: appIdentity(config),
        permlink,
      }) as Operation[],
  });
  const publishSteps = createPublishSteps(deps, reads, postsOfTheDay);
  const removeSteps = createRemoveSteps(deps, reads);

  return {
    kinds: [MIRROR_PUBLISH, MIRROR_REMOVE, MIRROR_CONTAINER],

    async run(job: ChainJob, owner: string): Promise<Outcome> {
      // One comment operation per author at a time in this process: the chain's per-author rules see them in order.
      // The board's post of the day has no lane: the posts waiting for it must not hold it back.
      const record = job.kind === MIRROR_CONTAINER ? null : await records.get(String(job.payload.documentId));
      if (record?.author) await queue.assignLane(job, owner, record.author);
      const lane = record?.author ?? job.subject;
      const holder = authorsInFlight.get(lane);
      if (holder && holder.until > Date.now()) {
        const age = Math.round((Date.now() - holder.since) / 1000);
        return {
          kind: 'deferred',
          notBefore: Date.now() + LANE_WAIT_MS,
          reason: `Waiting for another post of the same Hive account (job ${holder.jobId}, for ${age} s).`,
          behindLane: true,
        };
      }
      const token = { until: Date.now() + laneTtlMs, jobId: job.id, since: Date.now() };
      authorsInFlight.set(lane, token);
      try {
        const steps = job.kind === MIRROR_REMOVE ? removeSteps(job, owner) : job.kind === MIRROR_CONTAINER ? postsOfTheDay.steps(job) : publishSteps(job, owner);
        return await attemptExactlyOnce(job, steps, {
          chain: deps.chain(),
          queue,
          owner,
          expireSeconds: config.txExpireSeconds,
          inclusionWaitMs: config.worker.inclusionWaitMs,
          recheckMs: config.worker.recheckMs,
        });
      } catch (error) {
        if (error instanceof OperationInputError) return { kind: 'failed', error: `${error.message} (field: ${error.field})` };
        if (error instanceof KeyConfigError) return { kind: 'failed', error: `Mirroring paused: ${error.message}` };
        throw error;
      } finally {
        if (authorsInFlight.get(lane) === token) authorsInFlight.delete(lane);
      }
    },

    async record(job, outcome) {
      if (job.kind === MIRROR_CONTAINER) return postsOfTheDay.finished(job, outcome);
      const documentId = typeof job.payload.documentId === 'string' ? job.payload.documentId : null;
      if (!documentId) return;
      const existing = await records.get(documentId);
      // The claimed job may predate its signature: a confirmation reads what was actually sent.
      const sent = outcome.kind === 'confirmed' ? ((await queue.find({ id: job.id }, 1))[0]?.signedTx ?? job.signedTx) : null;
      const comment = commentOf(sent);
      const change = mirrorRecordChange(job.kind, outcome, existing, { comment, deleted: !!deleteOf(sent), contentHash: comment ? contentHash(comment) : null });
      if (!change) return;
      const saved = await records.upsert(documentId, change);
      const event = mirrorEventOf(existing, change);
      if (event) emitWebhookEvent(deps.strapi, MIRROR_EVENTS[event], { post: mirrorEventPayload(saved, config) });
    },
  };
}
