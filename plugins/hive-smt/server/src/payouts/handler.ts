/**
 * Pays one batch of payout lines on chain, exactly once, through
 * attemptExactlyOnce: the signed transaction (Hive-Engine `tokens`
 * issue/transfer actions in custom_json, signed with the sender's active key)
 * is stored before it is sent and re-sent as the same bytes after an ambiguous
 * failure; once it is in a block, every action's outcome is read from the
 * sidechain's getTransactionInfo logs. A Hive transaction that landed while
 * its token action failed is a failed line with the sidechain's reason, not a
 * paid one; when a batch is signed again, only lines not yet paid are in it.
 */
import type { Core } from '@strapi/strapi';
import type { HiveChain } from '../chain/hive-chain';
import { KeyConfigError, type KeyRing } from '../chain/keys';
import type { HiveSmtConfig } from '../config';
import { attemptExactlyOnce, type BuildDecision } from '../jobs/exactly-once';
import type { Outcome } from '../core/outcome';
import { ENGINE_ERRORS } from '../chain/protocol';
import type { ChainJob, JobQueue } from '../jobs/queue';
import type { JobHandler } from '../jobs/worker';
import { UID, q } from '../core/db';
import type { BoardRow } from '../host/rows';
import type { HostModel } from '../host/model';
import { engineTxIds } from './engine-ids';
import { planPayoutBatch, type SendingMap } from './plan';
import type { PayoutLine } from './lines';
import { PAYOUT_BATCH } from './schedule';
import { payoutEvents } from './events';
import { emitWebhookEvent } from '../webhooks/events';

interface Deps {
  strapi: Core.Strapi;
  types: HostModel;
  chain: () => HiveChain;
  keys: () => KeyRing;
  queue: JobQueue;
  config: HiveSmtConfig;
}

/** A payout batch's payload: who pays, which lines, and (once signed) which action pays which line. */
interface PayoutPayload {
  sender: string;
  payoutIds: number[];
  sending?: SendingMap;
}

const payloadOf = (job: Pick<ChainJob, 'payload'> | null | undefined): Partial<PayoutPayload> => (job?.payload ?? {}) as Partial<PayoutPayload>;

/** A sidechain error as an admin can act on it: the error, then what fixes it. */
export function explainEngineError(error: string, line: { symbol: string; sender?: string | null; mode?: string | null }): string {
  const who = line.sender ? `@${line.sender}` : 'the issuer';
  if (error.includes(ENGINE_ERRORS.maxSupply)) {
    return `Hive-Engine refused: "${error}" — ${line.symbol} reached its maximum supply. Switch the board's token rewards to "transfer" mode and fund ${who} with ${line.symbol}, then retry the payout.`;
  }
  if (error.includes(ENGINE_ERRORS.balance) || error.includes(ENGINE_ERRORS.balanceMissing)) {
    return `Hive-Engine refused: "${error}" — ${who} does not hold enough ${line.symbol}. Send ${line.symbol} to ${who} (or switch the board to "issue" mode if ${who} is the issuer), then retry the payout.`;
  }
  if (error.includes(ENGINE_ERRORS.issuerOnly)) {
    return `Hive-Engine refused: "${error}" — ${who} is not the issuer of ${line.symbol}. Set the token's issuer in the board's token rewards (or use "transfer" mode from a funded account), then retry the payout.`;
  }
  if (error.includes(ENGINE_ERRORS.symbolMissing)) {
    return `Hive-Engine refused: "${error}" — there is no token ${line.symbol}. Check the symbol in the board's token rewards, then retry the payout.`;
  }
  if (error.includes(ENGINE_ERRORS.precision)) {
    return `Hive-Engine refused: "${error}" — ${line.symbol} has a different number of decimals than the board says. Fix "Decimals" in the board's token rewards, then retry the payout.`;
  }
  if (error.includes(ENGINE_ERRORS.stakingNotEnabled)) {
    return `Hive-Engine refused: "${error}" — ${line.symbol} has no staking. Have its issuer run tokens.enableStaking, or set the board's "Share paid as staked tokens" to 0, then retry the payout.`;
  }
  if (error.includes(ENGINE_ERRORS.activeKey)) {
    return `Hive-Engine refused: "${error}" — the payout must be signed with ${who}'s active key. Set HIVE_ACTIVE_KEY_… for ${who} and restart, then retry.`;
  }
  return `Hive-Engine refused: "${error}". Fix the cause, then retry the payout.`;
}

