import type { Operation, PrivateKey } from '@hiveio/dhive';
import type { HiveChain } from './hive-chain';
import { classifyBroadcastError } from '../mirror/backoff';
import type { ChainJob, JobQueue } from '../jobs/queue';

/** What building a transaction decided. */
export type BuildDecision =
  | { kind: 'send'; operations: Operation[]; key: PrivateKey | PrivateKey[]; summary?: Record<string, unknown> }
  | { kind: 'skip'; note: string }
  | { kind: 'defer'; notBefore: number; reason: string }
  | { kind: 'fail'; error: string };

/** The steps a job type supplies; the protocol of "nothing twice" is here, once. */
export interface ExactlyOnceSteps {
  /** Reads the current state and decides what to send (called only when no signed transaction is stored). */
  build(): Promise<BuildDecision>;
  /** After the stored transaction expired unconfirmed: did its effect reach the chain anyway (e.g. the post exists with this content)? */
  landed(job: ChainJob): Promise<{ blockNum?: number | null } | null>;
  /** The signed transaction is stored; about to be sent. */
  onSigned?(txId: string): Promise<void>;
}

export type Outcome =
  | { kind: 'confirmed'; txId: string; blockNum: number | null }
  | { kind: 'skipped'; note: string }
  | { kind: 'deferred'; notBefore: number; reason: string }
  /** Accepted by a node, not yet in a block: look again soon, keeping the signed transaction. */
  | { kind: 'pending'; txId: string }
  /** Try again later; the stored signed transaction is kept unless clearSigned. */
  | { kind: 'retry'; error: string; clearSigned: boolean; immediate?: boolean }
  | { kind: 'failed'; error: string }
  | { kind: 'lost-lease' };

export interface ExactlyOnceContext {
  chain: HiveChain;
  queue: JobQueue;
  owner: string;
  expireSeconds: number;
  /** How long to wait for a block after the node accepted the transaction (about two blocks). */
  inclusionWaitMs: number;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Runs one attempt of a job so that its transaction reaches the chain at most
 * once: the signed transaction is stored before it is sent; after an
 * ambiguous failure the same bytes are re-sent while they can still be
 * accepted (the chain refuses duplicates); once they expired, the chain is
 * asked whether they landed before anything is signed anew.
 */
export async function attemptExactlyOnce(job: ChainJob, steps: ExactlyOnceSteps, ctx: ExactlyOnceContext): Promise<Outcome> {
  if (job.signedTx && job.txId) {
    const resumed = await resumeStored(job, steps, ctx);
    if (resumed) return resumed;
    // Expired and not on chain: clear it (still under our lease) and build anew.
    if (!(await ctx.queue.updateLeased(job, ctx.owner, { signedTx: null, txId: null, txExpiration: null }))) return { kind: 'lost-lease' };
    job = { ...job, signedTx: null, txId: null, txExpiration: null };
  }

  const decision = await steps.build();
  if (decision.kind === 'skip') return { kind: 'skipped', note: decision.note };
  if (decision.kind === 'defer') return { kind: 'deferred', notBefore: decision.notBefore, reason: decision.reason };
  if (decision.kind === 'fail') return { kind: 'failed', error: decision.error };

  const prepared = await ctx.chain.prepare(decision.operations, decision.key, ctx.expireSeconds);
  const stored = await ctx.queue.recordSigned(job, ctx.owner, {
    signedTx: prepared.signed,
    txId: prepared.txId,
    txExpiration: prepared.expiration,
  });
  if (!stored) return { kind: 'lost-lease' };
  await steps.onSigned?.(prepared.txId);
  return send({ ...job, signedTx: prepared.signed, txId: prepared.txId, txExpiration: prepared.expiration }, steps, ctx);
}

const IN_BLOCK = new Set(['within_reversible_block', 'within_irreversible_block']);

/**
 * Picks up a stored transaction: confirmed if a block has it, left alone while
 * a node holds it, re-sent as the same bytes while it can still be accepted;
 * null once it expired without landing.
 */
async function resumeStored(job: ChainJob, steps: ExactlyOnceSteps, ctx: ExactlyOnceContext): Promise<Outcome | null> {
  const status = await ctx.chain.transactionStatus(job.txId!, job.txExpiration ?? undefined).catch(() => null);
  if (status && IN_BLOCK.has(status.status)) return { kind: 'confirmed', txId: job.txId!, blockNum: status.blockNum ?? null };
  if (status?.status === 'within_mempool') return { kind: 'pending', txId: job.txId! };

  const head = await ctx.chain.head();
  const expiresAt = Date.parse(`${job.txExpiration}Z`);
  if (head.time.getTime() < expiresAt) return send(job, steps, ctx);

  // No block from now on can include it. Did its effect land before it expired?
  const landed = await steps.landed(job);
  if (landed) return { kind: 'confirmed', txId: job.txId!, blockNum: landed.blockNum ?? null };
  return null;
}

/** After a node took the transaction: its block, or — without transaction_status_api — its visible effect. */
async function awaitBlock(job: ChainJob, steps: ExactlyOnceSteps, ctx: ExactlyOnceContext): Promise<Outcome> {
  const included = await ctx.chain.waitForInclusion(job.txId!, job.txExpiration!, ctx.inclusionWaitMs).catch(() => null);
  if (typeof included === 'number') return { kind: 'confirmed', txId: job.txId!, blockNum: included };
  if (included === 'unsupported') {
    const landed = await steps.landed(job);
    if (landed) return { kind: 'confirmed', txId: job.txId!, blockNum: landed.blockNum ?? null };
  }
  return { kind: 'pending', txId: job.txId! };
}

async function send(job: ChainJob, steps: ExactlyOnceSteps, ctx: ExactlyOnceContext): Promise<Outcome> {
  try {
    await ctx.chain.send(job.signedTx);
    return awaitBlock(job, steps, ctx);
  } catch (error) {
    switch (classifyBroadcastError(error)) {
      case 'duplicate':
        // The chain already holds these exact bytes: ours arrived earlier.
        return awaitBlock(job, steps, ctx);
      case 'ambiguous':
      case 'retryable-before-send':
        return { kind: 'retry', error: `Hive node did not confirm the broadcast (${message(error)}); the same signed transaction will be re-sent.`, clearSigned: false };
      case 'rate-limited':
        // hived checks for duplicates before evaluating operations: a refusal on the merits means
        // these bytes are not on chain, so signing anew later cannot double them.
        return { kind: 'retry', error: `Hive asked to wait: ${message(error)}`, clearSigned: true };
      case 'expired':
        // An earlier send of these bytes may have landed (hived forgets ids once they expire): the
        // next attempt finds them expired and asks the chain before signing anew.
        return { kind: 'retry', error: `The signed transaction expired before it was accepted (${message(error)}); checking the chain before signing again.`, clearSigned: false, immediate: true };
      case 'permanent':
      default:
        return { kind: 'failed', error: `Hive refused the transaction: ${message(error)}` };
    }
  }
}
