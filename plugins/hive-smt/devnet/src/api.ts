/**
 * The devnet's JSON-RPC methods, in hived's API shapes (condenser_api,
 * database_api, block_api, network_broadcast_api, transaction_status_api,
 * rc_api, account_by_key_api, a little of hivemind's bridge, debug_node_api).
 */
import {
  BLOCK_INTERVAL_SECONDS,
  CUSTOM_OP_BLOCK_LIMIT,
  CUSTOM_OP_DATA_MAX_LENGTH,
  CUSTOM_OP_ID_MAX_LENGTH,
  HIVE_100_PERCENT,
  MAX_ACCOUNT_NAME_LENGTH,
  MAX_BENEFICIARIES,
  MAX_BLOCK_SIZE_BYTES,
  MAX_TIME_UNTIL_EXPIRATION_SECONDS,
  MIN_ACCOUNT_NAME_LENGTH,
  MIN_REPLY_INTERVAL_SECONDS,
  MIN_ROOT_COMMENT_INTERVAL_SECONDS,
  SOFT_MAX_COMMENT_DEPTH,
} from '../../server/src/chain/protocol';
import type { AssetSymbol } from './assets';
import { formatAsset, legacyToNai, naiAsset } from './assets';
import { keyHex } from './authority';
import type { AccountRow, BlockRecord, Chain, CommentRow, SignedTransaction, SyncBroadcastResult, VoteRow } from './chain';
import { CASHOUT_WINDOW_SECONDS, MAX_TIME_UNTIL_SIGNATURE_EXPIRATION_SECONDS, MIN_COMMENT_EDIT_INTERVAL_SECONDS } from './chain';
import { HivedError, HivemindError, JSON_RPC, RpcProtocolError, fcAssert, hivemindPostMissing } from './errors';
import type { FaultController } from './faults';
import type { LegacyOp } from './ops';
import { HIVE_BENEFICIARY_LIMIT, HIVE_COMMENT_TITLE_LIMIT, HIVE_MAX_PERMLINK_LENGTH, OP_IDS } from './ops';
import { TIME_MAX, isoTime, parseTime } from './time';

/** How condenser_api.get_content answers for a post that does not exist. */
export type ContentApiMode = 'fatnode' | 'hivemind';

export interface ApiContext {
  chain: Chain;
  faults: FaultController;
  contentApi: ContentApiMode;
  blockchainVersion: string;
  /** Produce n blocks now (debug_generate_blocks). */
  generateBlocks(n: number, missedSlots: number): number;
}

/** Per-request facts the HTTP front needs (fault handling). */
export interface CallInfo {
  /** True once a broadcast was accepted into the mempool. */
  acceptedBroadcast: boolean;
}

type Handler = (ctx: ApiContext, params: any, info: CallInfo) => unknown | Promise<unknown>;

const VESTS_PER_HIVE = 2000n;
/** hived transaction-status-block-depth default. */
export const TRACKED_BLOCK_DEPTH = 64000;
const TIME_ZERO = 0;

// ---------------------------------------------------------------- helpers

function args(params: unknown, n: number | [number, number]): unknown[] {
  const a = Array.isArray(params) ? params : params === undefined || params === null ? [] : [params];
  const [min, max] = Array.isArray(n) ? n : [n, n];
  fcAssert(a.length >= min && a.length <= max, min === max ? `args.size() == ${min}` : `args.size() >= ${min} && args.size() <= ${max}`,
    'Expected #s argument(s), was ${n}', { n: a.length }, { file: 'condenser_api.cpp', method: 'call' });
  return a;
}

function obj(params: unknown): Record<string, any> {
  if (params && typeof params === 'object' && !Array.isArray(params)) return params as Record<string, any>;
  if (Array.isArray(params) && params.length === 0) return {};
  throw new HivedError('parse', 'Invalid cast from ${type} to object', { type: Array.isArray(params) ? 'array' : typeof params }, { file: 'variant.cpp', method: 'get_object' });
}

function strArg(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new HivedError('parse', 'Invalid cast of ${what} to string', { what }, { file: 'variant.cpp', method: 'as_string' });
  return v;
}

function intArg(v: unknown, what: string): number {
  const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new HivedError('parse', "Couldn't parse ${what}", { what }, { file: 'variant.cpp', method: 'as_int64' });
  return Math.trunc(n);
}

function supplies(chain: Chain) {
  const s = chain.db.prepare(`SELECT COALESCE(SUM(balance),0) AS hive, COALESCE(SUM(hbd_balance),0) AS hbd, COALESCE(SUM(vesting_shares),0) AS vests FROM hive_accounts`).get() as
    { hive: number; hbd: number; vests: number };
  const vestingFund = BigInt(s.vests) / VESTS_PER_HIVE / 1000n;
  return { hive: BigInt(s.hive), hbd: BigInt(s.hbd), vests: BigInt(s.vests), vestingFund };
}

// ---------------------------------------------------------------- global properties

