/**
 * A local Hive-Engine sidechain for the devnet: it reads the devnet's Hive
 * blocks the way hive-engine's Streamer does (the chain hands it each block
 * once it left the streamer's anti-fork buffer, 2 blocks behind the head), runs the `tokens` contract
 * (create / issue / transfer, see ./tokens.ts) and answers hive-engine's
 * JSON-RPC API (`/blockchain`, `/contracts`) with the same shapes.
 *
 * Model (hive-engine/hivesmartcontracts plugins/Streamer.js, libs/Block.js,
 * libs/Transaction.js, libs/Database.js, plugins/JsonRPCServer.js):
 * - every `custom_json` with id === engineId is parsed; its json is one action
 *   `{contractName, contractAction, contractPayload}` or an array of them;
 *   invalid JSON is ignored, array elements without the three fields are skipped.
 *   sender = required_auths[0] (then isSignedWithActiveKey = true) or
 *   required_posting_auths[0] (false); the payload gets `isSignedWithActiveKey`.
 * - sidechain transaction id = Hive trx id, + `-<op index>` when the Hive
 *   transaction has more than one operation, + `-<array index>` when the json
 *   array has more than one element.
 * - one sidechain block per Hive block that yielded at least one sidechain
 *   transaction (`refHiveBlockNumber` = the Hive block); block 0 is genesis.
 * - per sender and Hive block, the 21st and later actions (except to the
 *   market contracts) fail with "max transaction limit per block reached.".
 * - `logs` is the JSON string of `{events?, errors?}` with empty arrays left
 *   out, so "{}" for a success without events (tokens.create).
 */
import { createHash } from 'crypto';
import type { Database } from 'better-sqlite3';
import {
  ENGINE_ERRORS,
  ENGINE_MAX_ACTIONS_PER_SENDER_PER_BLOCK,
  ENGINE_RESERVED_ACTIONS,
  ENGINE_RPC,
  ENGINE_RPC_TEXTS,
  ENGINE_UNCAPPED_CONTRACTS,
} from './protocol';
import { badRequest, handleJsonRpc, type RpcMethod, type RpcOutcome } from './jsonrpc';
import { matches, project, sortDocs, UnsupportedQueryError, type Doc } from './query';
import { EngineStore, type EngineBlock, type EngineTransaction } from './store';
import { TokensContract, tokensParamsDoc, type EngineEvent } from './tokens';

export type { EngineBlock, EngineTransaction } from './store';
export type { EngineEvent } from './tokens';

export interface HiveTxForEngine {
  trxId: string;
  blockNum: number;
  timestamp: string;
  operations: Array<[string, any]>;
}

export interface HiveBlockForEngine {
  blockNum: number;
  /** Hive block time, "YYYY-MM-DDTHH:MM:SS". */
  timestamp: string;
  transactions: HiveTxForEngine[];
  /** Optional: Hive block id and previous id, copied to refHiveBlockId / prevRefHiveBlockId. */
  blockId?: string;
  previous?: string;
}

/** A `getTransactionInfo` answer for an exact sidechain transaction id. */
export type EngineTransactionInfo = EngineTransaction & { blockNumber: number };

/** Contract tables `find` serves; tables that exist in hive-engine but stay empty here answer []. */
const TOKENS_EMPTY_TABLES = ['contractsBalances', 'pendingUnstakes', 'delegations', 'pendingUndelegations'];
/** hive-engine's rpcConfig.maxLimit. */
export const ENGINE_RPC_MAX_LIMIT = ENGINE_RPC.maxLimit;
/** Hive-Engine's genesis block timestamp. */
const GENESIS_TIMESTAMP = '2018-06-01T00:00:00';
const META_LAST_HIVE_BLOCK = 'last_hive_block';
/** Identifies the emulated contract code (hive-engine: sha256 of the deployed code). */
const TOKENS_CODE_HASH = sha256('quanzi devnet emulation of hive-engine contracts/tokens.js: create, issue, transfer');
const NODE_VERSION = 'quanzi-devnet-engine';

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

