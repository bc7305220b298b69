/**
 * Hive and Hive-Engine protocol facts, one named constant each.
 *
 * Both the operation builders (mirror, payouts) and the local devnet's checks
 * read these, so a limit is stated once. Sources: hived 1.28
 * (libraries/protocol/include/hive/protocol/config.hpp, hive_evaluator_social.cpp),
 * hivemind, and hive-engine/hivesmartcontracts.
 */

/** Seconds between blocks (HIVE_BLOCK_INTERVAL). */
export const BLOCK_INTERVAL_SECONDS = 3;
/** A transaction may expire at most this long after head block time (HIVE_MAX_TIME_UNTIL_EXPIRATION). */
export const MAX_TIME_UNTIL_EXPIRATION_SECONDS = 3600;
/** Maximum block size the devnet announces (HIVE_MAX_BLOCK_SIZE default witness setting). */
export const MAX_BLOCK_SIZE_BYTES = 65536;
/** A transaction must leave this much room in a block. */
export const BLOCK_SIZE_RESERVE_BYTES = 256;
export const MAX_TRANSACTION_SIZE_BYTES = MAX_BLOCK_SIZE_BYTES - BLOCK_SIZE_RESERVE_BYTES;

/** Account names: 3..16 chars, dot-separated segments (HIVE_MIN/MAX_ACCOUNT_NAME_LENGTH). */
export const MIN_ACCOUNT_NAME_LENGTH = 3;
export const MAX_ACCOUNT_NAME_LENGTH = 16;

/** Permlink: 1..255 bytes of [a-z0-9-] (HIVE_MAX_PERMLINK_LENGTH). */
export const MAX_PERMLINK_LENGTH = 255;
export const PERMLINK_CHARSET = /^[a-z0-9-]+$/;
/** Title: at most 255 bytes of UTF-8. */
export const MAX_TITLE_BYTES = 255;
/** Replies deeper than this are refused (HIVE_SOFT_MAX_COMMENT_DEPTH). */
export const SOFT_MAX_COMMENT_DEPTH = 255;

/** A root post only if more than this passed since the author's last root post (HIVE_MIN_ROOT_COMMENT_INTERVAL). */
export const MIN_ROOT_COMMENT_INTERVAL_SECONDS = 300;
/** A reply only if at least this passed since the author's last post of any kind (HIVE_MIN_REPLY_INTERVAL). */
export const MIN_REPLY_INTERVAL_SECONDS = 3;

/** Beneficiaries: at most 8, weights sum to at most 100 % (HIVE_100_PERCENT). */
export const MAX_BENEFICIARIES = 8;
export const HIVE_100_PERCENT = 10000;

/** custom_json: id length and json payload size (HIVE_CUSTOM_OP_ID_MAX_LENGTH, HIVE_CUSTOM_OP_DATA_MAX_LENGTH). */
export const CUSTOM_OP_ID_MAX_LENGTH = 32;
export const CUSTOM_OP_DATA_MAX_LENGTH = 8192;
/** At most this many custom ops per account per block (HIVE_CUSTOM_OP_BLOCK_LIMIT). */
export const CUSTOM_OP_BLOCK_LIMIT = 5;

/**
 * hived's assert texts that clients see in rejected broadcasts (dhive puts the
 * node's first error-stack format, `"<assert expression>: <text>"`, in
 * `RPCError.message`). Verified against hived v1.28.6 (libraries/protocol/
 * hive_operations.cpp validate(), libraries/chain/hive_evaluator_social.cpp,
 * database.cpp, transaction_util.cpp); each value is a substring of the message.
 */
