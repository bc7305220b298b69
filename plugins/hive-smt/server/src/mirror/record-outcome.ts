import type { RecordedOutcome } from '../core/outcome';
import type { MirrorRecord } from './records';
import { MIRROR_PUBLISH, MIRROR_REMOVE } from './jobs';

export type MirrorPatch = Partial<Omit<MirrorRecord, 'id' | 'postDocumentId'>>;

/** The operations of the transaction a job actually sent, as far as the post's record needs them. */
export interface SentOperations {
  /** The comment operation (a post, a reply or an edit), if the transaction had one. */
  comment: { parent_permlink: string } | null;
  /** Whether the transaction deleted the post (a removal by delete_comment, not a tombstone edit). */
  deleted: boolean;
  /** The fingerprint of the comment operation's content (contentHash), when there is one. */
  contentHash: string | null;
}

/**
 * What one attempt of a post's publish or remove job changes in the post's
 * mirror record (the state admins and members see), or null for nothing.
 * Pure: the publisher reads `existing` and `sent`, and writes the patch.
 */
export function mirrorRecordChange(
  jobKind: string,
  outcome: RecordedOutcome,
  existing: Pick<MirrorRecord, 'state' | 'txId'> | null,
  sent: SentOperations,
  nowMs = Date.now(),
): MirrorPatch | null {
  switch (outcome.kind) {
    case 'confirmed':
      if (jobKind === MIRROR_REMOVE) {
        return { state: 'removed', txId: outcome.txId, blockNum: outcome.blockNum, lastError: null, removedMode: sent.deleted ? 'deleted' : 'tombstone' };
      }
      return {
        state: 'confirmed',
        txId: outcome.txId,
        blockNum: outcome.blockNum,
        confirmedAt: nowMs,
        lastError: null,
        removedMode: null,
        ...(sent.comment && sent.contentHash ? { contentHash: sent.contentHash, parentPermlink: sent.comment.parent_permlink } : {}),
      };
    case 'skipped':
      // Nothing sent: Hive already shows what the job meant to do, so the record says so.
      if (existing && existing.state !== 'confirmed' && existing.state !== 'removed' && jobKind === MIRROR_PUBLISH && existing.txId)
        return { state: 'confirmed', lastError: null };
      if (existing && jobKind === MIRROR_REMOVE && existing.state !== 'removed') return { state: 'removed', lastError: null };
      return null;
    case 'deferred':
      // Waiting behind another post of the account is not news for the post's record: spare the write.
      if (outcome.behindLane || !existing) return null;
      return { state: existing.state === 'confirmed' ? 'confirmed' : 'scheduled', lastError: outcome.reason };
    case 'failed':
      return { state: 'failed', lastError: outcome.error };
    case 'error':
      return { state: outcome.dead ? 'failed' : 'retrying', lastError: outcome.error };
    default:
      return null;
  }
}

export type MirrorEventKind = 'mirrored' | 'failed' | 'removed';

/**
 * Which webhook event a record change announces, or null: the post reached
 * Hive (a first publish, an edit sent, or Hive found to have it already), its
 * mirroring gave up, or its copy was removed. Repeating a state is not news,
 * except an edit, which is a new transaction on a confirmed post.
 */
export function mirrorEventOf(existing: Pick<MirrorRecord, 'state' | 'txId'> | null, change: MirrorPatch | null): MirrorEventKind | null {
  if (!change?.state) return null;
  const before = existing?.state ?? null;
  switch (change.state) {
    case 'confirmed':
      return before !== 'confirmed' || (change.txId !== undefined && change.txId !== existing?.txId) ? 'mirrored' : null;
    case 'failed':
      return before !== 'failed' ? 'failed' : null;
    case 'removed':
      return before !== 'removed' ? 'removed' : null;
    default:
      return null;
  }
}
