/**
 * hived and hivemind facts the devnet models, one named constant each.
 *
 * This is the devnet's own copy, taken from the real sources (openhive-network/hive
 * tag 1.28.6, openhive-network/hivemind) and never from the plugin's server code:
 * when the plugin and the devnet disagree about a fact, a test fails instead of
 * both sides agreeing with the same mistake. The hived file each value comes from
 * is named beside it (paths relative to the hive repository).
 */

// ---------------------------------------------------------------- chain basics
// libraries/protocol/include/hive/protocol/config.hpp

/** HIVE_BLOCK_INTERVAL. */
export const BLOCK_INTERVAL_SECONDS = 3;
/** HIVE_MAX_TIME_UNTIL_EXPIRATION: how long a transaction may stay in the mempool (and, before HF28, its expiration limit). */
export const MAX_TIME_UNTIL_EXPIRATION_SECONDS = 60 * 60;
/** HIVE_MAX_TIME_UNTIL_SIGNATURE_EXPIRATION: HF28's limit on a transaction's expiration. */
export const MAX_TIME_UNTIL_SIGNATURE_EXPIRATION_SECONDS = 24 * 60 * 60;
/** The witnesses' median maximum_block_size on mainnet (chain property; HIVE_MIN_BLOCK_SIZE_LIMIT = 64 KiB). */
export const MAX_BLOCK_SIZE_BYTES = 65536;
/** database.cpp push_transaction: trx_size_limit = maximum_block_size - 256. */
export const BLOCK_SIZE_RESERVE_BYTES = 256;
/** HIVE_MAX_BLOCK_SIZE, HIVE_MAX_TRANSACTION_SIZE (config values, not the voted block size). */
export const HIVE_MAX_BLOCK_SIZE = 2 * 1024 * 1024;
export const HIVE_MAX_TRANSACTION_SIZE = 64 * 1024;
/** HIVE_100_PERCENT. */
export const HIVE_100_PERCENT = 10000;
/** HIVE_MIN_ACCOUNT_NAME_LENGTH, HIVE_MAX_ACCOUNT_NAME_LENGTH. */
export const MIN_ACCOUNT_NAME_LENGTH = 3;
export const MAX_ACCOUNT_NAME_LENGTH = 16;
/** HIVE_TEMP_ACCOUNT: account_update(2) refuses it. */
export const HIVE_TEMP_ACCOUNT = 'temp';
/** HIVE_MAX_MEMO_SIZE. */
export const HIVE_MAX_MEMO_SIZE = 2048;
/** HIVE_MAX_AUTHORITY_MEMBERSHIP (mainnet build), HIVE_MAX_SIG_CHECK_DEPTH, HIVE_MAX_SIG_CHECK_ACCOUNTS. */
export const HIVE_MAX_AUTHORITY_MEMBERSHIP = 40;
export const HIVE_MAX_SIG_CHECK_DEPTH = 2;
export const HIVE_MAX_SIG_CHECK_ACCOUNTS = 125;

// ---------------------------------------------------------------- comments
/** HIVE_MAX_PERMLINK_LENGTH (256): permlinks must be shorter. */
export const HIVE_MAX_PERMLINK_LENGTH = 256;
/** HIVE_COMMENT_TITLE_LIMIT (256): titles must be shorter. */
export const HIVE_COMMENT_TITLE_LIMIT = 256;
/** HIVE_SOFT_MAX_COMMENT_DEPTH: replies nested deeper are refused by nodes (is_in_control). */
export const SOFT_MAX_COMMENT_DEPTH = 0xff;
/** HIVE_MAX_COMMENT_DEPTH. */
export const HIVE_MAX_COMMENT_DEPTH = 0xffff;
/** HIVE_MIN_ROOT_COMMENT_INTERVAL: a root post only if MORE than this passed since the last one. */
export const MIN_ROOT_COMMENT_INTERVAL_SECONDS = 5 * 60;
/** HIVE_MIN_REPLY_INTERVAL: a reply only if at least this passed since the last post of any kind. */
export const MIN_REPLY_INTERVAL_SECONDS = 3;
/** HIVE_MIN_COMMENT_EDIT_INTERVAL (one edit per block). */
export const MIN_COMMENT_EDIT_INTERVAL_SECONDS = 3;
/** HIVE_CASHOUT_WINDOW_SECONDS: a comment pays out (and can no longer be deleted) 7 days after creation. */
export const CASHOUT_WINDOW_SECONDS = 7 * 24 * 60 * 60;
/** HIVE_MAX_COMMENT_BENEFICIARIES (evaluator) and HIVE_BENEFICIARY_LIMIT (validate()). */
export const MAX_BENEFICIARIES = 8;
export const HIVE_BENEFICIARY_LIMIT = 128;
/** Default max_accepted_payout of a new comment: 1000000.000 HBD (comment_cashout_object). */
export const DEFAULT_MAX_ACCEPTED_PAYOUT = 1_000_000_000n;

