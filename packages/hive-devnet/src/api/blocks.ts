/**
 * Blocks, transactions and account history in hived's API shapes
 * (condenser_api legacy forms, block_api's HF26 operation objects,
 * account_history_api, transaction_status_api) and broadcasting.
 */
import { legacyToNai } from '../assets';
import type { BlockRecord, SignedTransaction, SyncBroadcastResult } from '../chain';
import { fcAssert } from '../errors';
import type { LegacyOp } from '../ops';
import { OP_IDS } from '../ops';
import { MAX_TIME_UNTIL_EXPIRATION_SECONDS, MAX_TIME_UNTIL_SIGNATURE_EXPIRATION_SECONDS, TRACKED_BLOCK_DEPTH } from '../protocol';
import { isoTime, parseTime } from '../time';
import type { ApiContext, CallInfo } from './context';
import { intArg, strArg } from './context';

export function condenserTransaction(t: SignedTransaction & { transaction_id: string }, blockNum: number, trxNum: number) {
  return {
    ref_block_num: t.ref_block_num,
    ref_block_prefix: t.ref_block_prefix,
    expiration: t.expiration,
    operations: t.operations,
    extensions: t.extensions,
    signatures: t.signatures,
    transaction_id: t.transaction_id,
    block_num: blockNum,
    transaction_num: trxNum,
  };
}

export function blockHeader(b: BlockRecord) {
  return { previous: b.previous, timestamp: isoTime(b.timestamp), witness: b.witness, transaction_merkle_root: b.merkle, extensions: [] as unknown[] };
}

export function condenserBlock(ctx: ApiContext, b: BlockRecord) {
  return {
    ...blockHeader(b),
    witness_signature: b.witness_signature,
    transactions: b.transactions.map((t, i) => condenserTransaction(t, b.num, i)),
    block_id: b.id,
    signing_key: ctx.chain.genesisKey(),
    transaction_ids: b.transaction_ids,
  };
}

/** HF26 "new" operation form used by block_api: {type: "comment_operation", value: {...}}, NAI assets. */
export function apiOperation([name, o]: LegacyOp) {
  const value: Record<string, any> = { ...o };
  for (const key of ['amount', 'max_accepted_payout']) if (typeof value[key] === 'string') value[key] = legacyToNai(value[key]);
  if (name === 'comment_options') {
    value.extensions = (value.extensions as Array<[number, unknown]>).map(([, v]) => ({ type: 'comment_payout_beneficiaries', value: v }));
  }
  return { type: `${name}_operation`, value };
}

export function apiBlock(ctx: ApiContext, b: BlockRecord) {
  return {
    ...blockHeader(b),
    witness_signature: b.witness_signature,
    transactions: b.transactions.map((t) => ({
      ref_block_num: t.ref_block_num,
      ref_block_prefix: t.ref_block_prefix,
      expiration: t.expiration,
      operations: t.operations.map(apiOperation),
      extensions: t.extensions,
      signatures: t.signatures,
    })),
    block_id: b.id,
    signing_key: ctx.chain.genesisKey(),
    transaction_ids: b.transaction_ids,
  };
}

export function opsInBlock(ctx: ApiContext, num: number) {
  const b = ctx.chain.getBlock(num);
  if (!b) return [];
  const out: unknown[] = [];
  b.transactions.forEach((t, i) =>
    t.operations.forEach((op, j) =>
      out.push({ trx_id: t.transaction_id, block: num, trx_in_block: i, op_in_trx: j, virtual_op: false, timestamp: isoTime(b.timestamp), op }),
    ),
  );
  return out;
}

export function getTransaction(ctx: ApiContext, id: string) {
  const row = ctx.chain.findTransactionRow(id);
  fcAssert(row !== undefined, 'false', 'Unknown Transaction ${id}', { id }, { file: 'account_history_api.cpp', method: 'get_transaction' });
  const b = ctx.chain.getBlock(row.block_num)!;
  return condenserTransaction(b.transactions[row.trx_num], row.block_num, row.trx_num);
}