function dynamicGlobalProperties(ctx: ApiContext, nai: boolean) {
  const { chain } = ctx;
  const head = chain.headBlock();
  const s = supplies(chain);
  const a = (amount: bigint, sym: AssetSymbol) => (nai ? naiAsset(amount, sym) : formatAsset(amount, sym));
  return {
    ...(nai ? { id: 0 } : {}),
    head_block_number: head.num,
    head_block_id: head.id,
    time: isoTime(head.time),
    current_witness: 'initminer',
    total_pow: 0,
    num_pow_witnesses: 0,
    virtual_supply: a(s.hive + s.vestingFund, 'HIVE'),
    current_supply: a(s.hive + s.vestingFund, 'HIVE'),
    init_hbd_supply: a(0n, 'HBD'),
    current_hbd_supply: a(s.hbd, 'HBD'),
    total_vesting_fund_hive: a(s.vestingFund, 'HIVE'),
    total_vesting_shares: a(s.vests, 'VESTS'),
    total_reward_fund_hive: a(0n, 'HIVE'),
    total_reward_shares2: '0',
    pending_rewarded_vesting_shares: a(0n, 'VESTS'),
    pending_rewarded_vesting_hive: a(0n, 'HIVE'),
    hbd_interest_rate: 0,
    hbd_print_rate: HIVE_100_PERCENT,
    maximum_block_size: MAX_BLOCK_SIZE_BYTES,
    required_actions_partition_percent: 0,
    current_aslot: head.num,
    recent_slots_filled: '340282366920938463463374607431768211455',
    participation_count: 128,
    last_irreversible_block_num: chain.lastIrreversibleBlockNum(),
    vote_power_reserve_rate: 10,
    delegation_return_period: 432000,
    reverse_auction_seconds: 0,
    available_account_subsidies: 0,
    hbd_stop_percent: 1000,
    hbd_start_percent: 900,
    next_maintenance_time: isoTime(head.time + 3600),
    last_budget_time: isoTime(head.time),
    next_daily_maintenance_time: isoTime(head.time + 86400),
    content_reward_percent: 6500,
    vesting_reward_percent: 1500,
    proposal_fund_percent: 1000,
    dhf_interval_ledger: a(0n, 'HBD'),
    downvote_pool_percent: 2500,
    current_remove_threshold: 200,
    early_voting_seconds: 86400,
    mid_voting_seconds: 172800,
    max_consecutive_recurrent_transfer_failures: 10,
    max_recurrent_transfer_end_date: 730,
    min_recurrent_transfers_recurrence: 24,
    max_open_recurrent_transfers: 255,
  };
}

function chainProperties(nai: boolean) {
  return {
    account_creation_fee: nai ? naiAsset(3000n, 'HIVE') : formatAsset(3000n, 'HIVE'),
    maximum_block_size: MAX_BLOCK_SIZE_BYTES,
    hbd_interest_rate: 0,
    account_subsidy_budget: 797,
    account_subsidy_decay: 347321,
  };
}

function config(ctx: ApiContext) {
  const { chain } = ctx;
  const us = (s: number) => s * 1_000_000;
  return {
    IS_TEST_NET: true,
    HIVE_ENABLE_SMT: false,
    HIVE_CHAIN_ID: chain.chainIdHex,
    HIVE_ADDRESS_PREFIX: chain.addressPrefix,
    HIVE_BLOCKCHAIN_VERSION: ctx.blockchainVersion,
    HIVE_BLOCKCHAIN_HARDFORK_VERSION: `1.${chain.hardfork}.0`,
    HIVE_BLOCK_INTERVAL: BLOCK_INTERVAL_SECONDS,
    HIVE_BLOCKS_PER_DAY: (24 * 60 * 60) / BLOCK_INTERVAL_SECONDS,
    HIVE_BLOCKS_PER_HOUR: (60 * 60) / BLOCK_INTERVAL_SECONDS,
    HIVE_MAX_TIME_UNTIL_EXPIRATION: MAX_TIME_UNTIL_EXPIRATION_SECONDS,
    HIVE_MAX_TIME_UNTIL_SIGNATURE_EXPIRATION: MAX_TIME_UNTIL_SIGNATURE_EXPIRATION_SECONDS,
    HIVE_MIN_ROOT_COMMENT_INTERVAL: us(MIN_ROOT_COMMENT_INTERVAL_SECONDS),
    HIVE_MIN_REPLY_INTERVAL: us(MIN_REPLY_INTERVAL_SECONDS),
    HIVE_MIN_COMMENT_EDIT_INTERVAL: us(MIN_COMMENT_EDIT_INTERVAL_SECONDS),
    HIVE_CASHOUT_WINDOW_SECONDS: CASHOUT_WINDOW_SECONDS,
    HIVE_MAX_PERMLINK_LENGTH: HIVE_MAX_PERMLINK_LENGTH,
    HIVE_MIN_PERMLINK_LENGTH: 0,
    HIVE_COMMENT_TITLE_LIMIT: HIVE_COMMENT_TITLE_LIMIT,
    HIVE_MAX_COMMENT_DEPTH: 0xffff,
    HIVE_SOFT_MAX_COMMENT_DEPTH: SOFT_MAX_COMMENT_DEPTH,
    HIVE_MAX_COMMENT_BENEFICIARIES: MAX_BENEFICIARIES,
    HIVE_BENEFICIARY_LIMIT: HIVE_BENEFICIARY_LIMIT,
    HIVE_100_PERCENT: HIVE_100_PERCENT,
    HIVE_1_PERCENT: HIVE_100_PERCENT / 100,
    HIVE_CUSTOM_OP_ID_MAX_LENGTH: CUSTOM_OP_ID_MAX_LENGTH,
    HIVE_CUSTOM_OP_DATA_MAX_LENGTH: CUSTOM_OP_DATA_MAX_LENGTH,
    HIVE_CUSTOM_OP_BLOCK_LIMIT: CUSTOM_OP_BLOCK_LIMIT,
    HIVE_MAX_BLOCK_SIZE: 2 * 1024 * 1024,
    HIVE_MAX_TRANSACTION_SIZE: 64 * 1024,
    HIVE_MIN_BLOCK_SIZE_LIMIT: 64 * 1024,
    HIVE_MAX_MEMO_SIZE: 2048,
    HIVE_MAX_SIG_CHECK_DEPTH: 2,
    HIVE_MAX_AUTHORITY_MEMBERSHIP: 40,
    HIVE_MAX_SIG_CHECK_ACCOUNTS: 125,
    HIVE_MIN_ACCOUNT_NAME_LENGTH: MIN_ACCOUNT_NAME_LENGTH,
    HIVE_MAX_ACCOUNT_NAME_LENGTH: MAX_ACCOUNT_NAME_LENGTH,
    HIVE_INIT_MINER_NAME: 'initminer',
    HIVE_NUM_INIT_MINERS: 1,
    HIVE_IRREVERSIBLE_THRESHOLD: 7500,
    HIVE_SYMBOL: { nai: '@@000000021', decimals: 3 },
    HBD_SYMBOL: { nai: '@@000000013', decimals: 3 },
    VESTS_SYMBOL: { nai: '@@000000037', decimals: 6 },
    HIVE_ROOT_POST_PARENT: '',
    HIVE_GENESIS_TIME: isoTime(chain.genesisTime()),
  };
}