interface ParsedTx {
  transactionId: string;
  sender: string | null;
  contract: string;
  action: string;
  payload: string;
}

interface Outcome {
  errors: string[];
  events: EngineEvent[];
  executedCodeHash: string;
  changedState: boolean;
}

export class EngineSidechain {
  readonly engineId: string;
  private readonly store: EngineStore;
  private readonly tokens: TokensContract;
  private hive: { headBlockNum(): number } | null = null;

  constructor(db: Database, options: { engineId: string }) {
    this.engineId = options.engineId;
    this.store = new EngineStore(db);
    this.tokens = new TokensContract(this.store);
  }

  /** Create the engine_ tables and the genesis block when missing. */
  migrate(): void {
    this.store.migrate();
    if (!this.store.block(0)) {
      const genesis = makeBlock({
        blockNumber: 0,
        refHiveBlockNumber: 0,
        refHiveBlockId: '',
        prevRefHiveBlockId: '',
        previousHash: '0',
        previousDatabaseHash: '',
        timestamp: GENESIS_TIMESTAMP,
        transactions: [],
      });
      this.store.insertBlock(genesis);
    }
  }

  /** Genesis token (no sidechain transaction); does nothing when the symbol exists. */
  createToken(t: { issuer: string; symbol: string; name: string; precision: number; maxSupply: string }): void {
    this.tokens.createGenesisToken(t);
  }

  /** The Hive chain the streamer reads (for getStatus). */
  attachHive(hive: { headBlockNum(): number }): void {
    this.hive = hive;
  }

  /** Hive block number the sidechain has processed up to (0 before the first). */
  lastParsedHiveBlock(): number {
    return Number(this.store.getMeta(META_LAST_HIVE_BLOCK) ?? 0);
  }

  /**
   * getStatus's lastParsedHiveBlockNumber: the streamer's currentHiveBlock, the
   * Hive block it will fetch next — head + 1 while it keeps up — NOT the last
   * block the sidechain processed (that one is head - 2, see protocol.ts).
   */
  streamerCurrentHiveBlock(): number {
    return this.hive ? this.hive.headBlockNum() + 1 : this.lastParsedHiveBlock() + 1;
  }

  /**
   * Process one Hive block (call it inside the block's DB transaction, with
   * all its transactions). A block at or below the last processed one is
   * ignored, as hive-engine skips already parsed Hive blocks.
   */
  applyHiveBlock(block: HiveBlockForEngine): void {
    // A SAVEPOINT inside the caller's transaction; its own transaction when called alone.
    this.store.atomically(() => this.applyHiveBlockNow(block));
  }

  private applyHiveBlockNow(block: HiveBlockForEngine): void {
    if (block.blockNum <= this.lastParsedHiveBlock()) return;
    const parsed = this.parseTransactions(block.transactions);
    this.store.setMeta(META_LAST_HIVE_BLOCK, String(block.blockNum));
    if (parsed.length === 0) return;

    const previous = this.store.latestBlock();
    if (!previous) throw new Error('EngineSidechain.migrate() was not called');
    const actionsBySender = new Map<string | null, number>();
    let databaseHash = previous.databaseHash;
    const transactions: EngineTransaction[] = parsed.map((p) => {
      const count = (actionsBySender.get(p.sender) ?? 0) + 1;
      actionsBySender.set(p.sender, count);
      const outcome = this.processTransaction(p, count);
      const logs = logsString(outcome.events, outcome.errors);
      if (outcome.changedState) databaseHash = sha256(databaseHash + p.transactionId + logs);
      const tx: EngineTransaction = {
        refHiveBlockNumber: block.blockNum,
        transactionId: p.transactionId,
        sender: p.sender,
        contract: p.contract,
        action: p.action,
        payload: p.payload,
        executedCodeHash: outcome.executedCodeHash,
        hash: '',
        databaseHash,
        logs,
      };
      tx.hash = sha256(
        `${tx.refHiveBlockNumber}${tx.transactionId}${tx.sender}${tx.contract}${tx.action}${tx.payload}${tx.executedCodeHash}${tx.databaseHash}${tx.logs}`,
      );
      return tx;
    });

    this.store.insertBlock(
      makeBlock({
        blockNumber: previous.blockNumber + 1,
        refHiveBlockNumber: block.blockNum,
        refHiveBlockId: block.blockId ?? '',
        prevRefHiveBlockId: block.previous ?? '',
        previousHash: previous.hash,
        previousDatabaseHash: previous.databaseHash,
        timestamp: block.timestamp,
        transactions,
      }),
    );
  }