export function accountHistory(ctx: ApiContext, params: unknown[]) {
  const account = strArg(params[0], 'account');
  let start = intArg(params[1], 'start');
  const limit = intArg(params[2], 'limit');
  const low = params[3] === undefined ? 0n : BigInt(String(params[3]));
  const high = params[4] === undefined ? 0n : BigInt(String(params[4]));
  fcAssert(
    limit <= 1000,
    'args.limit <= 1000',
    'limit of ${l} is greater than maxmimum allowed',
    { l: limit },
    { file: 'account_history_api.cpp', method: 'get_account_history' },
  );
  fcAssert(limit > 0, 'args.limit > 0', 'limit of ${l} is lesser or equal 0', { l: limit }, { file: 'account_history_api.cpp', method: 'get_account_history' });
  if (start < 0 || start >= 0xffffffff) start = Number.MAX_SAFE_INTEGER;
  else
    fcAssert(
      start >= limit - 1,
      'args.start >= args.limit-1',
      'start must be greater than or equal to limit-1 (start is 0-based index)',
      {},
      { file: 'account_history_api.cpp', method: 'get_account_history' },
    );
  const filtered = low !== 0n || high !== 0n;
  const matches = (op: LegacyOp) => {
    if (!filtered) return true;
    const id = OP_IDS[op[0]];
    if (id === undefined) return false;
    return id < 64 ? ((low >> BigInt(id)) & 1n) === 1n : ((high >> BigInt(id - 64)) & 1n) === 1n;
  };
  const rows = ctx.chain.db.prepare(`SELECT * FROM hive_account_history WHERE account = ? AND seq <= ? ORDER BY seq DESC`).iterate(account, start) as Iterable<{
    seq: number;
    block: number;
    trx_id: string;
    trx_in_block: number;
    op_in_trx: number;
    timestamp: number;
    op: string;
  }>;
  const out: Array<[number, unknown]> = [];
  for (const r of rows) {
    const op = JSON.parse(r.op) as LegacyOp;
    if (!matches(op)) continue;
    out.push([
      r.seq,
      { trx_id: r.trx_id, block: r.block, trx_in_block: r.trx_in_block, op_in_trx: r.op_in_trx, virtual_op: false, timestamp: isoTime(r.timestamp), op },
    ]);
    if (out.length >= limit) break;
  }
  return out.reverse();
}

// ---------------------------------------------------------------- transaction status

export function findTransaction(ctx: ApiContext, p: Record<string, any>) {
  const { chain } = ctx;
  const id = strArg(p.transaction_id, 'transaction_id').toLowerCase();
  if (chain.isPending(id)) return { status: 'within_mempool' };
  const row = chain.findTransactionRow(id);
  const lib = chain.lastIrreversibleBlockNum();
  if (row) {
    return { status: row.block_num <= lib ? 'within_irreversible_block' : 'within_reversible_block', block_num: row.block_num };
  }
  if (p.expiration !== undefined && p.expiration !== null) {
    const exp = parseTime(p.expiration);
    fcAssert(Number.isFinite(exp), 'false', 'invalid expiration ${e}', { e: String(p.expiration) });
    const maxExp = chain.hardfork >= 28 ? MAX_TIME_UNTIL_SIGNATURE_EXPIRATION_SECONDS : MAX_TIME_UNTIL_EXPIRATION_SECONDS;
    // transaction_status plugin: only the last TRACKED_BLOCK_DEPTH blocks are tracked (hived's default depth).
    const earliestNum = Math.max(1, chain.headBlock().num - TRACKED_BLOCK_DEPTH + 1);
    if (earliestNum > 1) {
      const earliest = chain.getBlock(earliestNum);
      if (earliest && exp < earliest.timestamp + maxExp) return { status: 'too_old' };
    }
    if (lib > 0) {
      const libBlock = chain.getBlock(lib);
      if (libBlock && exp <= libBlock.timestamp) return { status: 'expired_irreversible' };
    }
    if (exp < chain.headBlock().time) return { status: 'expired_reversible' };
  }
  return { status: 'unknown' };
}

export async function broadcast(ctx: ApiContext, trx: unknown, info: CallInfo, synchronous: boolean): Promise<SyncBroadcastResult | Record<string, never>> {
  const { id, expiration } = ctx.chain.pushTransaction(trx);
  info.acceptedBroadcast = true;
  if (!synchronous) return {};
  return ctx.chain.waitForTransaction(id, expiration);
}
