import type { HiveSmtConfig } from '../config';
import { WEBHOOK_EVENTS, type WebhookEvent } from '../webhooks/events';
import type { MirrorEventKind } from './record-outcome';
import type { MirrorRecord } from './records';

export const MIRROR_EVENTS: Record<MirrorEventKind, WebhookEvent> = {
  mirrored: WEBHOOK_EVENTS.HIVE_SMT_POST_MIRRORED,
  failed: WEBHOOK_EVENTS.HIVE_SMT_POST_FAILED,
  removed: WEBHOOK_EVENTS.HIVE_SMT_POST_REMOVED,
};

/** A post's copy on Hive as a webhook announces it (README, "Webhooks"). */
export function mirrorEventPayload(record: MirrorRecord, config: Pick<HiveSmtConfig, 'frontendUrl'>) {
  const onHive = record.author && record.permlink && record.state !== 'removed' && record.state !== 'failed';
  return {
    documentId: record.postDocumentId,
    boardDocumentId: record.boardDocumentId,
    state: record.state,
    author: record.author,
    permlink: record.permlink,
    url: onHive ? `${config.frontendUrl.replace(/\/$/, '')}/@${record.author}/${record.permlink}` : null,
    txId: record.txId,
    blockNum: record.blockNum,
    removedMode: record.removedMode,
    error: record.lastError,
  };
}