  // ------------------------------------------------------------ Streamer

  private parseTransactions(transactions: HiveTxForEngine[]): ParsedTx[] {
    const out: ParsedTx[] = [];
    for (const trx of transactions) {
      const nbOperations = trx.operations.length;
      trx.operations.forEach((operation, indexOp) => {
        if (!Array.isArray(operation) || operation[0] !== 'custom_json') return;
        const value = operation[1];
        try {
          const id = value.id;
          let sender: string | null;
          let isSignedWithActiveKey: boolean;
          if (value.required_auths.length > 0) {
            sender = value.required_auths[0];
            isSignedWithActiveKey = true;
          } else {
            sender = value.required_posting_auths[0];
            isSignedWithActiveKey = false;
          }
          const json = JSON.parse(value.json);
          const actions: unknown[] = Array.isArray(json) ? json : [json];
          if (id !== this.engineId || actions.length === 0) return;
          actions.forEach((element, index) => {
            // Destructuring null throws, which (as in hive-engine) drops the rest of the array.
            const { contractName, contractAction, contractPayload } = element as Record<string, any>;
            if (
              !contractName ||
              typeof contractName !== 'string' ||
              !contractAction ||
              typeof contractAction !== 'string' ||
              !contractPayload ||
              typeof contractPayload !== 'object'
            ) {
              return;
            }
            contractPayload.isSignedWithActiveKey = isSignedWithActiveKey;
            delete contractPayload.recipient;
            delete contractPayload.amountHIVEHBD;
            delete contractPayload.permlink;
            delete contractPayload.callingContractInfo; // reserved for contract-to-contract calls
            let transactionId = trx.trxId;
            if (nbOperations > 1) transactionId = `${transactionId}-${indexOp}`;
            if (actions.length > 1) transactionId = `${transactionId}-${index}`;
            out.push({
              transactionId,
              sender: sender ?? null,
              contract: contractName,
              action: contractAction,
              payload: JSON.stringify(contractPayload),
            });
          });
        } catch {
          // hive-engine logs "Invalid transaction" and moves on.
        }
      });
    }
    return out;
  }

  // ------------------------------------------------------------ Block.processTransaction

  private processTransaction(tx: ParsedTx, userActionCount: number): Outcome {
    const refused = (error: string): Outcome => ({ errors: [error], events: [], executedCodeHash: '', changedState: false });
    const { sender, contract, action } = tx;
    if (!sender || !contract || !action) return refused(ENGINE_ERRORS.paramsRequired);
    if (contract === 'contract' && (action === 'deploy' || action === 'update')) return refused(ENGINE_ERRORS.deploymentUnavailable);
    if (contract === 'contract' && action === 'registerTick') return refused(ENGINE_ERRORS.registerTickUnauthorized);
    if (sender !== 'null' && userActionCount > ENGINE_MAX_ACTIONS_PER_SENDER_PER_BLOCK && !ENGINE_UNCAPPED_CONTRACTS.includes(contract)) {
      return refused(ENGINE_ERRORS.blockLimit);
    }
    if (ENGINE_RESERVED_ACTIONS.includes(action)) return refused(ENGINE_ERRORS.reservedAction);
    if (contract !== 'tokens') return refused(ENGINE_ERRORS.contractMissing);
    if (TokensContract.NOT_EMULATED.includes(action)) return refused(`devnet: tokens.${action} is not emulated`);
    try {
      const payload = JSON.parse(tx.payload) as Record<string, unknown>;
      const result = this.store.atomically(() => this.tokens.execute(action, sender, payload));
      if (result === null) return refused(ENGINE_ERRORS.unknownError);
      return { ...result, executedCodeHash: TOKENS_CODE_HASH, changedState: result.errors.length === 0 };
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      return refused(`${err.name}: ${err.message}`);
    }
  }

