import type { TransactionWhereabouts } from '../chain/locate-transaction';
import type { ChainJob, JobQueue } from './queue';
import type { JobHandler } from './worker';

/**
 * Admin action: cancels a chain job. One holding a signed transaction is cancelled only once Hive
 * proves that transaction will never land; its handler then releases what the job held (payout lines).
 */
export async function cancelChainJob(
  queue: JobQueue,
  handlers: JobHandler[],
  locate: (job: ChainJob) => Promise<TransactionWhereabouts>,
  documentId: string,
): Promise<{ ok: boolean; reason?: string }> {
  const result = await queue.cancel(documentId, locate);
  if (result.ok && result.job) {
    const cancelled = result.job;
    await handlers.find((h) => h.kinds.includes(cancelled.kind))?.onCancelled?.(cancelled);
  }
  return { ok: result.ok, reason: result.reason };
}