// ---------------------------------------------------------------- votes
/** HIVE_VOTING_MANA_REGENERATION_SECONDS: voting mana (and RC, HIVE_RC_REGEN_TIME) refill linearly over 5 days. */
export const VOTING_MANA_REGENERATION_SECONDS = 5 * 24 * 60 * 60;
/** dynamic_global_property_object::vote_power_reserve_rate (10 full votes a day at the HF28 stable rate). */
export const VOTE_POWER_RESERVE_RATE = 10;
/** HIVE_VOTE_DUST_THRESHOLD: subtracted from every vote's rshares (hive_evaluator_social.cpp hf20_vote_evaluator). */
export const VOTE_DUST_THRESHOLD = 50_000_000;
/** HIVE_UPVOTE_LOCKOUT_SECONDS: votes in the last 12 hours before cashout lose rshares linearly. */
export const UPVOTE_LOCKOUT_SECONDS = 12 * 60 * 60;
/** HIVE_DOWNVOTE_POOL_PERCENT_HF21 (dgpo.downvote_pool_percent). */
export const DOWNVOTE_POOL_PERCENT = 2500;

// ---------------------------------------------------------------- custom_json
/** HIVE_CUSTOM_OP_ID_MAX_LENGTH, HIVE_CUSTOM_OP_DATA_MAX_LENGTH, HIVE_CUSTOM_OP_BLOCK_LIMIT. */
export const CUSTOM_OP_ID_MAX_LENGTH = 32;
export const CUSTOM_OP_DATA_MAX_LENGTH = 8192;
export const CUSTOM_OP_BLOCK_LIMIT = 5;
/**
 * The custom_json ids hived 1.28 evaluates itself: only the rc plugin's "rc"
 * (HIVE_RC_CUSTOM_OPERATION_ID, libraries/protocol/include/hive/protocol/hive_custom_operations.hpp;
 * rc_utility.cpp registers the interpreter). hived 1.28 has no follow plugin any
 * more (libraries/plugins has none): "follow", "reblog" and "community" are read by
 * hivemind from the blocks, never by the chain.
 */
export const RC_CUSTOM_OPERATION_ID = 'rc';
/** HIVE_RC_MAX_ACCOUNTS_PER_DELEGATION_OP. */
export const RC_MAX_ACCOUNTS_PER_DELEGATION_OP = 100;

// ---------------------------------------------------------------- accounts
/** HIVE_OWNER_UPDATE_LIMIT: since HF26 (HIVE_HARDFORK_1_26_AUTH_UPDATE) two owner updates within this window are allowed, a third is refused. */
export const OWNER_UPDATE_LIMIT_SECONDS = 60 * 60;
/** The account creation fee witnesses vote on mainnet (median_props.account_creation_fee). */
export const ACCOUNT_CREATION_FEE_MILLI_HIVE = 3000n;
/**
 * The devnet's fixed vesting share price (VESTS per HIVE). Mainnet's moves with
 * inflation (about 1,700–1,800 VESTS per HIVE); a fixed round number keeps the
 * devnet's HP figures readable.
 */
