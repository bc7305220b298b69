/**
 * Packing reward payments into Hive-Engine `custom_json` operations: as few
 * operations and blocks as the limits allow, because each one costs the
 * treasury account resource credits and each block is 3 s of waiting.
 *
 * Limits (chain/protocol.ts): a json payload of at most CUSTOM_OP_DATA_MAX_LENGTH
 * bytes; at most CUSTOM_OP_BLOCK_LIMIT custom ops per account per block (hived);
 * at most ENGINE_MAX_ACTIONS_PER_SENDER_PER_BLOCK token actions per sender per
 * block (the sidechain counts each element of an action array).
 */
import { accountNameError } from '../chain/account-name';
import {
  CUSTOM_OP_BLOCK_LIMIT,
  CUSTOM_OP_DATA_MAX_LENGTH,
  CUSTOM_OP_ID_MAX_LENGTH,
  ENGINE_MAX_ACTIONS_PER_SENDER_PER_BLOCK,
  ENGINE_SYMBOL_MAX_LENGTH,
  ENGINE_SYMBOL_PATTERN,
} from '../chain/protocol';
import { formatQuantity } from '../rewards/quantity';
import { utf8ByteLength } from '../text/utf8';

export type PayoutMode = 'issue' | 'transfer';

export interface Payment {
  to: string;
  /** Base units (see rewards/quantity.ts). */
  quantity: bigint;
  symbol: string;
  precision: number;
  /** Sent with transfers; the tokens contract's `issue` takes no memo, so it is left out there. */
  memo?: string;
  /** Paid as staked tokens (tokens.stake `to` the member) instead of to the member's balance; see engineActions. */
  stake?: boolean;
}

export interface PackOptions {
  /** The treasury (transfer) or issuer (issue) account; signs with its active key. */
  sender: string;
  /** custom_json id of the sidechain, e.g. ENGINE_MAINNET_ID. */
  engineId: string;
  mode: PayoutMode;
}

/** The body of a `custom_json` operation: broadcast it as ['custom_json', body]. */
export interface CustomJsonBody {
  id: string;
  required_auths: string[];
  required_posting_auths: string[];
  json: string;
}

export interface PayoutBatch {
  body: CustomJsonBody;
  /**
   * Positions in the input `payments`, in the order of the json array (action i ↔ sidechain id `<trx>-i`):
   * a payment paid by two actions (a staked payment in "issue" mode) appears twice in a row.
   */
  paymentIndexes: number[];
}

export interface PayoutPlan {
  batches: PayoutBatch[];
  /**
   * Batches that may go in the same block, block after block: indexes into
   * `batches`, consecutive. Assumes the sender sends no other custom ops or
   * token actions in those blocks.
   */
  blocks: number[][];
}

/** Fewest blocks that `actionCount` token actions from one sender can take (a lower bound; long memos may need more). */
export function minimumBlocksFor(actionCount: number): number {
  if (!Number.isSafeInteger(actionCount) || actionCount < 0) throw new RangeError('actionCount must be a non-negative integer');
  return Math.ceil(actionCount / ENGINE_MAX_ACTIONS_PER_SENDER_PER_BLOCK);
}

/** The sidechain action for one payment: {contractName:'tokens', contractAction, contractPayload}. */
export function engineAction(payment: Payment, mode: PayoutMode): Record<string, unknown> {
  const contractPayload: Record<string, string> = {
    symbol: payment.symbol,
    to: payment.to,
    quantity: formatQuantity(payment.quantity, payment.precision),
  };
  if (mode === 'transfer' && payment.memo !== undefined) contractPayload.memo = payment.memo;
  return { contractName: 'tokens', contractAction: mode, contractPayload };
}

/**
 * The sidechain actions that pay one payment, in order. A liquid payment is one
 * issue or transfer. A staked one uses tokens.stake, which moves tokens from
 * the SENDER's balance to the stake of `to` (the contract allows any `to`):
 * in "transfer" mode that is the one action; in "issue" mode the contract has no
 * "issue as stake" for accounts (stakeFromContract is for contracts only), so the
 * issuer first issues the quantity to itself (issue allows to = issuer) and the
 * next action, in the same custom_json, stakes it to the member.
 */