const lineError = (message: string) => message.slice(0, 2000);

/** Starts the note on a staked line paid liquid because its token has no staking (kept once the line is paid). */
export const PAID_LIQUID_NOTE = 'Paid liquid:';
const paidLiquidNote = (symbol: string) =>
  `${PAID_LIQUID_NOTE} ${symbol} has staking disabled on Hive-Engine, so this staked share went to the member's balance. The token's issuer can run tokens.enableStaking for later rewards.`;

/**
 * The staked lines whose token cannot be staked, read from the sidechain right before signing:
 * those are paid liquid. (Staking, once enabled on a token, cannot be disabled again.)
 */
async function linesToPayLiquid(chain: HiveChain, lines: readonly PayoutLine[]): Promise<Set<number>> {
  const staked = lines.filter((l) => l.stake === true);
  const enabled = new Map<string, boolean>();
  for (const symbol of new Set(staked.map((l) => l.symbol))) enabled.set(symbol, (await chain.engineToken(symbol))?.stakingEnabled === true);
  return new Set(staked.filter((l) => !enabled.get(l.symbol)).map((l) => l.id));
}

/**
 * One outcome per line from the outcomes of its actions. The LAST action decides: it is the one that
 * reaches the member (a staked line in "issue" mode is issue-to-issuer, then stake). If the issue failed
 * but the stake passed, the issuer staked from its own balance and the member is paid; if the stake
 * failed, the member got nothing (an issued amount stays with the issuer) and the line is not paid.
 */
export function outcomesPerLine<T extends { payoutId: number; errors: string[] }>(results: readonly T[]): T[] {
  const byLine = new Map<number, T>();
  for (const r of results) byLine.set(r.payoutId, r);
  return [...byLine.values()];
}
/** Blocks the sidechain must be past a transaction's lifetime before its lines are signed anew. */
const ENGINE_PROCESSED_MARGIN_BLOCKS = 2;

/** This attempt no longer holds the job: it stops and writes nothing more. */
class LostLease extends Error {
  constructor() {
    super('Lost the lease of this payout batch.');
  }
}

