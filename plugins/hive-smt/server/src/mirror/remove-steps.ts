import type { Operation } from '@hiveio/dhive';
import { HIVED_ERRORS } from '../chain/protocol';
import type { Outcome } from '../core/outcome';
import type { BuildDecision, ExactlyOnceSteps } from '../jobs/exactly-once';
import type { ChainJob } from '../jobs/queue';
import { buildRemovalOperations } from './build-operation';
import { appIdentity, deleteOf, errorText, INDEXER_LAG_REASON, onChainPost, sameContent, type MirrorDeps, type MirrorReads } from './mirror-context';
import { rateRuleWait } from './rate-rule-wait';
import { deletable } from './removal-rules';

/** Refusals of delete_comment that a tombstone edit gets around (hive_evaluator_social.cpp). */
const DELETE_REFUSALS = [HIVED_ERRORS.deleteWithReplies, HIVED_ERRORS.deleteWithVotes, HIVED_ERRORS.deleteAfterPayout];

/**
 * The remove step family: an unpublished or deleted post is deleted on Hive
 * when Hive allows it (no replies, no net votes, before payout), otherwise —
 * or when its board keeps tombstones — edited into a removal notice.
 */
export function createRemoveSteps(deps: MirrorDeps, reads: MirrorReads) {
  const { queue, records, config } = deps;
  return (job: ChainJob, owner: string): ExactlyOnceSteps => {
    const documentId = String(job.payload.documentId);
    return {
      async build(): Promise<BuildDecision> {
        const record = await records.get(documentId);
        if (!record?.author || !record.permlink) return { kind: 'skip', note: 'The post never reached Hive; nothing to remove.' };
        const live = await reads.loadPublishedPost(documentId);
        if (live && !live.keepOffHive) return { kind: 'skip', note: 'The post is published again; it stays on Hive.' };
        const chain = deps.chain();
        const found = await onChainPost(chain, record.author, record.permlink);
        if (!found.exists) return { kind: 'skip', note: 'Hive no longer has this post.' };
        if (!found.content) return { kind: 'defer', notBefore: Date.now() + config.worker.recheckMs, reason: INDEXER_LAG_REASON };
        const onChain = found.content;
        const board = record.boardDocumentId ? await reads.loadBoard(record.boardDocumentId) : null;
        const head = await chain.head();
        const state = await chain.commentState(record.author, record.permlink);
        const canDelete =
          board?.removalMode !== 'tombstone' &&
          job.payload?.tombstone !== true &&
          deletable({ children: Number(onChain.children ?? 0), state, content: onChain, now: head.time });
        const target = {
          author: record.author,
          permlink: record.permlink,
          parent: { author: onChain.parent_author, permlink: onChain.parent_permlink },
          documentId,
        };
        const key = deps.keys().get(config.appAccount, 'posting');
        if (canDelete) return { kind: 'send', operations: buildRemovalOperations('delete', target) as Operation[], key };
        const tombstone = buildRemovalOperations('tombstone', target, { app: appIdentity(config) });
        if (sameContent(onChain, tombstone[0][1])) return { kind: 'skip', note: 'Hive already shows the removal notice.' };
        const clock = (await chain.postingClocks([record.author])).get(record.author);
        return rateRuleWait('edit', record.author, clock, head.time) ?? { kind: 'send', operations: tombstone as Operation[], key };
      },

      /** Hive would not delete it (replies, net positive rshares, paid out): replace it with the removal notice instead. */
      async onRefused(error: unknown): Promise<Outcome | null> {
        const text = errorText(error);
        if (!deleteOf(job.signedTx) || !DELETE_REFUSALS.some((refusal) => text.includes(refusal))) return null;
        if (!(await queue.updateLeased(job, owner, { payload: { ...job.payload, tombstone: true } }))) return { kind: 'lost-lease' };
        return {
          kind: 'retry',
          error: `Hive would not delete the post (${text.split(' | ')[0]}); replacing it with the removal notice.`,
          clearSigned: true,
          immediate: true,
        };
      },
    };
  };
}
