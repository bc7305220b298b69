import type { Core } from '@strapi/strapi';
import type { HiveSmtConfig } from '../config';
import { UID, q } from '../core/db';
import type { ChainJob } from '../jobs/queue';
import { MIRROR_REMOVE, postSubject } from './jobs';
import type { MirrorRecords } from './records';

export type ChainStatusName = 'not-mirrored' | 'queued' | 'scheduled' | 'broadcasting' | 'confirmed' | 'retrying' | 'failed' | 'removing' | 'removed';

/** A post's life on Hive as frontends and admins see it. Nothing secret: no signed bytes, no keys. */
export interface ChainStatus {
  status: ChainStatusName;
  author: string | null;
  permlink: string | null;
  txId: string | null;
  blockNum: number | null;
  url: string | null;
  nextAttemptAt: string | null;
  error: string | null;
}

const iso = (ms: number | null | undefined) => (ms ? new Date(Number(ms)).toISOString() : null);

/** Each post's chain status, by documentId. */
export type ChainStatusReader = (documentIds: string[]) => Promise<Record<string, ChainStatus>>;

/** Combines each post's mirror record with its open job, if any. */
export function createChainStatusReader(strapi: Core.Strapi, records: MirrorRecords, config: HiveSmtConfig): ChainStatusReader {
  return async function chainStatuses(documentIds: string[]): Promise<Record<string, ChainStatus>> {
    if (documentIds.length === 0) return {};
    const [mirrors, jobs] = await Promise.all([
      records.getMany(documentIds),
      q<ChainJob>(strapi, UID.job).findMany({
        where: { subject: { $in: documentIds.map(postSubject) }, state: { $in: ['queued', 'leased', 'dead'] } },
        orderBy: { id: 'desc' },
      }),
    ]);
    const mirrorBy = new Map(mirrors.map((m) => [m.postDocumentId, m]));
    const jobBy = new Map<string, ChainJob>();
    for (const job of jobs) if (!jobBy.has(job.subject)) jobBy.set(job.subject, job);

    const result: Record<string, ChainStatus> = {};
    for (const documentId of documentIds) {
      const mirror = mirrorBy.get(documentId);
      const job = jobBy.get(postSubject(documentId));
      let status: ChainStatusName = (mirror?.state as ChainStatusName) ?? 'not-mirrored';
      let nextAttemptAt: string | null = null;
      let error: string | null = mirror?.state === 'failed' || mirror?.state === 'retrying' ? mirror.lastError : null;
      if (job) {
        const removing = job.kind === MIRROR_REMOVE;
        if (job.state === 'dead') {
          status = 'failed';
          error = job.lastError;
        } else if (job.state === 'leased') {
          status = removing ? 'removing' : 'broadcasting';
        } else {
          const notBefore = Number(job.notBefore ?? 0);
          const waiting = notBefore > Date.now();
          status = removing ? 'removing' : waiting ? 'scheduled' : Number(job.attempts) > 0 ? 'retrying' : 'queued';
          nextAttemptAt = iso(waiting ? notBefore : Number(job.runAt));
          // A post held back by a chain rule says which rule and when, even before any attempt failed.
          error = Number(job.attempts) > 0 || waiting ? job.lastError : null;
        }
      }
      const onChain = mirror?.author && mirror.permlink && (status === 'confirmed' || mirror.txId);
      result[documentId] = {
        status,
        author: mirror?.author ?? null,
        permlink: mirror?.permlink ?? null,
        txId: mirror?.txId ?? null,
        blockNum: mirror?.blockNum ?? null,
        url: onChain && status !== 'removed' ? `${config.frontendUrl.replace(/\/$/, '')}/@${mirror!.author}/${mirror!.permlink}` : null,
        nextAttemptAt,
        error,
      };
    }
    return result;
  };
}