export function createPayoutHandler(deps: Deps): JobHandler {
  const { strapi, queue, config } = deps;

  /** The job's lines: listed in its payload and still assigned to it (a retried line may have moved to another job). */
  async function linesOf(job: ChainJob, states?: string[]): Promise<PayoutLine[]> {
    const ids = payloadOf(job).payoutIds ?? [];
    if (ids.length === 0) return [];
    return q<PayoutLine>(strapi, UID.payout).findMany({
      where: { id: { $in: ids }, jobDocumentId: job.documentId, ...(states ? { state: { $in: states } } : {}) },
      orderBy: { id: 'asc' },
    });
  }

  /**
   * Runs line writes only while this attempt still holds the job's lease (and,
   * when given, the job still holds the transaction txId), in one transaction
   * with the check: an attempt abandoned by the worker's watchdog writes nothing.
   */
  async function whileLeased(job: ChainJob, owner: string, txId: string | null, data: Record<string, unknown>, writes: () => Promise<void>): Promise<boolean> {
    return strapi.db.transaction(async () => {
      if (txId !== null) {
        const [row] = await queue.find({ id: job.id }, 1);
        if (!row || row.txId !== txId) return false;
      }
      // Also the row lock (PostgreSQL) that keeps a new claim of the job waiting until these writes commit.
      if (!(await queue.updateLeased(job, owner, data))) return false;
      await writes();
      return true;
    });
  }

  /** The batch's end as webhook events: once per job, as the worker records a job's end once. */
  function announce(job: ChainJob, lines: PayoutLine[]) {
    for (const { event, payload } of payoutEvents(job, lines)) emitWebhookEvent(strapi, event, payload);
  }

  async function failLines(ids: number[], error: string) {
    if (ids.length)
      await q(strapi, UID.payout).updateMany({ where: { id: { $in: ids }, state: { $ne: 'paid' } }, data: { state: 'failed', error: lineError(error) } });
  }

  function steps(job: ChainJob, owner: string) {
    const sender = String(payloadOf(job).sender);
    return {
      async build(): Promise<BuildDecision> {
        const unsettled = await linesOf(job, ['queued', 'sending']);
        if (unsettled.length === 0) return { kind: 'skip', note: 'Every payout of this batch is paid or failed; nothing to send.' };
        const key = deps.keys().get(sender, 'active');
        const payLiquid = await linesToPayLiquid(deps.chain(), unsettled);
        const lines = unsettled.map((l) => (payLiquid.has(l.id) ? { ...l, stake: false } : l));
        const boards = await deps.types.rows<BoardRow>('board').findMany({
          where: { documentId: { $in: [...new Set(lines.map((l) => l.boardDocumentId))] } },
          populate: { economics: true },
        });
        const { operations, sending, refused, detached, spilled } = planPayoutBatch({
          lines,
          boards: new Map(boards.map((b) => [b.documentId, b])),
          sender,
          engineId: deps.chain().endpoint.engineId,
        });
        const ids = sending.txOps.flatMap((o) => o.payoutIds);
        const open = { jobDocumentId: job.documentId, state: { $in: ['queued', 'sending'] } };
        // The map from actions to lines is stored before signing (every later look at the chain reads it),
        // together with the lines' new states, only while this attempt holds the lease.
        const held = await whileLeased(job, owner, null, { payload: { ...job.payload, sending } }, async () => {
          for (const r of refused)
            await q(strapi, UID.payout).updateMany({ where: { id: r.id, ...open }, data: { state: 'failed', error: lineError(r.error) } });
          const moved = [...detached, ...spilled];
          if (moved.length) await q(strapi, UID.payout).updateMany({ where: { id: { $in: moved }, ...open }, data: { state: 'queued', jobDocumentId: null } });
          if (ids.length) await q(strapi, UID.payout).updateMany({ where: { id: { $in: ids }, ...open }, data: { state: 'sending', error: null } });
          for (const line of lines.filter((l) => payLiquid.has(l.id)))
            await q(strapi, UID.payout).updateMany({ where: { id: line.id, ...open }, data: { stake: false, error: paidLiquidNote(line.symbol) } });
        });
        if (!held) throw new LostLease();
        job.payload = { ...job.payload, sending };
        if (operations.length === 0) return { kind: 'skip', note: "No payout of this batch can be sent; see each payout's reason." };
        return { kind: 'send', operations, key };
      },

      /**
       * Hive proved the stored transaction is in no block. Before signing the lines again, the sidechain
       * must have processed past those blocks too, and show none of its actions: what is paid is read
       * there, so a lagging sidechain must never look like "not paid".
       */
      async beforeResign(stored: ChainJob, proof: { throughBlock: number }) {
        const processed = await deps.chain().engineProcessedHiveBlock();
        if (processed < proof.throughBlock + ENGINE_PROCESSED_MARGIN_BLOCKS) {
          return {
            wait: `Hive-Engine has processed Hive up to block ${processed}; waiting until it is past block ${proof.throughBlock + ENGINE_PROCESSED_MARGIN_BLOCKS} before paying these lines in a new transaction.`,
          };
        }
        const refs = engineTxIds(stored.txId!, stored.signedTx?.operations ?? []);
        for (const ref of refs) {
          if (await deps.chain().engineTransaction(ref.engineTxId)) {
            throw new Error(`Hive-Engine has ${ref.engineTxId} although Hive shows its transaction in no block; payouts of this batch wait for an admin.`);
          }
        }
        return null;
      },
    };
  }

  /**
   * The sidechain's outcome of each action: from the sidechain block of the Hive block that holds the
   * transaction (one call for the whole batch), or one call per action when that block is not known.
   */
  async function engineOutcomes(
    txId: string,
    hiveBlock: number | null,
    engineTxIds: string[],
  ): Promise<Map<string, { errors: string[]; refHiveBlockNumber: number | null }> | 'pending'> {
    const chain = deps.chain();
    if (hiveBlock !== null) {
      const block = await chain.engineTransactionsOfHiveBlock(hiveBlock);
      if (block) return block;
      if ((await chain.engineProcessedHiveBlock()) < hiveBlock) return 'pending';
      throw new Error(
        `Hive-Engine processed Hive block ${hiveBlock} but shows no transaction of ${txId}: check HIVE_ENGINE_ID (${chain.endpoint.engineId}) is the sidechain's id.`,
      );
    }
    const found = new Map<string, { errors: string[]; refHiveBlockNumber: number | null }>();
    for (const id of engineTxIds) {
      const info = await chain.engineTransaction(id);
      if (!info) return 'pending';
      found.set(id, info);
    }
    return found;
  }

  /** Reads each action's outcome on the sidechain and records it on its line. */
  async function verify(job: ChainJob, owner: string, confirmed: { txId: string; blockNum: number | null }): Promise<Outcome> {
    const [row] = await queue.find({ id: job.id }, 1);
    const signed = row?.signedTx ?? job.signedTx;
    const sending = payloadOf(row).sending ?? payloadOf(job).sending;
    const txId = confirmed.txId;
    if (row && row.txId !== txId) return { kind: 'lost-lease' };
    if (!signed || !sending) return { kind: 'retry', error: 'The signed payout transaction is missing from the job; checking again.', clearSigned: false };
    const refs = engineTxIds(txId, signed.operations);
    const results: Array<{ payoutId: number; engineTxId: string; errors: string[]; hiveBlock: number | null }> = [];
    const mapped = refs.map((ref) => ({ ref, payoutId: sending.txOps[ref.op]?.payoutIds[ref.action] })).filter((m) => m.payoutId !== undefined);
    const outcomes = await engineOutcomes(
      txId,
      confirmed.blockNum,
      mapped.map((m) => m.ref.engineTxId),
    );
    if (outcomes === 'pending') return { kind: 'pending', txId };
    for (const { ref, payoutId } of mapped) {
      const info = outcomes.get(ref.engineTxId);
      // In a Hive block, not yet processed by the sidechain: look again shortly.
      if (!info) return { kind: 'pending', txId };
      results.push({ payoutId: payoutId!, engineTxId: ref.engineTxId, errors: info.errors, hiveBlock: info.refHiveBlockNumber ?? confirmed.blockNum });
    }
    const lines = await linesOf(job);
    const lineById = new Map(lines.map((l) => [l.id, l]));
    const now = Date.now();
    const held = await whileLeased(job, owner, txId, { lastError: null }, async () => {
      for (const r of outcomesPerLine(results)) {
        const line = lineById.get(r.payoutId);
        if (!line) continue;
        // A paid line is never put back: nothing below moves a line out of 'paid'.
        const unpaid = { id: r.payoutId, state: { $ne: 'paid' } };
        if (r.errors.length === 0) {
          await q(strapi, UID.payout).updateMany({
            where: unpaid,
            data: {
              state: 'paid',
              txId,
              engineTxId: r.engineTxId,
              blockNum: r.hiveBlock,
              paidAt: now,
              error: line.error?.startsWith(PAID_LIQUID_NOTE) ? line.error : null,
            },
          });
        } else if (r.errors.some((e) => e.includes(ENGINE_ERRORS.blockLimit))) {
          // The sender did something else in that block: nothing was paid, send again.
          await q(strapi, UID.payout).updateMany({
            where: unpaid,
            data: {
              state: 'queued',
              txId,
              engineTxId: r.engineTxId,
              error: `Hive-Engine refused: "${ENGINE_ERRORS.blockLimit}" (the sender had other token actions in that block); sending again.`,
            },
          });
        } else {
          await q(strapi, UID.payout).updateMany({
            where: unpaid,
            data: { state: 'failed', txId, engineTxId: r.engineTxId, blockNum: r.hiveBlock, error: lineError(explainEngineError(r.errors.join('; '), line)) },
          });
        }
      }
    });
    if (!held) return { kind: 'lost-lease' };
    const after = await linesOf(job);
    const unpaid = after.filter((l) => l.state === 'queued' || l.state === 'sending');
    const failed = after.filter((l) => l.state === 'failed');
    if (unpaid.length > 0) {
      // Sign a new transaction for exactly the lines not paid: the ones paid above are never in it.
      return {
        kind: 'retry',
        error: `${unpaid.length} payout(s) of this batch still to send (${unpaid[0].error ?? 'not in the last transaction'}).`,
        clearSigned: true,
        immediate: true,
      };
    }
    if (failed.length > 0) {
      return { kind: 'failed', error: `${failed.length} of ${after.length} payout(s) failed: ${failed[0].error}` };
    }
    return confirmed.blockNum === null
      ? { kind: 'confirmed', txId, blockNum: results[0]?.hiveBlock ?? null }
      : { kind: 'confirmed', txId, blockNum: confirmed.blockNum };
  }

  return {
    kinds: [PAYOUT_BATCH],

    async run(job: ChainJob, owner: string): Promise<Outcome> {
      try {
        const outcome = await attemptExactlyOnce(job, steps(job, owner), {
          chain: deps.chain(),
          queue,
          owner,
          expireSeconds: config.txExpireSeconds,
          inclusionWaitMs: config.worker.inclusionWaitMs,
          recheckMs: config.worker.recheckMs,
        });
        if (outcome.kind !== 'confirmed') return outcome;
        return await verify(job, owner, outcome);
      } catch (error) {
        if (error instanceof LostLease) return { kind: 'lost-lease' };
        if (error instanceof KeyConfigError) return { kind: 'failed', error: `Payouts paused: ${error.message}` };
        throw error;
      }
    },

    /** Cancelled (its transaction, if any, proven never to land): the lines it held go back to be packed again. */
    async onCancelled(job) {
      const ids = payloadOf(job).payoutIds ?? [];
      if (ids.length === 0) return;
      await q(strapi, UID.payout).updateMany({
        where: { id: { $in: ids }, jobDocumentId: job.documentId, state: { $in: ['queued', 'sending', 'failed'] } },
        data: { state: 'queued', jobDocumentId: null, error: null },
      });
    },

    async record(job, outcome) {
      if (outcome.kind === 'confirmed') {
        announce(job, await linesOf(job));
      } else if (outcome.kind === 'failed' || (outcome.kind === 'error' && outcome.dead)) {
        // Lines the sidechain never judged take the job's reason; lines with their own reason keep it.
        const open = await linesOf(job, ['queued', 'sending']);
        await failLines(
          open.map((l) => l.id),
          outcome.error,
        );
        announce(job, await linesOf(job));
      } else if (outcome.kind === 'error') {
        const open = await linesOf(job, ['queued', 'sending']);
        if (open.length)
          await q(strapi, UID.payout).updateMany({ where: { id: { $in: open.map((l) => l.id) } }, data: { error: lineError(`Retrying: ${outcome.error}`) } });
      }
    },
  };
}
