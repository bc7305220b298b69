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
  alongside?: (job: ChainJob) => Promise<void>,
): Promise<{ ok: boolean; reason?: string }> {
  // The handler's release and the caller's record commit with the cancellation, or not at all.
  const result = await queue.cancel(documentId, locate, async (cancelled) => {
    await handlers.find((h) => h.kinds.includes(cancelled.kind))?.onCancelled?.(cancelled);
    await alongside?.(cancelled);
  });
  return { ok: result.ok, reason: result.reason };
}
