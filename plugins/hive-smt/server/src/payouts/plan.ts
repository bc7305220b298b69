/**
 * What one attempt of a payout batch sends, decided from its lines and their
 * boards alone (no I/O, unit-tested): lines a board no longer pays are refused
 * with the reason, lines whose board changed its paying account go back to be
 * packed for it, the rest become Hive-Engine actions in custom_json operations
 * within one block's budget of the sender; what does not fit waits for the
 * next run. The handler commits the plan (payouts/handler.ts).
 */
import type { Operation } from '@hiveio/dhive';
import { CUSTOM_OP_BLOCK_LIMIT, ENGINE_MAX_ACTIONS_PER_SENDER_PER_BLOCK } from '../chain/protocol';
import { big } from '../core/db';
import type { BoardRow } from '../host/rows';
import { readEconomics } from '../rewards/economics';
import { lineMode, type PayoutLine } from './lines';
import { packPayoutBatches, type Payment, type PayoutMode } from './pack';
import { payoutMemo } from './schedule';

/**
 * Which line each action of the signed transaction pays, in order (stored on the job before signing).
 * A staked line in "issue" mode is paid by two actions (issue to the issuer, then stake): its id is there twice.
 */
export interface SendingMap {
  txOps: Array<{ mode: PayoutMode; payoutIds: number[] }>;
}

export interface PayoutBatchPlan {
  operations: Operation[];
  sending: SendingMap;
  /** Lines that cannot be paid as they are, with the fix. */
  refused: Array<{ id: number; error: string }>;
  /** Lines to pack again: their board pays from another account now. */
  detached: number[];
  /** Lines beyond this block's budget of the sender: packed into a later job. */
  spilled: number[];
}

export function planPayoutBatch(input: {
  lines: readonly PayoutLine[];
  boards: ReadonlyMap<string, BoardRow>;
  sender: string;
  engineId: string;
}): PayoutBatchPlan {
  const { sender } = input;
  const byMode: Record<PayoutMode, Array<PayoutLine & { memo: string }>> = { issue: [], transfer: [] };
  const refused: PayoutBatchPlan['refused'] = [];
  const detached: number[] = [];
  for (const line of input.lines) {
    const board = input.boards.get(line.boardDocumentId);
    const economics = readEconomics(board);
    if (!board || !economics) {
      refused.push({
        id: line.id,
        error: `Token rewards are switched off for board "${board?.name ?? line.boardDocumentId}": switch them on, then retry the payout.`,
      });
    } else if (economics.symbol !== line.symbol) {
      refused.push({
        id: line.id,
        error: `Board "${board.name}" now rewards in ${economics.symbol}, but this reward is in ${line.symbol}. Pay it by hand, or set the token back, then retry.`,
      });
    } else if (economics.issuer !== sender) {
      detached.push(line.id);
    } else if (lineMode(line, economics.mode) === 'transfer' && line.account === sender) {
      refused.push({ id: line.id, error: `@${line.account} is the board's treasury itself: a treasury cannot transfer to itself.` });
    } else {
      byMode[lineMode(line, economics.mode)].push({ ...line, memo: line.memo ?? payoutMemo(board) });
    }
  }

  const operations: Operation[] = [];
  const sending: SendingMap = { txOps: [] };
  const spilled: number[] = [];
  let actions = 0;
  for (const mode of ['issue', 'transfer'] as PayoutMode[]) {
    const group = byMode[mode];
    if (group.length === 0) continue;
    const payments: Payment[] = group.map((l) => ({
      to: l.account,
      quantity: big(l.amount),
      symbol: l.symbol,
      precision: Number(l.precision),
      ...(mode === 'transfer' ? { memo: l.memo } : {}),
      ...(l.stake === true ? { stake: true } : {}),
      ...(l.stake === true && l.fundedEngineTxId ? { funded: true } : {}),
    }));
    const packed = packPayoutBatches(payments, { sender, engineId: input.engineId, mode });
    for (const batch of packed.batches) {
      // One transaction stays within one block's budget of the sender; the rest waits for the next job run.
      if (operations.length >= CUSTOM_OP_BLOCK_LIMIT || actions + batch.paymentIndexes.length > ENGINE_MAX_ACTIONS_PER_SENDER_PER_BLOCK) {
        spilled.push(...new Set(batch.paymentIndexes.map((i) => group[i].id)));
        continue;
      }
      operations.push(['custom_json', batch.body] as Operation);
      sending.txOps.push({ mode, payoutIds: batch.paymentIndexes.map((i) => group[i].id) });
      actions += batch.paymentIndexes.length;
    }
  }
  return { operations, sending, refused, detached, spilled };
}