export const HIVED_ERRORS = {
  rootPostInterval: 'You may only post once every 5 minutes.',
  replyInterval: 'You may only comment once every 3 seconds.',
  oneEditPerBlock: 'Can only perform one comment edit per block.',
  parentCannotChange: 'The parent of a comment cannot change.',
  /** comment evaluator, new comments: "Permlink is not of valid size (${s})." */
  permlinkSize: 'Permlink is not of valid size',
  /** protocol validate(): 256 bytes or more. */
  permlinkTooLong: 'permlink is too long',
  permlinkChar: 'Invalid permlink character',
  /** "Title size limit exceeded. Max: 255 Current: ${n}" */
  titleSize: 'Title size limit exceeded.',
  bodyEmpty: 'Body is empty',
  bodyUtf8: 'Body not formatted in UTF8',
  /** validate_json_with_fallback runs before the evaluator's "JSON Metadata must be UTF-8". */
  metadataUtf8: 'JSON not formatted in UTF8',
  metadataJson: 'JSON is not valid JSON',
  commentNotFound: 'Comment with `id`/`permlink`',
  accountMissing: "doesn't exist",
  commentDepth: 'posts deep, maximum depth is',
  deleteWithReplies: 'Cannot delete a comment with replies.',
  deleteWithVotes: 'Cannot delete a comment with net positive votes.',
  deleteAfterPayout: 'Cannot delete comment after payout.',
  optionsAfterPayout: 'Updating parameters for comment that is paid out is forbidden.',
  beneficiariesSorted: 'Beneficiaries must be specified in sorted order (account ascending)',
  beneficiariesCount: 'Cannot specify more than 8 beneficiaries.',
  beneficiariesTotal: 'Cannot allocate more than 100% of rewards to a comment',
  beneficiariesOnce: 'Comment already has beneficiaries specified.',
  beneficiariesAfterVotes: 'Comment must not have been voted on before specifying beneficiaries.',
  voteWeightZero: 'Vote weight cannot be 0.',
  voteIdentical: 'Your current vote on this comment is identical to this vote.',
  votesNotAllowed: 'Votes are not allowed on the comment.',
  duplicateTransaction: 'Duplicate transaction check failed',
  duplicateSignature: 'Duplicate signature detected',
  unnecessarySignature: 'Unnecessary signature(s) detected',
  missingPostingAuth: 'Missing Posting Authority',
  missingActiveAuth: 'Missing Active Authority',
  transactionTooLarge: 'Transaction too large',
  /** HF28: "trx.expiration <= now + HIVE_MAX_TIME_UNTIL_SIGNATURE_EXPIRATION"; before: "..._UNTIL_EXPIRATION". */
  expirationTooFar: 'trx.expiration <= now + HIVE_MAX_TIME_UNTIL_',
  /** fc exception message (error.message / error.data.message) of expiration failures. */
  expired: 'transaction expiration exception',
  tapos: 'transaction tapos exception',
  /** "Account ${a} already submitted ${n} custom json operation(s) this block." */
  customOpBlockLimit: 'custom json operation(s) this block.',
  /** "Operation ID length exceeded. Max: 32 Current: ${n}" */
  customIdSize: 'Operation ID length exceeded.',
  /** custom_json evaluator: "Operation JSON must be less than 8192 bytes." */
  customJsonSize: 'Operation JSON must be less than',
  customJsonInvalid: 'JSON is not valid JSON',
  /**
   * hived has NO self-transfer check for `transfer` (a transfer to oneself is
   * accepted); only recurrent_transfer refuses it, with this text.
   */
  transferToSelf: 'Cannot set a transfer to yourself',
  insufficientFunds: 'does not have sufficient funds for balance adjustment',
} as const;

/** HF28: a transaction's expiration may be up to a day ahead; it stays in the mempool at most MAX_TIME_UNTIL_EXPIRATION_SECONDS (HIVE_MAX_TIME_UNTIL_SIGNATURE_EXPIRATION). */
export const MAX_TIME_UNTIL_SIGNATURE_EXPIRATION_SECONDS = 24 * 60 * 60;

/** Hive-Engine (sidechain) facts. */
export const ENGINE_MAINNET_ID = 'ssc-mainnet-hive';
/** The Hive-Engine API nodes answer under (`<api>/blockchain`, `<api>/contracts`); used when HIVE_NODES is set and HIVE_ENGINE_API is not. */
export const ENGINE_MAINNET_API = 'https://api.hive-engine.com/rpc';
/** Non-market sidechain actions one sender may have processed per Hive block. */
export const ENGINE_MAX_ACTIONS_PER_SENDER_PER_BLOCK = 20;
/**
 * Error texts in a sidechain transaction's `logs.errors`, verbatim from
 * hive-engine/hivesmartcontracts (contracts/tokens.js, contracts/resourcemanager.js,
 * libs/SmartContracts.js, libs/Block.js). Note the trailing '.' of blockLimit.
 */
