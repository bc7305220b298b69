import { randomUUID } from 'crypto';
import { CLEARED_TRANSACTION, type ChainJob, type JobQueue } from './queue';
import type { Outcome, RecordedOutcome } from '../core/outcome';
import { messageOf } from '../core/errors';
import { nextRetryDelayMs } from '../core/retry';

/** Processes one kind of job; the worker handles claiming, retries and the dead letter. */
export interface JobHandler {
  kinds: string[];
  run(job: ChainJob, owner: string): Promise<Outcome>;
  /** Reflects an outcome in the handler's own records (e.g. the post's mirror state). */
  record?(job: ChainJob, outcome: RecordedOutcome): Promise<void>;
  /** An admin cancelled the job (its transaction, if any, proven never to land): release what it held. */
  onCancelled?(job: ChainJob): Promise<void>;
}

export interface WorkerOptions {
  pollIntervalMs: number;
  leaseMs: number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Deferred jobs look again at least this often, in case the chain moved faster than expected. */
  recheckMs: number;
  concurrency: number;
  log: { warn(message: string): void; error(message: string): void; debug?(message: string): void };
}

/**
 * Claims due jobs with a lease, runs them with bounded concurrency, and turns
 * each outcome into the job's next state: done, back in the queue at a later
 * time, or dead with the reason an admin can act on.
 */
export class JobWorker {
  readonly owner = `worker-${process.pid}-${randomUUID().slice(0, 8)}`;
  private timer: NodeJS.Timeout | null = null;
  private running = new Set<Promise<void>>();
  private stopped = true;
  private ticking = false;
  private claims = 0;

  constructor(
    private readonly queue: JobQueue,
    private readonly handlers: JobHandler[],
    private readonly options: WorkerOptions,
  ) {}

  start() {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops claiming and waits for the jobs in hand to finish. */
  async stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await Promise.allSettled([...this.running]);
  }

  private schedule(delay: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), delay);
  }

  /** Claims as many due jobs as there are free slots. Exposed for tests and the "run now" admin action. */
  async tick(): Promise<number> {
    if (this.ticking) return 0;
    this.ticking = true;
    let claimed = 0;
    try {
      const kinds = this.handlers.flatMap((h) => h.kinds);
      while (this.running.size < this.options.concurrency) {
        // Each claim holds its own lease token: an attempt that outlived its watchdog can write nothing after it.
        const lease = `${this.owner}:${++this.claims}`;
        const job = await this.queue.claim(kinds, lease, this.options.leaseMs);
        if (!job) break;
        claimed += 1;
        const handler = this.handlers.find((h) => h.kinds.includes(job.kind))!;
        const work = this.process(handler, job, lease).finally(() => this.running.delete(work));
        this.running.add(work);
      }
    } catch (error) {
      this.options.log.warn(`[hive-smt] could not claim jobs: ${messageOf(error)}`);
    } finally {
      this.ticking = false;
      this.schedule(claimed > 0 ? 10 : this.options.pollIntervalMs);
    }
    return claimed;
  }

  private async process(handler: JobHandler, job: ChainJob, lease: string) {
    let outcome: Outcome;
    const watchdogMs = Math.max(1000, Math.floor(this.options.leaseMs / 2));
    let timer: NodeJS.Timeout | undefined;
    try {
      // A call that never returns (a node that accepts a connection and never answers) must not hold the job
      // or its account's lane forever: after half the lease the attempt is given up and the job retried.
      const watchdog = new Promise<Outcome>((resolve) => {
        timer = setTimeout(
          () => resolve({ kind: 'retry', error: `The attempt took longer than ${watchdogMs} ms and was abandoned; it will be retried.`, clearSigned: false }),
          watchdogMs,
        );
      });
      outcome = await Promise.race([handler.run(job, lease), watchdog]);
    } catch (error) {
      outcome = { kind: 'retry', error: messageOf(error), clearSigned: false };
    } finally {
      clearTimeout(timer);
    }
    try {
      await this.apply(handler, job, outcome, lease);
    } catch (error) {
      // The lease runs out and another attempt picks the job up: nothing is lost.
      this.options.log.error(`[hive-smt] could not record the outcome of job ${job.id}: ${messageOf(error)}`);
    }
  }

  private async apply(handler: JobHandler, job: ChainJob, outcome: Outcome, owner: string) {
    const now = Date.now();
    const queue = this.queue;
    switch (outcome.kind) {
      case 'lost-lease':
        return;
      case 'confirmed':
        if (await queue.complete(job, owner, { txId: outcome.txId, blockNum: outcome.blockNum })) await handler.record?.(job, outcome);
        return;
      case 'skipped':
        if (await queue.complete(job, owner, { note: outcome.note })) await handler.record?.(job, outcome);
        return;
      case 'pending': {
        // In a node's mempool: look again in a moment; not a failure, so no attempt is counted.
        // Until then the account's line stays held (not_before), as the chain has not yet counted this post.
        const runAt = now + this.options.recheckMs;
        await queue.release(job, owner, { runAt, notBefore: runAt, lastError: null });
        return;
      }
      case 'deferred': {
        const wait = Math.max(0, outcome.exact ? outcome.notBefore - now : Math.min(outcome.notBefore - now, this.options.recheckMs));
        if (await queue.release(job, owner, { runAt: now + wait, notBefore: outcome.notBefore, lastError: outcome.reason, clearSigned: outcome.clearSigned })) {
          await handler.record?.(job, outcome);
        }
        return;
      }
      case 'failed': {
        // Bytes that may be on chain stay with the dead job: Retry resumes them and Cancel proves them absent first.
        const transaction = outcome.keepSigned ? {} : CLEARED_TRANSACTION;
        if (
          await queue.updateLeased(job, owner, { state: 'dead', lastError: outcome.error, ...transaction, leaseOwner: null, leaseUntil: null, finishedAt: now })
        ) {
          await handler.record?.(job, outcome);
        }
        return;
      }
      case 'retry': {
        const attempts = job.attempts + 1;
        if (attempts >= this.options.maxAttempts) {
          if (await queue.bury(job, owner, outcome.error, attempts)) {
            await handler.record?.(job, { kind: 'error', error: outcome.error, dead: true, retryAt: 0 });
          }
          return;
        }
        const delay = outcome.immediate
          ? 0
          : nextRetryDelayMs(attempts, { baseMs: this.options.backoffBaseMs, maxMs: this.options.backoffMaxMs, jitter: Math.random });
        const runAt = now + Math.max(delay, this.options.backoffBaseMs / 2);
        if (await queue.release(job, owner, { runAt, lastError: outcome.error, attempts, clearSigned: outcome.clearSigned })) {
          await handler.record?.(job, { kind: 'error', error: outcome.error, dead: false, retryAt: runAt });
        }
        return;
      }
    }
  }
}