function version(ctx: ApiContext) {
  return {
    blockchain_version: ctx.blockchainVersion,
    hive_revision: 'quanzi-devnet',
    fc_revision: 'quanzi-devnet',
    chain_id: ctx.chain.chainIdHex,
    node_type: 'testnet',
  };
}

// ---------------------------------------------------------------- accounts

function authorityJson(s: string) {
  return JSON.parse(s);
}

function condenserAccount(ctx: ApiContext, a: AccountRow) {
  const head = ctx.chain.headBlock();
  const mana = { current_mana: a.vesting_shares, last_update_time: head.time };
  return {
    id: a.id,
    name: a.name,
    owner: authorityJson(a.owner),
    active: authorityJson(a.active),
    posting: authorityJson(a.posting),
    memo_key: a.memo_key,
    json_metadata: a.json_metadata,
    posting_json_metadata: a.posting_json_metadata,
    proxy: '',
    previous_owner_update: isoTime(TIME_ZERO),
    last_owner_update: isoTime(a.last_owner_update),
    last_account_update: isoTime(a.last_account_update),
    created: isoTime(a.created),
    mined: a.name === 'initminer',
    recovery_account: 'initminer',
    last_account_recovery: isoTime(TIME_ZERO),
    reset_account: 'null',
    comment_count: 0,
    lifetime_vote_count: a.lifetime_vote_count,
    post_count: a.post_count,
    can_vote: true,
    voting_manabar: mana,
    downvote_manabar: { current_mana: Math.floor(a.vesting_shares / 4), last_update_time: head.time },
    voting_power: 10000,
    balance: formatAsset(a.balance, 'HIVE'),
    savings_balance: formatAsset(0, 'HIVE'),
    hbd_balance: formatAsset(a.hbd_balance, 'HBD'),
    hbd_seconds: '0',
    hbd_seconds_last_update: isoTime(TIME_ZERO),
    hbd_last_interest_payment: isoTime(TIME_ZERO),
    savings_hbd_balance: formatAsset(0, 'HBD'),
    savings_hbd_seconds: '0',
    savings_hbd_seconds_last_update: isoTime(TIME_ZERO),
    savings_hbd_last_interest_payment: isoTime(TIME_ZERO),
    savings_withdraw_requests: 0,
    reward_hbd_balance: formatAsset(0, 'HBD'),
    reward_hive_balance: formatAsset(0, 'HIVE'),
    reward_vesting_balance: formatAsset(0, 'VESTS'),
    reward_vesting_hive: formatAsset(0, 'HIVE'),
    vesting_shares: formatAsset(a.vesting_shares, 'VESTS'),
    delegated_vesting_shares: formatAsset(0, 'VESTS'),
    received_vesting_shares: formatAsset(0, 'VESTS'),
    vesting_withdraw_rate: formatAsset(0, 'VESTS'),
    post_voting_power: formatAsset(a.vesting_shares, 'VESTS'),
    next_vesting_withdrawal: isoTime(TIME_MAX),
    withdrawn: 0,
    to_withdraw: 0,
    withdraw_routes: 0,
    pending_transfers: 0,
    curation_rewards: 0,
    posting_rewards: 0,
    proxied_vsf_votes: [0, 0, 0, 0],
    witnesses_voted_for: 0,
    last_post: isoTime(a.last_post),
    last_root_post: isoTime(a.last_root_post),
    last_post_edit: isoTime(a.last_post_edit),
    last_vote_time: isoTime(a.last_vote_time),
    post_bandwidth: 0,
    pending_claimed_accounts: 0,
    open_recurrent_transfers: 0,
    is_smt: false,
    delayed_votes: [],
    governance_vote_expiration_ts: isoTime(TIME_MAX),
    vesting_balance: formatAsset(0, 'HIVE'),
    reputation: 0,
    transfer_history: [],
    market_history: [],
    post_history: [],
    vote_history: [],
    other_history: [],
    witness_votes: [],
    tags_usage: [],
    guest_bloggers: [],
  };
}

