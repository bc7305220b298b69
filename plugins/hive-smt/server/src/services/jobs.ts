import type { Outcome } from '../core/outcome';
import type { ChainJob } from '../jobs/queue';
import { JobWorker, type JobHandler, type WorkerOptions } from '../jobs/worker';
import type { PluginRuntime } from '../runtime/types';

/**
 * The outbox of chain work: its queue, this instance's worker, and one
 * attempt of a job by its handler. What operators and the multi-instance
 * tests drive; a Retry or Cancel an admin presses goes through `mirror`.
 */
export function jobsService(runtime: () => PluginRuntime) {
  const queue = () => runtime().queue;
  return {
    enqueue: (kind: string, subject: string, payload?: Record<string, unknown>, runAt?: number) => queue().enqueue(kind, subject, payload, runAt),
    /** `now`: the moment the claim is made at (a job deferred until later is claimable once it is past). */
    claim: (kinds: string[], owner: string, leaseMs: number, now?: number) => queue().claim(kinds, owner, leaseMs, now),
    find: (where: Record<string, unknown>, limit?: number) => queue().find(where, limit),
    release: (job: ChainJob, owner: string, changes: Parameters<PluginRuntime['queue']['release']>[2]) => queue().release(job, owner, changes),
    complete: (job: ChainJob, owner: string, result?: Parameters<PluginRuntime['queue']['complete']>[2]) => queue().complete(job, owner, result),
    countsByState: (kindPrefix?: string) => queue().countsByState(kindPrefix),

    /** One attempt of a claimed job by its handler; the outcome is returned, not applied (the worker applies outcomes). */
    attempt(job: ChainJob, owner: string): Promise<Outcome> {
      const handler = runtime().handlers.find((h) => h.kinds.includes(job.kind));
      if (!handler) throw new Error(`No handler for jobs of kind ${job.kind}.`);
      return handler.run(job, owner);
    },

    /**
     * Pauses this instance's chain work: its worker stops claiming (jobs in hand finish first) and its
     * periodic passes (reconciliation, reply import, rewards) start no new run, until resumeChainWork().
     */
    async pauseChainWork(): Promise<void> {
      await runtime().timers.pause();
      await runtime().worker?.stop();
    },
    resumeChainWork(): void {
      runtime().timers.resume();
      runtime().worker?.start();
    },

    /** Another worker on this outbox with handlers of its own (e.g. to see two workers race for jobs). */
    createWorker: (handlers: JobHandler[], options: WorkerOptions) => new JobWorker(runtime().queue, handlers, options),
  };
}

export type JobsService = ReturnType<typeof jobsService>;
