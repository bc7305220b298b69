/**
 * An admin's Retry of failed payouts (after fixing the cause): the lines go
 * back in the queue; a paid line is never touched. A job holding signed bytes
 * that may still land is resumed (same bytes, chain checked first), never replaced.
 */
import type { Core } from '@strapi/strapi';
import { UID, q } from '../core/db';
import type { JobQueue, ChainJob } from '../jobs/queue';
import type { PayoutLine } from './lines';

export interface PayoutRetryFilter {
  payoutIds?: number[];
  jobDocumentId?: string;
  boardDocumentId?: string;
}

export async function retryFailedPayouts(strapi: Core.Strapi, queue: JobQueue, filter: PayoutRetryFilter = {}): Promise<{ payouts: number; jobs: number }> {
  const payouts = q<PayoutLine>(strapi, UID.payout);
  const where: Record<string, unknown> = { state: 'failed' };
  if (filter.payoutIds) where.id = { $in: filter.payoutIds };
  if (filter.jobDocumentId) where.jobDocumentId = filter.jobDocumentId;
  if (filter.boardDocumentId) where.boardDocumentId = filter.boardDocumentId;
  const failed = await payouts.findMany({ where });
  const jobIds = [...new Set(failed.map((l) => l.jobDocumentId).filter((id): id is string => !!id))];
  const jobs = jobIds.length ? await queue.find({ documentId: { $in: jobIds } }, jobIds.length) : [];
  const jobOf = new Map<string, ChainJob>(jobs.map((j) => [j.documentId, j]));
  let retriedJobs = 0;
  let retried = 0;
  for (const line of failed) {
    const job = line.jobDocumentId ? jobOf.get(line.jobDocumentId) : null;
    const resume = job && (job.state === 'queued' || job.state === 'leased' || (job.state === 'dead' && job.signedTx));
    const data = resume ? { state: 'queued', error: null } : { state: 'queued', error: null, jobDocumentId: null };
    retried += await payouts.updateMany({ where: { id: line.id, state: 'failed' }, data });
  }
  for (const job of jobs) {
    if (job.state === 'dead' && job.signedTx && (await queue.retry(job.documentId))) retriedJobs += 1;
  }
  return { payouts: retried, jobs: retriedJobs };
}
