import type { Core } from '@strapi/strapi';
import { UID, q } from '../core/db';
import type { HostModel } from '../host/model';
import type { ChainJob, JobQueue } from '../jobs/queue';
import { MIRROR_PUBLISH, MIRROR_REMOVE, POST_SUBJECT_PREFIX, postSubject } from './jobs';
import type { MirrorRecord } from './records';

const OPEN_STATES = ['queued', 'leased'];

/**
 * The safety net for "nothing lost": published posts that have no mirror
 * record and no open job get a publish job; posts gone from Quanzi whose Hive
 * copy is still up get a removal job. Jobs are written in the same transaction
 * as their cause, so this finds only what predates the plugin or a restore.
 */
export async function reconcileMirrors(strapi: Core.Strapi, types: HostModel, queue: JobQueue, limit = 500): Promise<{ published: number; removed: number }> {
  const published = await types.rows<{ documentId: string }>('post').findMany({ where: { publishedAt: { $notNull: true } }, select: ['documentId'] });
  const publishedIds = new Set(published.map((p) => p.documentId));
  const mirrors = await q<Pick<MirrorRecord, 'postDocumentId' | 'state'>>(strapi, UID.mirror).findMany({ select: ['postDocumentId', 'state'] });
  const mirrored = new Map(mirrors.map((m) => [m.postDocumentId, m.state]));
  const openJobs = await q<Pick<ChainJob, 'subject'>>(strapi, UID.job).findMany({
    where: { state: { $in: OPEN_STATES }, subject: { $startsWith: POST_SUBJECT_PREFIX } },
    select: ['subject'],
  });
  const open = new Set(openJobs.map((j) => j.subject));

  let publishedCount = 0;
  let removedCount = 0;
  for (const documentId of publishedIds) {
    if (publishedCount >= limit) break;
    if (mirrored.has(documentId) || open.has(postSubject(documentId))) continue;
    await queue.enqueue(MIRROR_PUBLISH, postSubject(documentId), { documentId, reconciled: true });
    publishedCount += 1;
  }
  for (const [documentId, state] of mirrored) {
    if (removedCount >= limit) break;
    if (publishedIds.has(documentId) || state === 'removed' || open.has(postSubject(documentId))) continue;
    if (state !== 'confirmed') continue;
    await queue.enqueue(MIRROR_REMOVE, postSubject(documentId), { documentId, reconciled: true });
    removedCount += 1;
  }
  return { published: publishedCount, removed: removedCount };
}
