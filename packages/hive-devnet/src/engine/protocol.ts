/**
 * Hive-Engine facts the devnet's sidechain models, one named constant each: its
 * own copy, taken from hive-engine/hivesmartcontracts (never from the plugin's
 * server code, so a wrong fact on one side fails a test instead of agreeing with
 * itself). The file each value comes from is named beside it.
 */

/** Mainnet sidechain id (config.example.json chainId "mainnet-hive", custom_json id `ssc-${chainId}`). */
export const ENGINE_MAINNET_ID = 'ssc-mainnet-hive';

/** contracts/resourcemanager.js burnFee: non-market actions one sender may have processed per Hive block. */
export const ENGINE_MAX_ACTIONS_PER_SENDER_PER_BLOCK = 20;
/** resourcemanager.js: market and marketpools pay a fee instead of being capped. */
export const ENGINE_UNCAPPED_CONTRACTS: readonly string[] = ['market', 'marketpools'];
/** libs/SmartContracts.js RESERVED_ACTIONS. */
export const ENGINE_RESERVED_ACTIONS: readonly string[] = ['createSSC'];

/** contracts/tokens.js enableStaking: unstakingCooldown (days) and numberTransactions are integers 1..18250. */
export const ENGINE_STAKING_PARAM_MAX = 18250;

/** contracts/tokens.js: symbols of at most 10 characters, precision 0..8. */
export const ENGINE_SYMBOL_MAX_LENGTH = 10;
export const ENGINE_MAX_PRECISION = 8;

/**
 * plugins/Streamer.js: fetched Hive blocks wait in an anti-fork buffer of
 * antiForkBufferMaxSize (2, config.example.json streamerConfig) blocks; adding
 * block N to a full buffer sends its oldest block, N-2, to the sidechain. So the
 * sidechain has processed Hive blocks up to head - 2, and getStatus's
 * lastParsedHiveBlockNumber is the streamer's currentHiveBlock: the block it will
 * fetch next (head + 1 when it is keeping up).
 */
export const ENGINE_STREAMER_ANTI_FORK_BUFFER = 2;

/** config.example.json rpcConfig: how a public node's JSON-RPC server is configured. */
export const ENGINE_RPC = {
  /** find's largest limit. */
  maxLimit: 1000,
  /** jayson maxBatchLength: one call per batch. */
  maxBatchLength: 1,
  /** disabledMethods.blockchain (getStatus can never be disabled). */
  disabledBlockchainMethods: ['getBlockRangeInfo'] as readonly string[],
} as const;

/**
 * Requests a second one client may send a public Hive-Engine API node before it
 * answers HTTP 429. The nodes run hive-engine's JSON-RPC server behind a reverse
 * proxy that limits per client address; the operators do not publish the figure,
 * so this is an estimate of a common nginx limit_req setting (10 r/s, burst 20).
 */
export const ENGINE_RATE_LIMIT_DEFAULT = { perSecond: 10, burst: 20 } as const;

/**
 * jayson 4 (the JSON-RPC server JsonRPCServer.js uses) error objects, verbatim
 * from jayson/lib/server/index.js Server.errorMessages.
 */
export const JAYSON_ERRORS = {
  parse: { code: -32700, message: 'Parse Error' },
  invalidRequest: { code: -32600, message: 'Invalid request' },
  methodNotFound: { code: -32601, message: 'Method not found' },
  invalidParams: { code: -32602, message: 'Invalid method parameter(s)' },
  internal: { code: -32603, message: 'Internal error' },
  maxBatchLength: { code: -32099, message: 'Invalid request: Maximum batch length exceeded' },
} as const;

/** JsonRPCServer.js: express's error handler answers an unparsable body with HTTP 500 and this JSON. */
export const ENGINE_HTTP_ERROR_BODY = { error: 'Error processing requests' } as const;

/**
 * Error texts in a sidechain transaction's `logs.errors`, verbatim from
 * contracts/tokens.js, contracts/resourcemanager.js, libs/SmartContracts.js and
 * libs/Block.js. Note the trailing '.' of blockLimit.
 */
export const ENGINE_ERRORS = {
  blockLimit: 'max transaction limit per block reached.',
  activeKey: 'you must use a custom_json signed with your active key',
  issuerOnly: 'not allowed to issue tokens',
  precision: 'symbol precision mismatch',
  maxSupply: 'quantity exceeds available supply',
  toSelf: 'cannot transfer to self',
  balance: 'overdrawn balance',
  balanceMissing: 'balance does not exist',
  symbolMissing: 'symbol does not exist',
  symbolExists: 'symbol already exists',
  invalidParams: 'invalid params',
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
  /** enableStaking (note the contract's two spaces in the fee text). */
  stakingFee: 'you must have enough tokens to cover  fees',
  invalidSymbol: 'invalid symbol',
  unstakingCooldown: `unstakingCooldown must be an integer between 1 and ${ENGINE_STAKING_PARAM_MAX}`,
  numberTransactions: `numberTransactions must be an integer between 1 and ${ENGINE_STAKING_PARAM_MAX}`,
  mustBeIssuer: 'must be the issuer',
  stakingAlreadyEnabled: 'staking already enabled',
  /** stake. */
  stakingNotEnabled: 'staking not enabled',
  stakePositive: 'must stake positive quantity',
  /** Sidechain-level refusals (no contract code ran). */
  contractMissing: "contract doesn't exist",
  reservedAction: 'you cannot trigger this action',
  unknownError: 'unknown error',
  paramsRequired: 'the parameters sender, contract and action are required',
  deploymentUnavailable: 'the contract deployment is currently unavailable',
  registerTickUnauthorized: 'registerTick unauthorized',
} as const;

/** JsonRPCServer.js: the texts of its method errors ({code: 400, message}). */
export const ENGINE_RPC_TEXTS = {
  blockNumberRequired: 'missing or wrong parameters: blockNumber is required',
  hiveBlockNumberRequired: 'missing or wrong parameters: hiveBlockNumber is required',
  txidRequired: 'missing or wrong parameters: txid is required',
  findParamsRequired: 'missing or wrong parameters: contract, table and query are required',
  arbitraryProject: 'arbitrary key for project is not allowed, you may only include or exclude existing keys',
  limitTooHigh: (max: number) => `limit is too high, maximum limit is ${max}`,
  disabled: (api: string, method: string) => `method ${api}.${method} is disabled`,
} as const;