export const VESTS_PER_HIVE = 2000n;

// ---------------------------------------------------------------- transaction status
/** transaction_status plugin's default transaction-status-block-depth. */
export const TRACKED_BLOCK_DEPTH = 64000;

/**
 * hived's assert texts as the devnet answers them (FC_ASSERT / HIVE_*_ASSERT
 * format "expression: text"). Sources: libraries/chain/hive_evaluator_social.cpp,
 * hive_evaluator_account.cpp, hive_evaluator.cpp, util/owner_update_limit_mgr.cpp,
 * rc/rc_utility.cpp, libraries/chain/include/hive/chain/database_exceptions.hpp.
 */
export const HIVED_TEXTS = {
  deleteWithReplies: 'Cannot delete a comment with replies.',
  deleteAfterPayout: 'Cannot delete comment after payout.',
  deleteWithVotes: 'Cannot delete a comment with net positive votes.',
  /** util/owner_update_limit_mgr.cpp message_hf26 (the pre-HF26 "once an hour." is no longer used on mainnet). */
  ownerUpdateLimit: 'Owner authority can only be updated twice an hour.',
  tempAccountUpdate: 'Cannot update temp account.',
  tempAccountUpdate2: "Cannot update temporary account '${subject}'.",
  /** rc_utility.cpp use_account_rcs (not_enough_rc_exception). */
  notEnoughRc: 'Account: ${account_name} has ${rc_current} RC, needs ${rc} RC. Please wait to transact or power up HIVE.',
  notEnoughVotingMana: 'Account does not have enough mana to vote. voting_mana: ${v} required_mana: ${r}',
  notEnoughDownvoteMana: 'Account does not have enough mana to downvote. voting_mana: ${v} downvote_mana: ${d} required_mana: ${r}',
} as const;

// ---------------------------------------------------------------- hivemind
// openhive-network/hivemind

/**
 * Blocks hivemind trails the head by. Live sync (hive/indexer/sync.py,
 * _process_live_blocks) indexes a block once HAF's serializer has written it,
 * which happens as hived applies the block; the next app_next_iteration then
 * hands it to hivemind, so a post becomes readable on public API nodes about one
 * block (3 s) after its block, sometimes more under load.
 */
export const HIVEMIND_DEFAULT_LAG_BLOCKS = 1;
/** hive/indexer/community.py check_community / register: community account names. */
export const COMMUNITY_NAME_PATTERN = /^hive-[123]\d{4,6}$/;
/** community.py TYPE_TOPIC, TYPE_JOURNAL, TYPE_COUNCIL: the first digit of the name. */
export const COMMUNITY_TYPES = { topic: 1, journal: 2, council: 3 } as const;
/** community.py class Role. */
export const COMMUNITY_ROLES = { muted: -2, guest: 0, member: 2, mod: 4, admin: 6, owner: 8 } as const;
export type CommunityRoleName = keyof typeof COMMUNITY_ROLES;
/** community.py MAX_MOD_NB: mods, admins and owners together. */
export const COMMUNITY_MAX_MODS = 100;
/** muted_reasons_operations.sql get_muted_reason_map (bit positions in muted_reasons). */
export const MUTED_REASONS = {
  communityModeration: 0,
  communityType: 1,
  parent: 2,
  reputation: 3,
  roleCommunity: 4,
} as const;
/** The custom_json id hivemind reads community ops from (massive_sync.sql process_community_ops). */
export const COMMUNITY_CUSTOM_JSON_ID = 'community';

/** hivemind's assert hashes (postgrest/utilities/exceptions.sql). */
export const HIVEMIND_ASSERT_HASHES = {
  postMissing: '4d5e6f7a8b9c0d1e2f3a',
  parameter: '3c4d5e6f7a8b9c0d1e2f',
  community: '6f7a8b9c0d1e2f3a4b5c',
  invalidAccount: '1a2b3c4d5e6f7a8b9c0d',
  invalidPermlink: '2b3c4d5e6f7a8b9c0d1e',
} as const;