  // ------------------------------------------------------------ blockchain API

  /** `getTransactionInfo`: the transaction with its blockNumber, an array for a bare Hive id of a batch, or null. */
  getTransactionInfo(txid: string): EngineTransactionInfo | Array<EngineTransactionInfo & { transactionIndex: number }> | null {
    const exact = this.store.transactionLocation(txid);
    if (exact) {
      const block = this.store.block(exact.blockNumber);
      const tx = block?.transactions[exact.index];
      return tx ? { blockNumber: exact.blockNumber, ...tx } : null;
    }
    // hive-engine: a 40-char Hive id whose actions got suffixes answers all of them.
    if (txid.length !== 40) return null;
    const first = this.store.transactionLocation(`${txid}-0`);
    if (!first) return null;
    const block = this.store.block(first.blockNumber);
    if (!block) return null;
    return block.transactions
      .filter((t) => t.transactionId.startsWith(`${txid}-`))
      .map((t) => ({ blockNumber: block.blockNumber, transactionIndex: Number(t.transactionId.substring(41)), ...t }))
      .sort((a, b) => (Number.isNaN(a.transactionIndex) || Number.isNaN(b.transactionIndex) ? 0 : a.transactionIndex - b.transactionIndex));
  }

  getLatestBlockInfo(): EngineBlock | null {
    return this.store.latestBlock();
  }

  getBlockInfo(blockNumber: number): EngineBlock | null {
    return this.store.block(blockNumber);
  }

  getBlockInfoByHiveBlock(hiveBlockNumber: number): EngineBlock | null {
    return this.store.blockByHiveBlock(hiveBlockNumber);
  }

  getStatus(): Record<string, unknown> {
    const latest = this.store.latestBlock();
    return {
      ...(latest ? { lastBlockNumber: latest.blockNumber, lastBlockRefHiveBlockNumber: latest.refHiveBlockNumber, lastHash: latest.hash } : {}),
      lastParsedHiveBlockNumber: this.streamerCurrentHiveBlock(),
      SSCnodeVersion: NODE_VERSION,
      domain: '',
      chainId: this.engineId.replace(/^ssc-/, ''),
      disabledMethods: { blockchain: [...ENGINE_RPC.disabledBlockchainMethods], contracts: [] },
      lightNode: false,
    };
  }

  /** POST /blockchain: getTransactionInfo, getLatestBlockInfo, getBlockInfo, getBlockInfoByHiveBlock, getStatus. */
  handleBlockchainRpc(body: unknown): unknown {
    const methods: Record<string, RpcMethod> = {
      getLatestBlockInfo: () => ({ result: this.getLatestBlockInfo() }),
      getBlockInfo: ({ blockNumber }) =>
        Number.isInteger(blockNumber) ? { result: this.getBlockInfo(blockNumber as number) } : badRequest(ENGINE_RPC_TEXTS.blockNumberRequired),
      getBlockInfoByHiveBlock: ({ hiveBlockNumber }) =>
        Number.isInteger(hiveBlockNumber)
          ? { result: this.getBlockInfoByHiveBlock(hiveBlockNumber as number) }
          : badRequest(ENGINE_RPC_TEXTS.hiveBlockNumberRequired),
      getTransactionInfo: ({ txid }) =>
        txid && typeof txid === 'string' ? { result: this.getTransactionInfo(txid) } : badRequest(ENGINE_RPC_TEXTS.txidRequired),
      getStatus: () => ({ result: this.getStatus() }),
    };
    for (const name of ENGINE_RPC.disabledBlockchainMethods) methods[name] = () => badRequest(ENGINE_RPC_TEXTS.disabled('blockchain', name));
    return handleJsonRpc(body, methods);
  }

