import type { Operation, PrivateKey } from '@hiveio/dhive';
import type { HiveChain } from '../chain/hive-chain';
import type { TransactionWhereabouts } from '../chain/locate-transaction';
import { isNotEnoughRc, rcShortfall, rcWaitSeconds } from '../chain/answers';
import { RC_REGENERATION_SECONDS } from '../chain/protocol';
import { classifyBroadcastError } from '../chain/broadcast-errors';
import type { Outcome } from '../core/outcome';
import type { ChainJob, JobQueue } from './queue';

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
  /**
   * Called once Hive proved the stored transaction will never land, before anything new is signed:
   * a job whose effect is read elsewhere (a sidechain) may ask to wait until that place is past it too.
   */
  beforeResign?(job: ChainJob, proof: Extract<TransactionWhereabouts, { state: 'absent' }>): Promise<{ wait: string } | null>;
  /** The signed transaction is stored; about to be sent. */
  onSigned?(txId: string): Promise<void>;
  /**
   * A refusal on the merits of transaction bytes that can never be applied (e.g. the post they create
   * exists already): the step may turn it into another outcome (rebuild as an edit) instead of a failure.
   */
  onRefused?(error: unknown, job: ChainJob): Promise<Outcome | null>;
}

export interface ExactlyOnceContext {
  chain: HiveChain;
  queue: JobQueue;
  owner: string;
  expireSeconds: number;
  /** How long to wait for a block after the node accepted the transaction (about two blocks). */
  inclusionWaitMs: number;
  /** How soon to look again while waiting for a proof or a rate rule. */
  recheckMs: number;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
/** A rate rule refused bytes that may also be on their way through another node: look again after this. */
const IN_DOUBT_RATE_WAIT_MS = 15_000;
/**
 * The longest a job out of resource credits sleeps before it tries again, whatever the estimate: RC also arrive
 * by a delegation or a power-up the estimate cannot foresee (the help text asks for exactly that), and a chain
 * whose blocks come faster than Hive's 3 s (the devnet) regenerates them faster than its wall-clock estimate.
 */
export const RC_RECHECK_MAX_MS = 30_000;

/**
 * Runs one attempt of a job so that its transaction reaches the chain at most
 * once: the signed transaction is stored before it is sent; after an
 * ambiguous failure the same bytes are re-sent while they can still be
 * accepted (the chain refuses duplicates); nothing is signed anew until Hive
 * proves the stored bytes will never land (in no block up to their expiration,
 * those blocks irreversible), or every send of them was refused for certain.
 */
export async function attemptExactlyOnce(job: ChainJob, steps: ExactlyOnceSteps, ctx: ExactlyOnceContext): Promise<Outcome> {
  if (job.signedTx && job.txId) {
    const resumed = await resumeStored(job, steps, ctx);
    if (resumed) return resumed;
    // Proven never to land: clear it (still under our lease) and build anew.
    if (!(await ctx.queue.updateLeased(job, ctx.owner, { signedTx: null, txId: null, txExpiration: null, txRefBlock: null, sendsInDoubt: 0 })))
      return { kind: 'lost-lease' };
    job = { ...job, signedTx: null, txId: null, txExpiration: null, txRefBlock: null, sendsInDoubt: 0 };
  }

  const decision = await steps.build();
  if (decision.kind === 'skip') return { kind: 'skipped', note: decision.note };
  if (decision.kind === 'defer') return { kind: 'deferred', notBefore: decision.notBefore, reason: decision.reason };
  if (decision.kind === 'fail') return { kind: 'failed', error: decision.error };

  const prepared = await ctx.chain.prepare(decision.operations, decision.key, ctx.expireSeconds);
  // Stored with the send about to happen counted as in doubt: a crash during it leaves the bytes unsettled.
  const signed = { signedTx: prepared.signed, txId: prepared.txId, txExpiration: prepared.expiration, txRefBlock: prepared.refBlock, sendsInDoubt: 1 };
  if (!(await ctx.queue.recordSigned(job, ctx.owner, signed))) return { kind: 'lost-lease' };
  await steps.onSigned?.(prepared.txId);
  return send({ ...job, ...signed }, steps, ctx);
}

/**
 * Picks up a stored transaction: confirmed if a block has it, left alone while
 * a node holds it, re-sent as the same bytes while it can still be accepted;
 * null once Hive proved it will never land.
 */
async function resumeStored(job: ChainJob, steps: ExactlyOnceSteps, ctx: ExactlyOnceContext): Promise<Outcome | null> {
  const where = await ctx.chain.locateStored(job);
  switch (where.state) {
    case 'in-block':
      return { kind: 'confirmed', txId: job.txId!, blockNum: where.blockNum };
    case 'pending': {
      if (where.inMempool) return { kind: 'pending', txId: job.txId! };
      // Not known to the node and not expired: send the same bytes again (a duplicate is refused as such).
      const sends = Number(job.sendsInDoubt ?? 0) + 1;
      if (!(await ctx.queue.updateLeased(job, ctx.owner, { sendsInDoubt: sends }))) return { kind: 'lost-lease' };
      return send({ ...job, sendsInDoubt: sends }, steps, ctx);
    }
    case 'undecided':
      return {
        kind: 'deferred',
        notBefore: Date.now() + ctx.recheckMs,
        reason: `Checking Hive before signing anything new: the last signed transaction (${job.txId}) expired, and ${where.reason}.`,
      };
    case 'absent': {
      const wait = await steps.beforeResign?.(job, where);
      if (wait) return { kind: 'deferred', notBefore: Date.now() + ctx.recheckMs, reason: wait.wait };
      return null;
    }
  }
}

/** After a node took the transaction: confirmed once a block has it, otherwise pending (looked at again soon). */
async function awaitBlock(job: ChainJob, ctx: ExactlyOnceContext): Promise<Outcome> {
  const included = await ctx.chain.waitForInclusion(await ctx.chain.storedInput(job), ctx.inclusionWaitMs).catch(() => null);
  if (typeof included === 'number') return { kind: 'confirmed', txId: job.txId!, blockNum: included };
  return { kind: 'pending', txId: job.txId! };
}

/**
 * One send of these bytes was refused for certain. When no other send of them
 * is in doubt, nothing of them can be on chain and they may be dropped;
 * otherwise the count goes down and the bytes stay.
 */
async function settleRefusedSend(job: ChainJob, ctx: ExactlyOnceContext): Promise<'clear' | 'keep' | 'lost-lease'> {
  const remaining = Math.max(0, Number(job.sendsInDoubt ?? 1) - 1);
  if (remaining === 0) return 'clear';
  return (await ctx.queue.updateLeased(job, ctx.owner, { sendsInDoubt: remaining })) ? 'keep' : 'lost-lease';
}

/** How long resource credits take to cover a refused transaction, from the refusal's own figures. */
async function rcWait(error: unknown, ctx: ExactlyOnceContext): Promise<{ ms: number; reason: string }> {
  const short = rcShortfall(error);
  const who = short.account ? `@${short.account}` : 'The paying account';
  let seconds: number | null = null;
  if (short.account && short.has !== null && short.needs !== null) {
    const [rc] = await ctx.chain.getRcAccounts([short.account]).catch(() => []);
    if (rc) seconds = rcWaitSeconds(short.has, short.needs, rc.max, RC_REGENERATION_SECONDS);
  }
  const estimateMs = Math.max(ctx.recheckMs, (seconds ?? 300) * 1000);
  const needs = short.needs !== null ? ` (Hive needs ${short.needs} RC, it has ${short.has ?? 'fewer'})` : '';
  return {
    ms: Math.min(estimateMs, Math.max(ctx.recheckMs, RC_RECHECK_MAX_MS)),
    reason: `${who} is out of resource credits${needs}; about ${Math.ceil(estimateMs / 60000)} min for them to regenerate (tried again every ${RC_RECHECK_MAX_MS / 1000} s). Power up HIVE on ${who} (or delegate RC to it) to go faster.`,
  };
}

async function send(job: ChainJob, steps: ExactlyOnceSteps, ctx: ExactlyOnceContext): Promise<Outcome> {
  try {
    // Only called with the transaction stored on the job.
    await ctx.chain.send(job.signedTx!);
    return awaitBlock(job, ctx);
  } catch (error) {
    const kind = classifyBroadcastError(error);
    switch (kind) {
      case 'duplicate':
        // The chain already holds these exact bytes: ours arrived earlier.
        return awaitBlock(job, ctx);
      case 'ambiguous':
        return {
          kind: 'retry',
          error: `Hive node did not confirm the broadcast (${message(error)}); the same signed transaction will be re-sent.`,
          clearSigned: false,
        };
      case 'retryable-before-send': {
        // It never reached a node that could apply it: that send is settled, the bytes stay for the next one.
        const settled = await settleRefusedSend(job, ctx);
        if (settled === 'lost-lease') return { kind: 'lost-lease' };
        if (settled === 'clear' && !(await ctx.queue.updateLeased(job, ctx.owner, { sendsInDoubt: 0 }))) return { kind: 'lost-lease' };
        return { kind: 'retry', error: `Could not reach a Hive node (${message(error)}); the same signed transaction will be sent again.`, clearSigned: false };
      }
      case 'rate-limited': {
        const settled = await settleRefusedSend(job, ctx);
        if (settled === 'lost-lease') return { kind: 'lost-lease' };
        const wait = isNotEnoughRc(error)
          ? await rcWait(error, ctx)
          : { ms: settled === 'clear' ? 0 : IN_DOUBT_RATE_WAIT_MS, reason: `Hive asked to wait: ${message(error)}` };
        // Not a failure: no attempt is counted. Safe to rebuild only when no send of these bytes is in doubt.
        return { kind: 'deferred', notBefore: Date.now() + wait.ms, reason: wait.reason, clearSigned: settled === 'clear', exact: wait.ms > 0 };
      }
      case 'expired': {
        const settled = await settleRefusedSend(job, ctx);
        if (settled === 'lost-lease') return { kind: 'lost-lease' };
        // With no send in doubt, nothing of these bytes is anywhere: sign anew at once. Otherwise the
        // next attempt asks the chain where they are (hived forgets ids once they expire).
        return {
          kind: 'retry',
          error: `The signed transaction expired before it was accepted (${message(error)}); ${settled === 'clear' ? 'signing it again' : 'checking the chain before signing again'}.`,
          clearSigned: settled === 'clear',
          immediate: true,
        };
      }
      case 'permanent':
      default: {
        const override = await steps.onRefused?.(error, job);
        if (override) return override;
        const settled = await settleRefusedSend(job, ctx);
        if (settled === 'lost-lease') return { kind: 'lost-lease' };
        // An earlier send of these bytes may still land: the dead job keeps them, so Retry and Cancel look on chain first.
        return { kind: 'failed', error: `Hive refused the transaction: ${message(error)}`, keepSigned: settled === 'keep' };
      }
    }
  }
}