export const ENGINE_ERRORS = {
  /** resourcemanager.burnFee: the 21st+ non-market action of one sender in one Hive block. */
  blockLimit: 'max transaction limit per block reached.',
  activeKey: 'you must use a custom_json signed with your active key',
  issuerOnly: 'not allowed to issue tokens',
  precision: 'symbol precision mismatch',
  maxSupply: 'quantity exceeds available supply',
  toSelf: 'cannot transfer to self',
  balance: 'overdrawn balance',
  balanceMissing: 'balance does not exist',
  /** tokens.stake on a token whose issuer never ran tokens.enableStaking. */
  stakingNotEnabled: 'staking not enabled',
  symbolMissing: 'symbol does not exist',
  symbolExists: 'symbol already exists',
  /** Wrong type or missing field, or a quantity bignumber cannot parse. */
  invalidParams: 'invalid params',
  /** @deprecated same text as invalidParams. */
  quantityInvalid: 'invalid params',
  invalidTo: 'invalid to',
  issuePositive: 'must issue positive quantity',
  transferPositive: 'must transfer positive quantity',
  /** Followed by the account name: `not allowed to send to ${to}` (exchange blacklist). */
  blacklistedPrefix: 'not allowed to send to ',
  cannotAdd: 'cannot add',
  cannotSubtract: 'cannot subtract',
  creationFee: 'you must have enough tokens to cover the creation fees',
  symbolFormat: 'invalid symbol: uppercase letters only and one "." allowed, max length of 10',
  symbolReserved: 'cannot use this symbol',
  symbolSwap: 'invalid symbol: not allowed to use SWAP',
  symbolEth: 'invalid symbol: not allowed to use ETH',
  symbolBsc: 'invalid symbol: not allowed to use BSC',
  symbolDot: 'invalid symbol: usage of "." is restricted',
  nameFormat: 'invalid name: letters, numbers, whitespaces only, max length of 50',
  urlLength: 'invalid url: max length of 255',
  precisionInvalid: 'invalid precision',
  maxSupplyPositive: 'maxSupply must be positive',
  maxSupplyTooHigh: `maxSupply must be lower than ${Number.MAX_SAFE_INTEGER}`,
  /** Sidechain-level refusals (no contract code ran). */
  contractMissing: "contract doesn't exist",
  reservedAction: 'you cannot trigger this action',
  unknownError: 'unknown error',
  paramsRequired: 'the parameters sender, contract and action are required',
  deploymentUnavailable: 'the contract deployment is currently unavailable',
  registerTickUnauthorized: 'registerTick unauthorized',
} as const;

/** Chain ids and prefixes. */
export const MAINNET_CHAIN_ID = 'beeab0de00000000000000000000000000000000000000000000000000000000';
export const MAINNET_ADDRESS_PREFIX = 'STM';

/** Hivemind tag normalization: lowercase, no '#', at most this many characters. */
export const HIVEMIND_TAG_MAX_LENGTH = 32;
/** Community names as hivemind recognises them. */
export const COMMUNITY_NAME_PATTERN = /^hive-[123]\d{4,6}$/;
/** Community types (hivemind hive/indexer/community.py; the first digit of the name). */
export const COMMUNITY_TYPES = { topic: 1, journal: 2, council: 3 } as const;
/** Community roles and their ranks (hivemind hive/indexer/community.py, class Role). */
export const COMMUNITY_ROLE_RANKS = { muted: -2, guest: 0, member: 2, mod: 4, admin: 6, owner: 8 } as const;

/**
 * Tags hivemind's bridge API can be queried by (valid_tag.sql); hivemind indexes
 * other tags too, but no feed can ever list a post under them.
 */
export const HIVEMIND_QUERYABLE_TAG_PATTERN = /^[a-z0-9\-_]+$/;
/** Tags frontends' editors accept (hive.blog, PeakD, Ecency allow 10; older hivemind indexed only the first 5). */
export const FRONTEND_MAX_TAGS = 10;
/** json_metadata.description: the summary frontends show in cards and link previews. */
export const METADATA_DESCRIPTION_MAX_CHARS = 300;
/**
 * comment_options extension tag of comment_payout_beneficiaries. hived refuses it with
 * an empty list ("Must specify at least one beneficiary"), so it is left out instead.
 */
export const BENEFICIARIES_EXTENSION_TAG = 0;

/** Texts of refusals that say "not now" rather than "never": the same operation succeeds later. */
export const HIVED_TRANSIENT_ERRORS = {
  databaseLock: 'Unable to acquire database lock',
} as const;