  // ------------------------------------------------------------ contracts API

  /**
   * `find`: records of a contract table, `null` when the table does not exist or
   * the query cannot run. `indexes` = [{index, descending}] sorts (then by _id).
   */
  find(args: {
    contract: string;
    table: string;
    query: Record<string, unknown>;
    limit?: number;
    offset?: number;
    indexes?: Array<{ index: string; descending: boolean }>;
    project?: Record<string, unknown>;
  }): Doc[] | null {
    const limit = args.limit || ENGINE_RPC_MAX_LIMIT;
    const offset = args.offset || 0;
    const indexes: unknown = args.indexes || [];
    const projection = args.project || {};
    if (
      !Number.isInteger(limit) ||
      !Number.isInteger(offset) ||
      limit < 1 ||
      offset < 0 ||
      !Array.isArray(indexes) ||
      !indexes.every((el) => el && typeof el.index === 'string' && el.index && typeof el.descending === 'boolean')
    ) {
      return null;
    }
    const docs = this.tableDocs(args.contract, args.table, args.query);
    if (docs === null) return null;
    try {
      const selected = docs.filter((d) => matches(d, args.query));
      const sorted = sortDocs(
        selected,
        (indexes as Array<{ index: string; descending: boolean }>).map((el) => ({
          field: el.index === '$loki' ? '_id' : el.index,
          descending: el.descending,
        })),
      );
      return sorted.slice(offset, offset + limit).map((d) => project(d, projection));
    } catch (e) {
      if (e instanceof UnsupportedQueryError) return null;
      throw e;
    }
  }

  /** `findOne`: the first matching record (in _id order) or null. */
  findOne(args: { contract: string; table: string; query: Record<string, unknown>; project?: Record<string, unknown> }): Doc | null {
    const query = { ...args.query };
    if (query.$loki !== undefined) {
      query._id = query.$loki;
      delete query.$loki;
    }
    const docs = this.tableDocs(args.contract, args.table, query);
    if (docs === null) return null;
    try {
      const found = docs.find((d) => matches(d, query));
      return found ? project(found, args.project || {}) : null;
    } catch (e) {
      if (e instanceof UnsupportedQueryError) return null;
      throw e;
    }
  }

  /** POST /contracts: find, findOne (hive-engine's parameter checks and error texts). */
  handleContractsRpc(body: unknown): unknown {
    const required = ENGINE_RPC_TEXTS.findParamsRequired;
    const projectionError = (p: unknown): RpcOutcome | null =>
      p && typeof p === 'object' && !Object.values(p).every((x) => x === 0 || x === 1) ? badRequest(ENGINE_RPC_TEXTS.arbitraryProject) : null;
    const methods: Record<string, RpcMethod> = {
      findOne: ({ contract, table, query, project: prj }) => {
        const p = prj || {};
        const bad = projectionError(p);
        if (bad) return bad;
        if (!isNonEmptyString(contract) || !isNonEmptyString(table) || !query || typeof query !== 'object' || typeof p !== 'object') {
          return badRequest(required);
        }
        return { result: this.findOne({ contract, table, query: query as Record<string, unknown>, project: p as Record<string, unknown> }) };
      },
      find: ({ contract, table, query, limit, offset, indexes, project: prj }) => {
        if (!isNonEmptyString(contract) || !isNonEmptyString(table) || !query || typeof query !== 'object') return badRequest(required);
        const lim = (limit || ENGINE_RPC_MAX_LIMIT) as number;
        if (lim > ENGINE_RPC_MAX_LIMIT) return badRequest(ENGINE_RPC_TEXTS.limitTooHigh(ENGINE_RPC_MAX_LIMIT));
        const p = prj || {};
        const bad = projectionError(p);
        if (bad) return bad;
        return {
          result: this.find({
            contract,
            table,
            query: query as Record<string, unknown>,
            limit: lim,
            offset: offset as number | undefined,
            indexes: indexes as Array<{ index: string; descending: boolean }> | undefined,
            project: p as Record<string, unknown>,
          }),
        };
      },
    };
    return handleJsonRpc(body, methods);
  }