function databaseAccount(ctx: ApiContext, a: AccountRow) {
  const c = condenserAccount(ctx, a) as Record<string, any>;
  for (const key of Object.keys(c)) {
    const v = c[key];
    if (typeof v === 'string' && /^-?\d+\.\d+ (HIVE|HBD|VESTS)$/.test(v)) c[key] = legacyToNai(v);
  }
  delete c.vesting_balance;
  delete c.reputation;
  for (const k of ['transfer_history', 'market_history', 'post_history', 'vote_history', 'other_history', 'tags_usage', 'guest_bloggers', 'witness_votes']) delete c[k];
  return c;
}

function accountsByNames(ctx: ApiContext, names: unknown): AccountRow[] {
  if (!Array.isArray(names)) throw new HivedError('parse', 'Invalid cast from ${type} to array', { type: typeof names });
  fcAssert(names.length <= 1000, 'names.size() <= 1000', 'Cannot query more than 1000 accounts at once');
  const out: AccountRow[] = [];
  for (const n of names) {
    const a = typeof n === 'string' ? ctx.chain.findAccount(n) : undefined;
    if (a) out.push(a);
  }
  return out;
}

// ---------------------------------------------------------------- blocks and transactions

function condenserTransaction(t: SignedTransaction & { transaction_id: string }, blockNum: number, trxNum: number) {
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

function blockHeader(b: BlockRecord) {
  return { previous: b.previous, timestamp: isoTime(b.timestamp), witness: b.witness, transaction_merkle_root: b.merkle, extensions: [] as unknown[] };
}

function condenserBlock(ctx: ApiContext, b: BlockRecord) {
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

function apiBlock(ctx: ApiContext, b: BlockRecord) {
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

function opsInBlock(ctx: ApiContext, num: number) {
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

function getTransaction(ctx: ApiContext, id: string) {
  const row = ctx.chain.findTransactionRow(id);
  fcAssert(row !== undefined, 'false', 'Unknown Transaction ${id}', { id }, { file: 'account_history_api.cpp', method: 'get_transaction' });
  const b = ctx.chain.getBlock(row.block_num)!;
  return condenserTransaction(b.transactions[row.trx_num], row.block_num, row.trx_num);
}

// ---------------------------------------------------------------- content

function votesOf(ctx: ApiContext, commentId: number): VoteRow[] {
  return ctx.chain.db.prepare(`SELECT * FROM hive_votes WHERE comment_id = ? ORDER BY time, voter`).all(commentId) as VoteRow[];
}

function activeVotes(ctx: ApiContext, c: CommentRow) {
  return votesOf(ctx, c.id).map((v) => ({
    voter: v.voter,
    weight: Math.abs(v.rshares),
    rshares: v.rshares,
    percent: v.vote_percent,
    reputation: 0,
    time: isoTime(v.time),
  }));
}

function rootOf(ctx: ApiContext, c: CommentRow): CommentRow {
  return c.root_id && c.root_id !== c.id ? ctx.chain.commentById(c.root_id) ?? c : c;
}

function contentUrl(ctx: ApiContext, c: CommentRow): string {
  const root = rootOf(ctx, c);
  const base = `/${c.category}/@${root.author}/${root.permlink}`;
  return root.id === c.id ? base : `${base}#@${c.author}/${c.permlink}`;
}

function condenserContent(ctx: ApiContext, c: CommentRow) {
  const root = rootOf(ctx, c);
  const paid = c.paid === 1;
  return {
    id: c.id,
    author: c.author,
    permlink: c.permlink,
    category: c.category,
    parent_author: c.parent_author,
    parent_permlink: c.parent_permlink,
    title: c.title,
    body: c.body,
    json_metadata: c.json_metadata,
    last_update: isoTime(c.last_update),
    created: isoTime(c.created),
    active: isoTime(c.active),
    last_payout: isoTime(paid ? c.last_payout : TIME_ZERO),
    depth: c.depth,
    children: c.children,
    net_rshares: c.net_rshares,
    abs_rshares: c.abs_rshares,
    vote_rshares: Math.max(0, Math.floor((c.net_rshares + c.abs_rshares) / 2)),
    children_abs_rshares: 0,
    cashout_time: isoTime(paid ? TIME_MAX : c.cashout_time),
    max_cashout_time: isoTime(TIME_MAX),
    total_vote_weight: 0,
    reward_weight: HIVE_100_PERCENT,
    total_payout_value: formatAsset(0, 'HBD'),
    curator_payout_value: formatAsset(0, 'HBD'),
    author_rewards: 0,
    net_votes: c.net_votes,
    root_author: root.author,
    root_permlink: root.permlink,
    max_accepted_payout: formatAsset(c.max_accepted_payout, 'HBD'),
    percent_hbd: c.percent_hbd,
    allow_replies: true,
    allow_votes: c.allow_votes === 1,
    allow_curation_rewards: c.allow_curation_rewards === 1,
    beneficiaries: JSON.parse(c.beneficiaries),
    url: contentUrl(ctx, c),
    root_title: root.title,
    pending_payout_value: formatAsset(0, 'HBD'),
    total_pending_payout_value: formatAsset(0, 'HBD'),
    active_votes: activeVotes(ctx, c),
    replies: [] as unknown[],
    author_reputation: 0,
    promoted: formatAsset(0, 'HBD'),
    body_length: c.body.length,
    reblogged_by: [] as unknown[],
  };
}

/** What a hived fat node answers for a post that does not exist. */
export function emptyContent() {
  const z = isoTime(TIME_ZERO);
  return {
    id: 0, author: '', permlink: '', category: '', parent_author: '', parent_permlink: '', title: '', body: '', json_metadata: '',
    last_update: z, created: z, active: z, last_payout: z, depth: 0, children: 0, net_rshares: 0, abs_rshares: 0, vote_rshares: 0,
    children_abs_rshares: 0, cashout_time: z, max_cashout_time: z, total_vote_weight: 0, reward_weight: 0,
    total_payout_value: '0.000 HBD', curator_payout_value: '0.000 HBD', author_rewards: 0, net_votes: 0, root_author: '', root_permlink: '',
    max_accepted_payout: '0.000 HBD', percent_hbd: 0, allow_replies: false, allow_votes: false, allow_curation_rewards: false,
    beneficiaries: [] as unknown[], url: '', root_title: '', pending_payout_value: '0.000 HBD', total_pending_payout_value: '0.000 HBD',
    active_votes: [] as unknown[], replies: [] as unknown[], author_reputation: 0, promoted: '0.000 HBD', body_length: 0, reblogged_by: [] as unknown[],
  };
}

function missingPost(ctx: ApiContext, author: string, permlink: string): never {
  const del = ctx.chain.db.prepare(`SELECT times FROM hive_comment_deletions WHERE author = ? AND permlink = ?`).get(author, permlink) as { times: number } | undefined;
  if (del) throw new HivemindError(-31999, 'Invalid parameters', `Post ${author}/${permlink} was deleted ${del.times} time(s)`);
  throw hivemindPostMissing(author, permlink);
}

/**
 * A comment as the content API sees it. Fat-node mode reads hived's state, which
 * includes the mempool; hivemind mode only knows comments from produced blocks.
 */
function visibleComment(ctx: ApiContext, author: string, permlink: string): CommentRow | undefined {
  const c = ctx.chain.findComment(author, permlink);
  if (c && ctx.contentApi === 'hivemind' && c.created >= ctx.chain.headBlock().time) return undefined;
  return c;
}

function getContent(ctx: ApiContext, author: string, permlink: string) {
  const c = visibleComment(ctx, author, permlink);
  if (c) return condenserContent(ctx, c);
  if (ctx.contentApi === 'hivemind') missingPost(ctx, author, permlink);
  return emptyContent();
}

function getContentReplies(ctx: ApiContext, author: string, permlink: string) {
  const c = visibleComment(ctx, author, permlink);
  if (!c) {
    if (ctx.contentApi === 'hivemind') missingPost(ctx, author, permlink);
    return [];
  }
  const head = ctx.chain.headBlock().time;
  const rows = ctx.chain.db.prepare(`SELECT * FROM hive_comments WHERE parent_id = ? ORDER BY id`).all(c.id) as CommentRow[];
  return rows.filter((r) => ctx.contentApi !== 'hivemind' || r.created < head).map((r) => condenserContent(ctx, r));
}

function bridgePost(ctx: ApiContext, c: CommentRow) {
  let metadata: unknown = {};
  try {
    metadata = JSON.parse(c.json_metadata || '{}');
  } catch {
    metadata = {};
  }
  return {
    post_id: c.id,
    author: c.author,
    permlink: c.permlink,
    category: c.category,
    title: c.title,
    body: c.body,
    json_metadata: metadata,
    created: isoTime(c.created),
    updated: isoTime(c.last_update),
    depth: c.depth,
    children: c.children,
    net_rshares: c.net_rshares,
    is_paidout: c.paid === 1,
    payout_at: isoTime(c.paid ? c.last_payout : c.cashout_time),
    payout: 0,
    pending_payout_value: '0.000 HBD',
    author_payout_value: '0.000 HBD',
    curator_payout_value: '0.000 HBD',
    promoted: '0.000 HBD',
    replies: [] as unknown[],
    author_reputation: 25,
    stats: { hide: false, gray: false, total_votes: votesOf(ctx, c.id).length, flag_weight: 0 },
    url: contentUrl(ctx, c),
    beneficiaries: JSON.parse(c.beneficiaries),
    max_accepted_payout: formatAsset(c.max_accepted_payout, 'HBD'),
    percent_hbd: c.percent_hbd,
    active_votes: votesOf(ctx, c.id).map((v) => ({ voter: v.voter, rshares: v.rshares })),
    blacklists: [] as unknown[],
    parent_author: c.parent_author || undefined,
    parent_permlink: c.parent_author ? c.parent_permlink : undefined,
  };
}

function discussionsByAuthorBeforeDate(ctx: ApiContext, author: string, startPermlink: string, beforeDate: string, limit: number) {
  fcAssert(limit >= 0 && limit <= 100, 'limit <= 100', 'limit cannot be greater than 100');
  const before = beforeDate ? parseTime(beforeDate) : NaN;
  const rows = ctx.chain.db
    .prepare(`SELECT * FROM hive_comments WHERE author = ? AND depth = 0 ORDER BY id DESC`)
    .all(author) as CommentRow[];
  let list = rows.filter((r) => !Number.isFinite(before) || before <= 0 || r.created <= before);
  if (startPermlink) {
    const i = list.findIndex((r) => r.permlink === startPermlink);
    list = i >= 0 ? list.slice(i) : [];
  }
  return list.slice(0, limit).map((r) => {
    const c = condenserContent(ctx, r) as Record<string, any>;
    c.body = c.body.slice(0, 1024);
    return c;
  });
}

// ---------------------------------------------------------------- account history

function accountHistory(ctx: ApiContext, params: unknown[]) {
  const account = strArg(params[0], 'account');
  let start = intArg(params[1], 'start');
  const limit = intArg(params[2], 'limit');
  const low = params[3] === undefined ? 0n : BigInt(String(params[3]));
  const high = params[4] === undefined ? 0n : BigInt(String(params[4]));
  fcAssert(limit <= 1000, 'args.limit <= 1000', 'limit of ${l} is greater than maxmimum allowed', { l: limit }, { file: 'account_history_api.cpp', method: 'get_account_history' });
  fcAssert(limit > 0, 'args.limit > 0', 'limit of ${l} is lesser or equal 0', { l: limit }, { file: 'account_history_api.cpp', method: 'get_account_history' });
  if (start < 0 || start >= 0xffffffff) start = Number.MAX_SAFE_INTEGER;
  else fcAssert(start >= limit - 1, 'args.start >= args.limit-1', 'start must be greater than or equal to limit-1 (start is 0-based index)', {}, { file: 'account_history_api.cpp', method: 'get_account_history' });
  const filtered = low !== 0n || high !== 0n;
  const matches = (op: LegacyOp) => {
    if (!filtered) return true;
    const id = OP_IDS[op[0]];
    if (id === undefined) return false;
    return id < 64 ? ((low >> BigInt(id)) & 1n) === 1n : ((high >> BigInt(id - 64)) & 1n) === 1n;
  };
  const rows = ctx.chain.db
    .prepare(`SELECT * FROM hive_account_history WHERE account = ? AND seq <= ? ORDER BY seq DESC`)
    .iterate(account, start) as Iterable<{ seq: number; block: number; trx_id: string; trx_in_block: number; op_in_trx: number; timestamp: number; op: string }>;
  const out: Array<[number, unknown]> = [];
  for (const r of rows) {
    const op = JSON.parse(r.op) as LegacyOp;
    if (!matches(op)) continue;
    out.push([r.seq, { trx_id: r.trx_id, block: r.block, trx_in_block: r.trx_in_block, op_in_trx: r.op_in_trx, virtual_op: false, timestamp: isoTime(r.timestamp), op }]);
    if (out.length >= limit) break;
  }
  return out.reverse();
}

// ---------------------------------------------------------------- transaction status

function findTransaction(ctx: ApiContext, p: Record<string, any>) {
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

// ---------------------------------------------------------------- broadcast

async function broadcast(ctx: ApiContext, trx: unknown, info: CallInfo, synchronous: boolean): Promise<SyncBroadcastResult | Record<string, never>> {
  const { id, expiration } = ctx.chain.pushTransaction(trx);
  info.acceptedBroadcast = true;
  if (!synchronous) return {};
  return ctx.chain.waitForTransaction(id, expiration);
}

// ---------------------------------------------------------------- method table

function rcAccount(ctx: ApiContext, a: AccountRow) {
  const head = ctx.chain.headBlock();
  return {
    account: a.name,
    rc_manabar: { current_mana: a.vesting_shares, last_update_time: head.time },
    max_rc_creation_adjustment: naiAsset(0n, 'VESTS'),
    max_rc: a.vesting_shares,
    delegated_rc: 0,
    received_delegated_rc: 0,
  };
}

function keyReferences(ctx: ApiContext, keys: unknown): string[][] {
  if (!Array.isArray(keys)) throw new HivedError('parse', 'Invalid cast to array', {});
  const rows = ctx.chain.db.prepare(`SELECT name, owner, active, posting, memo_key FROM hive_accounts ORDER BY name`).all() as Array<Pick<AccountRow, 'name' | 'owner' | 'active' | 'posting' | 'memo_key'>>;
  return keys.map((k) => {
    const hex = keyHex(String(k));
    const names = new Set<string>();
    for (const r of rows) {
      for (const role of ['owner', 'active', 'posting'] as const) {
        if ((JSON.parse(r[role]).key_auths as Array<[string, number]>).some(([key]) => keyHex(key) === hex)) names.add(r.name);
      }
    }
    return [...names];
  });
}

export const METHODS: Record<string, Handler> = {
  // condenser_api
  'condenser_api.get_dynamic_global_properties': (ctx) => dynamicGlobalProperties(ctx, false),
  'condenser_api.get_chain_properties': () => chainProperties(false),
  'condenser_api.get_config': (ctx) => config(ctx),
  'condenser_api.get_version': (ctx) => version(ctx),
  'condenser_api.get_hardfork_version': (ctx) => `1.${ctx.chain.hardfork}.0`,
  'condenser_api.get_accounts': (ctx, p) => accountsByNames(ctx, args(p, [1, 2])[0]).map((a) => condenserAccount(ctx, a)),
  'condenser_api.lookup_account_names': (ctx, p) => {
    const names = args(p, [1, 2])[0];
    if (!Array.isArray(names)) throw new HivedError('parse', 'Invalid cast to array', {});
    return names.map((n) => {
      const a = typeof n === 'string' ? ctx.chain.findAccount(n) : undefined;
      return a ? condenserAccount(ctx, a) : null;
    });
  },
  'condenser_api.lookup_accounts': (ctx, p) => {
    const [lower, limit] = args(p, 2);
    const n = intArg(limit, 'limit');
    fcAssert(n <= 1000, 'limit <= 1000', 'limit of ${l} is greater than maxmimum allowed', { l: n });
    return (ctx.chain.db.prepare(`SELECT name FROM hive_accounts WHERE name >= ? ORDER BY name LIMIT ?`).all(strArg(lower, 'lower_bound_name'), n) as Array<{ name: string }>).map((r) => r.name);
  },
  'condenser_api.get_account_count': (ctx) => (ctx.chain.db.prepare(`SELECT COUNT(*) AS n FROM hive_accounts`).get() as { n: number }).n,
  'condenser_api.get_block': (ctx, p) => {
    const b = ctx.chain.getBlock(intArg(args(p, 1)[0], 'block_num'));
    return b ? condenserBlock(ctx, b) : null;
  },
  'condenser_api.get_block_header': (ctx, p) => {
    const b = ctx.chain.getBlock(intArg(args(p, 1)[0], 'block_num'));
    return b ? blockHeader(b) : null;
  },
  'condenser_api.get_ops_in_block': (ctx, p) => opsInBlock(ctx, intArg(args(p, [1, 2])[0], 'block_num')),
  'condenser_api.get_transaction': (ctx, p) => getTransaction(ctx, strArg(args(p, 1)[0], 'id')),
  'condenser_api.get_content': (ctx, p) => {
    const [a, pl] = args(p, [2, 3]);
    return getContent(ctx, strArg(a, 'author'), strArg(pl, 'permlink'));
  },
  'condenser_api.get_content_replies': (ctx, p) => {
    const [a, pl] = args(p, [2, 3]);
    return getContentReplies(ctx, strArg(a, 'author'), strArg(pl, 'permlink'));
  },
  'condenser_api.get_active_votes': (ctx, p) => {
    const [a, pl] = args(p, 2);
    const c = ctx.chain.findComment(strArg(a, 'author'), strArg(pl, 'permlink'));
    if (!c) return [];
    return activeVotes(ctx, c);
  },
  'condenser_api.get_discussions_by_author_before_date': (ctx, p) => {
    const [author, start, before, limit] = args(p, [3, 4]);
    return discussionsByAuthorBeforeDate(ctx, strArg(author, 'author'), strArg(start ?? '', 'start_permlink'), strArg(before ?? '', 'before_date'), limit === undefined ? 100 : intArg(limit, 'limit'));
  },
  'condenser_api.get_account_history': (ctx, p) => accountHistory(ctx, args(p, [3, 5])),
  'condenser_api.get_key_references': (ctx, p) => keyReferences(ctx, args(p, 1)[0]),
  'condenser_api.broadcast_transaction': (ctx, p, info) => broadcast(ctx, args(p, 1)[0], info, false),
  'condenser_api.broadcast_transaction_synchronous': (ctx, p, info) => broadcast(ctx, args(p, 1)[0], info, true),

  // database_api
  'database_api.get_dynamic_global_properties': (ctx) => dynamicGlobalProperties(ctx, true),
  'database_api.get_config': (ctx) => config(ctx),
  'database_api.get_version': (ctx) => version(ctx),
  'database_api.get_witness_schedule': (ctx) => ({ id: 0, current_virtual_time: '0', next_shuffle_block_num: ctx.chain.headBlock().num + 1, current_shuffled_witnesses: ['initminer'], num_scheduled_witnesses: 1, median_props: chainProperties(true) }),
  'database_api.find_accounts': (ctx, p) => ({ accounts: accountsByNames(ctx, obj(p).accounts ?? []).map((a) => databaseAccount(ctx, a)) }),
  'database_api.list_accounts': (ctx, p) => {
    const o = obj(p);
    const start = typeof o.start === 'string' ? o.start : '';
    const limit = Math.min(1000, intArg(o.limit ?? 100, 'limit'));
    const rows = ctx.chain.db.prepare(`SELECT * FROM hive_accounts WHERE name >= ? ORDER BY name LIMIT ?`).all(start, limit) as AccountRow[];
    return { accounts: rows.map((a) => databaseAccount(ctx, a)) };
  },

  // block_api
  'block_api.get_block': (ctx, p) => {
    const b = ctx.chain.getBlock(intArg(obj(p).block_num, 'block_num'));
    return b ? { block: apiBlock(ctx, b) } : {};
  },
  'block_api.get_block_header': (ctx, p) => {
    const b = ctx.chain.getBlock(intArg(obj(p).block_num, 'block_num'));
    return b ? { header: blockHeader(b) } : {};
  },
  'block_api.get_block_range': (ctx, p) => {
    const o = obj(p);
    const start = intArg(o.starting_block_num, 'starting_block_num');
    const count = intArg(o.count, 'count');
    fcAssert(count <= 1000, 'count <= 1000', 'You can only ask for 1000 blocks at a time');
    const blocks: unknown[] = [];
    for (let n = start; n < start + count; n++) {
      const b = ctx.chain.getBlock(n);
      if (!b) break;
      blocks.push(apiBlock(ctx, b));
    }
    return { blocks };
  },

  // network_broadcast_api
  'network_broadcast_api.broadcast_transaction': async (ctx, p, info) => {
    await broadcast(ctx, obj(p).trx, info, false);
    return {};
  },

  // transaction_status_api
  'transaction_status_api.find_transaction': (ctx, p) => findTransaction(ctx, obj(p)),

  // rc_api
  'rc_api.find_rc_accounts': (ctx, p) => ({ rc_accounts: accountsByNames(ctx, obj(p).accounts ?? []).map((a) => rcAccount(ctx, a)) }),
  'rc_api.get_resource_params': () => ({ resource_names: [], resource_params: {}, size_info: {} }),
  'rc_api.get_resource_pool': () => ({ resource_pool: {} }),

  // account_by_key_api
  'account_by_key_api.get_key_references': (ctx, p) => ({ accounts: keyReferences(ctx, obj(p).keys ?? []) }),

  // hivemind bridge (what Quanzi uses to confirm posts)
  'bridge.get_post': (ctx, p) => {
    const o = Array.isArray(p) ? { author: p[0], permlink: p[1] } : obj(p);
    const author = strArg(o.author, 'author');
    const permlink = strArg(o.permlink, 'permlink');
    const c = ctx.chain.findComment(author, permlink);
    if (!c || c.created >= ctx.chain.headBlock().time) missingPost(ctx, author, permlink);
    return bridgePost(ctx, c);
  },

  // debug_node_api (hived's names) and the devnet's fault controls
  'debug_node_api.debug_generate_blocks': (ctx, p) => {
    const o = obj(p);
    const count = o.count === undefined ? 1 : intArg(o.count, 'count');
    fcAssert(count >= 0 && count <= 10000, 'count <= 10000', 'count must be in [0, 10000]');
    const miss = o.miss_blocks === undefined ? 0 : intArg(o.miss_blocks, 'miss_blocks');
    return { blocks: ctx.generateBlocks(count, Math.max(0, miss)) };
  },
  'debug_node_api.debug_get_head_block': (ctx) => {
    const b = ctx.chain.getBlock(ctx.chain.headBlock().num);
    return b ? { block: apiBlock(ctx, b) } : {};
  },
  'debug_node_api.debug_get_faults': (ctx) => ctx.faults.get(),
  'debug_node_api.debug_set_faults': (ctx, p) => {
    const o = { ...obj(p) };
    try {
      if (o.clear) {
        delete o.clear;
        ctx.faults.clear(Boolean(o.resetCounters));
        delete o.resetCounters;
      }
      return ctx.faults.set(o);
    } catch (e) {
      throw new RpcProtocolError(JSON_RPC.INVALID_PARAMS, e instanceof Error ? e.message : String(e));
    }
  },

  'jsonrpc.get_methods': () => Object.keys(METHODS).sort(),
  'jsonrpc.get_signature': (_ctx, p) => ({ args: {}, ret: {}, method: obj(p).method }),
};

/** Methods never subject to fault injection. */
export const CONTROL_METHODS: ReadonlySet<string> = new Set(['debug_node_api.debug_get_faults', 'debug_node_api.debug_set_faults']);

/** Methods that broadcast a transaction (dropReplyAfterAccept applies to them). */
export const BROADCAST_METHODS: ReadonlySet<string> = new Set([
  'condenser_api.broadcast_transaction',
  'condenser_api.broadcast_transaction_synchronous',
  'network_broadcast_api.broadcast_transaction',
]);

/** Resolve "api.method" or the legacy `call` form to a method name and its arguments. */
export function resolveCall(method: unknown, params: unknown): { name: string; args: unknown } {
  if (method === 'call') {
    if (!Array.isArray(params) || params.length < 2 || typeof params[0] !== 'string' || typeof params[1] !== 'string') {
      throw new HivedError('assert', 'v.size() == 2 || v.size() == 3: ${what}', { what: 'params should be {"api", "method", "args"' }, { file: 'json_rpc_plugin.cpp', method: 'process_params' });
    }
    return { name: `${params[0]}.${params[1]}`, args: params.length > 2 ? params[2] : {} };
  }
  if (typeof method !== 'string') throw new RpcProtocolError(JSON_RPC.INVALID_REQUEST, 'A member "method" does not exist');
  const parts = method.split('.');
  if (parts.length !== 2) throw new HivedError('assert', 'v.size() == 2: method specification invalid. Should be api.method', {}, { file: 'json_rpc_plugin.cpp', method: 'process_params' });
  return { name: method, args: params === undefined ? {} : params };
}

export function findHandler(name: string): Handler {
  const h = METHODS[name];
  if (h) return h;
  const [api, method] = name.split('.');
  const apiKnown = Object.keys(METHODS).some((m) => m.startsWith(`${api}.`));
  const err = apiKnown
    ? new HivedError('assert', 'method_itr != api_itr->second.end(): Could not find method ${method}', { method }, { file: 'json_rpc_plugin.cpp', method: 'find_api_method' })
    : new HivedError('assert', 'api_itr != _registered_apis.end(): Could not find API ${api}', { api }, { file: 'json_rpc_plugin.cpp', method: 'find_api_method' });
  err.rpcCode = JSON_RPC.METHOD_NOT_FOUND;
  throw err;
}
