/**
 * Chain-wide answers: dynamic global properties, chain properties, config and
 * version (libraries/plugins/apis/database_api, condenser_api legacy forms).
 */
import type { AssetSymbol } from '../assets';
import { formatAsset, naiAsset } from '../assets';
import type { Chain } from '../chain';
import {
  ACCOUNT_CREATION_FEE_MILLI_HIVE,
  BLOCK_INTERVAL_SECONDS,
  CASHOUT_WINDOW_SECONDS,
  CUSTOM_OP_BLOCK_LIMIT,
  CUSTOM_OP_DATA_MAX_LENGTH,
  CUSTOM_OP_ID_MAX_LENGTH,
  DOWNVOTE_POOL_PERCENT,
  HIVE_100_PERCENT,
  HIVE_BENEFICIARY_LIMIT,
  HIVE_COMMENT_TITLE_LIMIT,
  HIVE_MAX_AUTHORITY_MEMBERSHIP,
  HIVE_MAX_BLOCK_SIZE,
  HIVE_MAX_COMMENT_DEPTH,
  HIVE_MAX_MEMO_SIZE,
  HIVE_MAX_PERMLINK_LENGTH,
  HIVE_MAX_SIG_CHECK_ACCOUNTS,
  HIVE_MAX_SIG_CHECK_DEPTH,
  HIVE_MAX_TRANSACTION_SIZE,
  MAX_ACCOUNT_NAME_LENGTH,
  MAX_BENEFICIARIES,
  MAX_BLOCK_SIZE_BYTES,
  MAX_TIME_UNTIL_EXPIRATION_SECONDS,
  MAX_TIME_UNTIL_SIGNATURE_EXPIRATION_SECONDS,
  MIN_ACCOUNT_NAME_LENGTH,
  MIN_COMMENT_EDIT_INTERVAL_SECONDS,
  MIN_REPLY_INTERVAL_SECONDS,
  MIN_ROOT_COMMENT_INTERVAL_SECONDS,
  OWNER_UPDATE_LIMIT_SECONDS,
  SOFT_MAX_COMMENT_DEPTH,
  UPVOTE_LOCKOUT_SECONDS,
  VESTS_PER_HIVE,
  VOTE_DUST_THRESHOLD,
  VOTE_POWER_RESERVE_RATE,
  VOTING_MANA_REGENERATION_SECONDS,
} from '../protocol';
import { isoTime } from '../time';
import type { ApiContext } from './context';

export function supplies(chain: Chain) {
  const s = chain.db
    .prepare(`SELECT COALESCE(SUM(balance),0) AS hive, COALESCE(SUM(hbd_balance),0) AS hbd, COALESCE(SUM(vesting_shares),0) AS vests FROM hive_accounts`)
    .get() as { hive: number; hbd: number; vests: number };
  const vestingFund = BigInt(s.vests) / VESTS_PER_HIVE / 1000n;
  return { hive: BigInt(s.hive), hbd: BigInt(s.hbd), vests: BigInt(s.vests), vestingFund };
}

// ---------------------------------------------------------------- global properties

export function dynamicGlobalProperties(ctx: ApiContext, nai: boolean) {
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
    vote_power_reserve_rate: VOTE_POWER_RESERVE_RATE,
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
    downvote_pool_percent: DOWNVOTE_POOL_PERCENT,
    current_remove_threshold: 200,
    early_voting_seconds: 86400,
    mid_voting_seconds: 172800,
    max_consecutive_recurrent_transfer_failures: 10,
    max_recurrent_transfer_end_date: 730,
    min_recurrent_transfers_recurrence: 24,
    max_open_recurrent_transfers: 255,
  };
}

export function chainProperties(nai: boolean) {
  return {
    account_creation_fee: nai ? naiAsset(ACCOUNT_CREATION_FEE_MILLI_HIVE, 'HIVE') : formatAsset(ACCOUNT_CREATION_FEE_MILLI_HIVE, 'HIVE'),
    maximum_block_size: MAX_BLOCK_SIZE_BYTES,
    hbd_interest_rate: 0,
    account_subsidy_budget: 797,
    account_subsidy_decay: 347321,
  };
}

export function config(ctx: ApiContext) {
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
    HIVE_MAX_COMMENT_DEPTH: HIVE_MAX_COMMENT_DEPTH,
    HIVE_SOFT_MAX_COMMENT_DEPTH: SOFT_MAX_COMMENT_DEPTH,
    HIVE_MAX_COMMENT_BENEFICIARIES: MAX_BENEFICIARIES,
    HIVE_BENEFICIARY_LIMIT: HIVE_BENEFICIARY_LIMIT,
    HIVE_100_PERCENT: HIVE_100_PERCENT,
    HIVE_1_PERCENT: HIVE_100_PERCENT / 100,
    HIVE_CUSTOM_OP_ID_MAX_LENGTH: CUSTOM_OP_ID_MAX_LENGTH,
    HIVE_CUSTOM_OP_DATA_MAX_LENGTH: CUSTOM_OP_DATA_MAX_LENGTH,
    HIVE_CUSTOM_OP_BLOCK_LIMIT: CUSTOM_OP_BLOCK_LIMIT,
    HIVE_MAX_BLOCK_SIZE: HIVE_MAX_BLOCK_SIZE,
    HIVE_MAX_TRANSACTION_SIZE: HIVE_MAX_TRANSACTION_SIZE,
    HIVE_MIN_BLOCK_SIZE_LIMIT: HIVE_MAX_TRANSACTION_SIZE,
    HIVE_MAX_MEMO_SIZE: HIVE_MAX_MEMO_SIZE,
    HIVE_MAX_SIG_CHECK_DEPTH: HIVE_MAX_SIG_CHECK_DEPTH,
    HIVE_MAX_AUTHORITY_MEMBERSHIP: HIVE_MAX_AUTHORITY_MEMBERSHIP,
    HIVE_MAX_SIG_CHECK_ACCOUNTS: HIVE_MAX_SIG_CHECK_ACCOUNTS,
    HIVE_VOTING_MANA_REGENERATION_SECONDS: VOTING_MANA_REGENERATION_SECONDS,
    HIVE_RC_REGEN_TIME: VOTING_MANA_REGENERATION_SECONDS,
    HIVE_VOTE_DUST_THRESHOLD: VOTE_DUST_THRESHOLD,
    HIVE_UPVOTE_LOCKOUT_SECONDS: UPVOTE_LOCKOUT_SECONDS,
    HIVE_OWNER_UPDATE_LIMIT: OWNER_UPDATE_LIMIT_SECONDS * 1_000_000,
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

export function version(ctx: ApiContext) {
  return {
    blockchain_version: ctx.blockchainVersion,
    hive_revision: 'quanzi-devnet',
    fc_revision: 'quanzi-devnet',
    chain_id: ctx.chain.chainIdHex,
    node_type: 'testnet',
  };
}