  /** Candidate records of a table (narrowed by exact-match fields when possible); null if no such table. */
  private tableDocs(contract: string, table: string, query: Record<string, unknown>): Doc[] | null {
    if (contract !== 'tokens') return null;
    const exact = (field: string): string | undefined => (typeof query[field] === 'string' ? (query[field] as string) : undefined);
    switch (table) {
      case 'tokens':
        return this.store.listTokens(exact('symbol')) as unknown as Doc[];
      case 'balances':
        return this.store.listBalances({ account: exact('account'), symbol: exact('symbol') }) as unknown as Doc[];
      case 'params':
        return [tokensParamsDoc()];
      default:
        return TOKENS_EMPTY_TABLES.includes(table) ? [] : null;
    }
  }
}

function isNonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0;
}

/** Transaction.addLogs: events then errors (as processTransaction merges them), empty arrays dropped. */
function logsString(events: EngineEvent[], errors: string[]): string {
  const logs: { events?: EngineEvent[]; errors?: string[] } = {};
  if (events.length) logs.events = events;
  if (errors.length) logs.errors = errors;
  return JSON.stringify(logs);
}

/** Block with hive-engine's merkle root and hash (libs/Block.js). */
function makeBlock(b: {
  blockNumber: number;
  refHiveBlockNumber: number;
  refHiveBlockId: string;
  prevRefHiveBlockId: string;
  previousHash: string;
  previousDatabaseHash: string;
  timestamp: string;
  transactions: EngineTransaction[];
}): EngineBlock {
  const roots = merkleRoots(b.transactions);
  const merkleRoot = roots ? roots.hash : '';
  const databaseHash = roots ? roots.databaseHash : b.previousDatabaseHash;
  const hash = sha256(
    `${b.previousHash}${b.previousDatabaseHash}${b.blockNumber}${b.refHiveBlockNumber}${b.refHiveBlockId}${b.prevRefHiveBlockId}${b.timestamp}${merkleRoot}${JSON.stringify(b.transactions)}`,
  );
  return {
    _id: b.blockNumber,
    blockNumber: b.blockNumber,
    refHiveBlockNumber: b.refHiveBlockNumber,
    refHiveBlockId: b.refHiveBlockId,
    prevRefHiveBlockId: b.prevRefHiveBlockId,
    previousHash: b.previousHash,
    previousDatabaseHash: b.previousDatabaseHash,
    timestamp: b.timestamp,
    transactions: b.transactions,
    virtualTransactions: [],
    hash,
    databaseHash,
    merkleRoot,
    round: null,
    roundHash: '',
    witness: '',
    signingKey: '',
    roundSignature: '',
  };
}

function merkleRoots(level: Array<{ hash: string; databaseHash: string }>): { hash: string; databaseHash: string } | null {
  if (level.length === 0) return null;
  const next: Array<{ hash: string; databaseHash: string }> = [];
  for (let i = 0; i < level.length; i += 2) {
    const left = level[i];
    const right = i + 1 < level.length ? level[i + 1] : left;
    next.push({ hash: sha256(left.hash + right.hash), databaseHash: sha256(left.databaseHash + right.databaseHash) });
  }
  return next.length === 1 ? next[0] : merkleRoots(next);
}