export function engineActions(payment: Payment, mode: PayoutMode, sender: string): Array<Record<string, unknown>> {
  if (!payment.stake) return [engineAction(payment, mode)];
  const quantity = formatQuantity(payment.quantity, payment.precision);
  const stake = { contractName: 'tokens', contractAction: 'stake', contractPayload: { symbol: payment.symbol, to: payment.to, quantity } };
  if (mode === 'transfer') return [stake];
  return [{ contractName: 'tokens', contractAction: 'issue', contractPayload: { symbol: payment.symbol, to: sender, quantity } }, stake];
}

/**
 * Payments packed in input order: each operation takes as many actions as fit
 * in its json and in its block's action budget; each block takes operations
 * until its op or action budget is spent. Filling greedily is optimal for a
 * fixed order, and keeping the order makes the plan the same every time.
 */
export function packPayoutBatches(payments: readonly Payment[], options: PackOptions): PayoutPlan {
  assertOptions(options);
  const batches: PayoutBatch[] = [];
  const blocks: number[][] = [];
  const bodies: string[][] = [];
  let bytes = 0; // of the current batch's json array
  let blockActions = 0;

  payments.forEach((payment, index) => {
    assertPayment(payment, index, options);
    // A payment's actions stay together, in one operation: a stake must follow the issue that funds it.
    const actions = engineActions(payment, options.mode, options.sender).map((a) => JSON.stringify(a));
    const action = actions.join(',');
    const size = utf8ByteLength(action);
    if (size + 2 > CUSTOM_OP_DATA_MAX_LENGTH) {
      throw new RangeError(
        `Payment ${index} to ${payment.to} does not fit in one custom_json (${size + 2} bytes, at most ${CUSTOM_OP_DATA_MAX_LENGTH}); shorten its memo.`,
      );
    }
    const block = blocks[blocks.length - 1];
    const blockHasRoom = block !== undefined && blockActions + actions.length <= ENGINE_MAX_ACTIONS_PER_SENDER_PER_BLOCK;
    const indexes = actions.map(() => index);
    if (blockHasRoom && bytes + 1 + size <= CUSTOM_OP_DATA_MAX_LENGTH) {
      // Same operation: one comma more.
      bodies[bodies.length - 1].push(action);
      batches[batches.length - 1].paymentIndexes.push(...indexes);
      bytes += 1 + size;
    } else {
      if (!blockHasRoom || block.length >= CUSTOM_OP_BLOCK_LIMIT) {
        blocks.push([]);
        blockActions = 0;
      }
      blocks[blocks.length - 1].push(batches.length);
      batches.push({ body: emptyBody(options), paymentIndexes: indexes });
      bodies.push([action]);
      bytes = 2 + size;
    }
    blockActions += actions.length;
  });

  batches.forEach((batch, i) => (batch.body.json = `[${bodies[i].join(',')}]`));
  return { batches, blocks };
}

function emptyBody(options: PackOptions): CustomJsonBody {
  return { id: options.engineId, required_auths: [options.sender], required_posting_auths: [], json: '' };
}

function assertOptions(options: PackOptions): void {
  const senderError = accountNameError(options.sender);
  if (senderError) throw new RangeError(`Payout sender: ${senderError}`);
  if (!options.engineId || options.engineId.length > CUSTOM_OP_ID_MAX_LENGTH) {
    throw new RangeError(`The sidechain id must be 1 to ${CUSTOM_OP_ID_MAX_LENGTH} characters, got "${options.engineId}"`);
  }
  if (options.mode !== 'issue' && options.mode !== 'transfer') throw new RangeError(`Unknown payout mode "${String(options.mode)}"`);
}

function assertPayment(payment: Payment, index: number, options: PackOptions): void {
  const where = `Payment ${index}`;
  const toError = accountNameError(payment.to);
  if (toError) throw new RangeError(`${where}: ${toError}`);
  if (options.mode === 'transfer' && payment.to === options.sender && !payment.stake) {
    throw new RangeError(`${where}: the treasury cannot transfer to itself (${payment.to})`);
  }
  if (typeof payment.quantity !== 'bigint' || payment.quantity <= 0n) {
    throw new RangeError(`${where} to ${payment.to}: quantity must be a positive bigint of base units`);
  }
  if (!ENGINE_SYMBOL_PATTERN.test(payment.symbol) || payment.symbol.length > ENGINE_SYMBOL_MAX_LENGTH) {
    throw new RangeError(
      `${where}: "${payment.symbol}" is not a Hive-Engine symbol (up to ${ENGINE_SYMBOL_MAX_LENGTH} capital letters, one inner dot allowed)`,
    );
  }
  if (payment.memo !== undefined && typeof payment.memo !== 'string') throw new RangeError(`${where}: memo must be a string`);
}