/**
 * hived 1.28 refuses a transaction whose RC payer (the first required authority) lacks
 * resource credits with this exception (libraries/chain/include/hive/chain/database_exceptions.hpp;
 * raised in libraries/chain/rc/rc_utility.cpp: "Account: ${account_name} has ${rc_current} RC,
 * needs ${rc} RC. Please wait to transact or power up HIVE."). Recognised by name or code, and
 * the amounts read from the exception's data, never from the text.
 */
export const NOT_ENOUGH_RC_EXCEPTION = { code: 4100100, name: 'not_enough_rc_exception' } as const;
/** RC regenerate linearly from empty to full in this time (HIVE_RC_REGEN_TIME, libraries/protocol/include/hive/protocol/config.hpp). */
export const RC_REGENERATION_SECONDS = 5 * 24 * 60 * 60;

/**
 * How hivemind-served reads (condenser_api.get_content, bridge.get_post) say a post is not
 * there (hivemind hive/db/sql_scripts/postgrest/utilities/exceptions.sql):
 * raise_non_existing_post_exception answers code -32602 with
 * data.extension.assertion_expression "Post a/p does not exist" (and an empty stack format);
 * raise_post_deleted_exception answers code -31999 with the string data "Post a/p was deleted N time(s)".
 */
export const HIVEMIND_POST_MISSING = { code: -32602, expression: (author: string, permlink: string) => `Post ${author}/${permlink} does not exist` } as const;
export const HIVEMIND_POST_DELETED = { code: -31999, dataPrefix: (author: string, permlink: string) => `Post ${author}/${permlink} was deleted ` } as const;

/** block_api.get_block_range returns at most this many blocks a call (block_api.cpp: "count <= 1000"). */
export const BLOCK_RANGE_MAX_COUNT = 1000;

/**
 * Hive-Engine's streamer holds fetched Hive blocks in an anti-fork buffer of this many blocks
 * before the sidechain processes them (hivesmartcontracts plugins/Streamer.js,
 * antiForkBufferMaxSize), and getStatus.lastParsedHiveBlockNumber is the block it will fetch
 * next: so the last Hive block processed is at most lastParsed − 1 − this buffer.
 */
export const ENGINE_ANTIFORK_BUFFER_BLOCKS = 2;

/** Hive-Engine token symbols: uppercase letters, at most one inner '.', 1..10 chars (tokens contract `create`). */
export const ENGINE_SYMBOL_PATTERN = /^[A-Z]+(\.[A-Z]+)?$/;
export const ENGINE_SYMBOL_MAX_LENGTH = 10;
/** Hive-Engine token precision is an integer 0..8. */
export const ENGINE_MAX_PRECISION = 8;

/** SCOT (Hive-Engine `comments` contract) vote power and vote weight scale: 10000 = 100 %. */
export const SCOT_MAX_VOTING_POWER = 10000;
/** SCOT parameter ranges the comments contract accepts (createRewardPool). */
export const SCOT_VOTE_REGENERATION_DAYS_RANGE = { min: 1, max: 30 } as const;
export const SCOT_POST_REWARD_CURVE_RANGE = { min: 1, max: 2 } as const;
export const SCOT_CURATION_REWARD_CURVE_RANGE = { min: 0.5, max: 1 } as const;
/**
 * Reward-pool parameter ranges of the comments contract (contracts/comments.js
 * createRewardPool / updateRewardPool): stakedRewardPercentage is an integer 0..100,
 * downvotePowerConsumption 1..10000, downvoteRegenerationDays 1..30, the app tax
 * percent 1..100, and `tags` / `excludeTags` hold at most params.maxTagsPerPool (5) tags.
 */
export const SCOT_STAKED_REWARD_PERCENTAGE_RANGE = { min: 0, max: 100 } as const;
export const SCOT_DOWNVOTE_POWER_CONSUMPTION_RANGE = { min: 1, max: 10000 } as const;
export const SCOT_DOWNVOTE_REGENERATION_DAYS_RANGE = { min: 1, max: 30 } as const;
export const SCOT_APP_TAX_PERCENT_RANGE = { min: 1, max: 100 } as const;
export const SCOT_MAX_TAGS_PER_POOL = 5;

/** hivemind: community operations are custom_json with this id, signed with the actor's posting authority. */
export const HIVEMIND_COMMUNITY_OP_ID = 'community';
/** hivemind's pin operations (community/process.py): the actor needs the mod role or above in the community. */
export const HIVEMIND_PIN_OPS = { pin: 'pinPost', unpin: 'unpinPost' } as const;
