import { Client, cryptoUtils, type Operation, type PrivateKey, type SignedTransaction, type Transaction } from '@hiveio/dhive';
import { postAbsence } from './answers';
import { createEngineApi, type EngineCall } from './engine-api';
import { ChainRpcError, createJsonRpc, type JsonRpcCall } from './json-rpc';
import {
  chainTimeMs,
  locateTransaction,
  refBlockOf,
  type BlockSummary,
  type LocateInput,
  type StoredTransaction,
  type TransactionWhereabouts,
} from './locate-transaction';
import { ENGINE_ANTIFORK_BUFFER_BLOCKS } from './protocol';

/** Where the chain is and how to reach it. */
export interface ChainEndpoint {
  nodes: string[];
  chainId: string;
  addressPrefix: string;
  engineApi: string;
  engineId: string;
  /** True when the nodes are the embedded local devnet. */
  devnet: boolean;
  timeoutMs: number;
}

export interface HeadInfo {
  blockNum: number;
  time: Date;
  irreversibleBlockNum: number;
}

/** A transaction signed and ready to send, with what is needed to find it on chain later. */
export interface PreparedTransaction {
  txId: string;
  expiration: string;
  /** The head block it was signed against (its TaPoS reference): it can only be in a later block. */
  refBlock: number;
  signed: SignedTransaction;
}

/** An authority as hived reports it. */
export interface ChainAuthority {
  weight_threshold: number;
  account_auths: Array<[string, number]>;
  key_auths: Array<[string, number]>;
}

/** An account as condenser_api.get_accounts reports it (the fields Quanzi reads). */
export interface ChainAccount {
  name: string;
  owner: ChainAuthority;
  active: ChainAuthority;
  posting: ChainAuthority;
  last_post: string;
  last_root_post: string;
  [field: string]: unknown;
}

/** The times hived's per-author rate rules are measured from (database_api.find_accounts). */
export interface PostingClock {
  name: string;
  lastPost: Date | null;
  lastRootPost: Date | null;
  /** database_api only: condenser_api.get_accounts has no last_post_edit (hived condenser_api.hpp). */
  lastPostEdit: Date | null;
}

/** A post or reply as hivemind serves it (condenser_api.get_content), its numbers and times parsed. */
export interface ChainPost {
  author: string;
  permlink: string;
  parent_author: string;
  parent_permlink: string;
  title: string;
  body: string;
  json_metadata: string;
  /** Direct replies. */
  children: number;
  netRshares: bigint;
  /** When it pays out; null once paid (hivemind then shows 1969-12-31T23:59:59). */
  cashoutTime: Date | null;
  created: Date | null;
}

/** condenser_api's post object as a ChainPost: chain times (UTC, no zone) and rshares (a number or its text) parsed once, here. */
export function chainPostFrom(raw: Record<string, unknown>): ChainPost {
  const cashoutTime = dateOrNull(raw.cashout_time);
  return {
    author: String(raw.author ?? ''),
    permlink: String(raw.permlink ?? ''),
    parent_author: String(raw.parent_author ?? ''),
    parent_permlink: String(raw.parent_permlink ?? ''),
    title: String(raw.title ?? ''),
    body: String(raw.body ?? ''),
    json_metadata: String(raw.json_metadata ?? ''),
    children: Number(raw.children ?? 0),
    netRshares: bigOf(raw.net_rshares),
    cashoutTime: cashoutTime && cashoutTime.getUTCFullYear() > 1970 ? cashoutTime : null,
    created: dateOrNull(raw.created),
  };
}

/**
 * A comment as hived's own state holds it (database_api.get_comment_pending_payouts):
 * immediate — no indexer lag — and authoritative for what delete_comment checks.
 */
/** One account's vote on a post as condenser_api.get_active_votes lists it: percent −10000..10000 (0: withdrawn). */
export interface ChainVote {
  voter: string;
  percent: number;
  /** Epoch milliseconds of the vote's last change (the node's UTC time without a zone). */
  time: number;
}

export function chainVoteFrom(raw: Record<string, unknown>): ChainVote {
  const time = String(raw.time ?? raw.last_update ?? '');
  return {
    voter: String(raw.voter ?? ''),
    // hived answers a number, hivemind's condenser view a string: both are the vote's percent.
    percent: Number(raw.percent ?? raw.vote_percent ?? 0),
    time: time ? Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(time) ? time : `${time}Z`) : NaN,
  };
}

export interface CommentState {
  exists: boolean;
  /** Null once paid out (hived drops the cashout object at payout). */
  cashout: { netRshares: bigint; cashoutTime: Date } | null;
}

/** A community as hivemind's bridge API reports it, with the observer's role. */
export interface CommunityView {
  name: string;
  title: string;
  /** 1 topic (anyone posts), 2 journal (members post), 3 council (members post and comment). */
  typeId: number;
  /** The observer's role: 'owner' | 'admin' | 'mod' | 'member' | 'guest' | 'muted'. */
  role: string;
}

/** RC of one account (rc_api.find_rc_accounts). */
export interface RcAccount {
  account: string;
  current: bigint;
  max: bigint;
}

/** A Hive-Engine token (the tokens contract's tokens table). */
export interface EngineToken {
  symbol: string;
  issuer: string;
  precision: number;
  /** Decimal text, as Hive-Engine writes amounts. */
  supply: string;
  maxSupply: string;
  /** Set once by the issuer's tokens.enableStaking (it cannot be switched off again); tokens.stake is refused before. */
  stakingEnabled: boolean;
}

/** What Hive-Engine's sidechain recorded for one of its transactions. */
export interface EngineTransactionResult {
  blockNumber: number;
  refHiveBlockNumber: number | null;
  errors: string[];
  events: unknown[];
  /** Who signed the action on Hive, and what it asked (payload parsed from its JSON text; null when unreadable). */
  sender?: string | null;
  contract?: string | null;
  action?: string | null;
  payload?: Record<string, unknown> | null;
}

const bigOf = (value: unknown) => BigInt(String(value ?? '0').split('.')[0] || '0');

const dateOrNull = (value: unknown) => {
  if (typeof value !== 'string' || value.startsWith('1970-01-01') || value.startsWith('1969-12-31')) return null;
  const ms = chainTimeMs(value);
  return Number.isFinite(ms) ? new Date(ms) : null;
};

/** A sidechain transaction's logs: a JSON string with errors[] on failure, events[] on success. */
function engineResult(tx: Record<string, unknown>, blockNumber: number): EngineTransactionResult {
  let logs: { errors?: string[]; events?: unknown[] };
  try {
    logs = (typeof tx.logs === 'string' ? JSON.parse(tx.logs) : (tx.logs ?? {})) as typeof logs;
  } catch {
    logs = { errors: ['unreadable logs'] };
  }
  const ref = Number(tx.refHiveBlockNumber);
  return {
    blockNumber,
    refHiveBlockNumber: Number.isFinite(ref) && ref > 0 ? ref : null,
    errors: logs.errors ?? [],
    events: logs.events ?? [],
    sender: typeof tx.sender === 'string' ? tx.sender : null,
    contract: typeof tx.contract === 'string' ? tx.contract : null,
    action: typeof tx.action === 'string' ? tx.action : null,
    payload: payloadOf(tx.payload),
  };
}

function payloadOf(payload: unknown): Record<string, unknown> | null {
  if (payload && typeof payload === 'object') return payload as Record<string, unknown>;
  if (typeof payload !== 'string') return null;
  try {
    const parsed: unknown = JSON.parse(payload);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const isUnsupportedApi = (error: unknown) =>
  error instanceof ChainRpcError && (error.code === -32601 || /could not find (api|method)|method not found/i.test(error.message));

/**
 * The one narrow adapter through which Quanzi talks to Hive and Hive-Engine.
 * Everything protocol-shaped (RPC names, answer shapes, transaction
 * preparation, sidechain JSON-RPC) lives here; callers deal in typed values.
 */
export class HiveChain {
  private readonly client: Client;
  private readonly rpc: JsonRpcCall;
  private readonly engine: EngineCall;
  /** Whether the nodes serve transaction_status_api (learned on first use). */
  private statusApi: boolean | null = null;

  constructor(readonly endpoint: ChainEndpoint) {
    this.client = new Client(endpoint.nodes, {
      chainId: endpoint.chainId,
      addressPrefix: endpoint.addressPrefix,
      timeout: endpoint.timeoutMs,
      failoverThreshold: 2,
      consoleOnFailover: false,
    });
    this.rpc = createJsonRpc(endpoint.nodes, { timeoutMs: endpoint.timeoutMs });
    this.engine = createEngineApi({ base: endpoint.engineApi, timeoutMs: endpoint.timeoutMs });
  }

  async head(): Promise<HeadInfo> {
    const props = await this.client.database.getDynamicGlobalProperties();
    return {
      blockNum: props.head_block_number,
      time: new Date(chainTimeMs(props.time)),
      irreversibleBlockNum: props.last_irreversible_block_num,
    };
  }

  async getAccounts(names: string[]): Promise<ChainAccount[]> {
    if (names.length === 0) return [];
    return (await this.client.database.getAccounts(names)) as unknown as ChainAccount[];
  }

  async getAccount(name: string): Promise<ChainAccount | null> {
    const [account] = await this.getAccounts([name]);
    return account ?? null;
  }

  /** The times the per-author rate rules count from, from hived's database_api (which has last_post_edit). */
  async postingClocks(names: string[]): Promise<Map<string, PostingClock>> {
    if (names.length === 0) return new Map();
    const result = await this.rpc<{ accounts: Array<Record<string, unknown>> }>('database_api.find_accounts', { accounts: names });
    return new Map(
      (result?.accounts ?? []).map((a) => [
        String(a.name),
        { name: String(a.name), lastPost: dateOrNull(a.last_post), lastRootPost: dateOrNull(a.last_root_post), lastPostEdit: dateOrNull(a.last_post_edit) },
      ]),
    );
  }

  /**
   * A post or reply as hivemind shows it, or null when there is none (never
   * existed, or deleted). Hivemind indexes produced blocks and may lag: a post
   * just sent can read as null for a few blocks — see commentState for hived's view.
   */
  async getContent(author: string, permlink: string): Promise<ChainPost | null> {
    try {
      const content = await this.rpc<Record<string, unknown> | null>('condenser_api.get_content', [author, permlink]);
      // A fat node answers an empty object for a missing post.
      return content && content.author ? chainPostFrom(content) : null;
    } catch (error) {
      if (postAbsence(error, author, permlink)) return null;
      throw error;
    }
  }

  async getReplies(author: string, permlink: string): Promise<ChainPost[]> {
    try {
      return ((await this.rpc<Array<Record<string, unknown>> | null>('condenser_api.get_content_replies', [author, permlink])) ?? []).map(chainPostFrom);
    } catch (error) {
      // Replies of a post hivemind does not have (yet, or any more): none.
      if (postAbsence(error, author, permlink)) return [];
      throw error;
    }
  }

  /** The votes on a post (withdrawn ones with percent 0); none when the node does not have the post. */
  async getActiveVotes(author: string, permlink: string): Promise<ChainVote[]> {
    try {
      return ((await this.rpc<Array<Record<string, unknown>> | null>('condenser_api.get_active_votes', [author, permlink])) ?? []).map(chainVoteFrom);
    } catch (error) {
      if (postAbsence(error, author, permlink)) return [];
      throw error;
    }
  }

  /**
   * Whether hived holds the comment now, with what delete_comment checks
   * (net rshares, cashout time). Null when the node does not serve
   * database_api.get_comment_pending_payouts.
   */
  async commentState(author: string, permlink: string): Promise<CommentState | null> {
    try {
      const result = await this.rpc<{ cashout_infos: Array<{ author: string; permlink: string; cashout_info?: Record<string, unknown> }> }>(
        'database_api.get_comment_pending_payouts',
        { comments: [[author, permlink]] },
      );
      const entry = (result?.cashout_infos ?? []).find((c) => c.author === author && c.permlink === permlink);
      if (!entry) return { exists: false, cashout: null };
      const info = entry.cashout_info;
      const cashoutTime = info ? dateOrNull(info.cashout_time) : null;
      return { exists: true, cashout: info && cashoutTime ? { netRshares: BigInt(String(info.net_rshares ?? 0)), cashoutTime } : null };
    } catch (error) {
      if (isUnsupportedApi(error)) return null;
      throw error;
    }
  }

  /**
   * A community's type and the observer's role in it (hivemind bridge); null when hivemind knows no
   * such community; 'unsupported' when the nodes serve no bridge API (a hived without hivemind).
   */
  async getCommunity(name: string, observer: string): Promise<CommunityView | null | 'unsupported'> {
    try {
      const c = await this.rpc<{ name: string; title?: string; type_id?: number; context?: { role?: string } } | null>('bridge.get_community', {
        name,
        observer,
      });
      if (!c) return null;
      return { name: String(c.name), title: String(c.title ?? ''), typeId: Number(c.type_id ?? 1), role: String(c.context?.role ?? 'guest') };
    } catch (error) {
      if (isUnsupportedApi(error)) return 'unsupported';
      if (error instanceof ChainRpcError) return null;
      throw error;
    }
  }

  /**
   * A post's place in its community as hivemind shows it: the community and
   * whether it is pinned there (bridge.get_discussion carries `stats.is_pinned`;
   * bridge.get_post does not). Null when hivemind does not have the post;
   * 'unsupported' when no node serves the bridge API.
   */
  async getCommunityPin(author: string, permlink: string): Promise<{ community: string | null; pinned: boolean } | null | 'unsupported'> {
    try {
      const discussion = await this.rpc<Record<string, { community?: string | null; stats?: { is_pinned?: boolean } }> | null>('bridge.get_discussion', {
        author,
        permlink,
      });
      const post = discussion?.[`${author}/${permlink}`];
      return post ? { community: post.community ?? null, pinned: post.stats?.is_pinned === true } : null;
    } catch (error) {
      if (isUnsupportedApi(error)) return 'unsupported';
      if (postAbsence(error, author, permlink)) return null;
      throw error;
    }
  }

  async getRcAccounts(names: string[]): Promise<RcAccount[]> {
    if (names.length === 0) return [];
    const result = await this.rpc<{ rc_accounts: Array<{ account: string; max_rc?: unknown; rc_manabar?: { current_mana?: unknown } }> }>(
      'rc_api.find_rc_accounts',
      { accounts: names },
    );
    return (result?.rc_accounts ?? []).map((rc) => ({ account: String(rc.account), current: bigOf(rc.rc_manabar?.current_mana), max: bigOf(rc.max_rc) }));
  }

  /**
   * Signs operations against the current head (TaPoS) with an expiration of
   * expireSeconds. Nothing is sent: the caller stores the result first.
   */
  async prepare(operations: Operation[], key: PrivateKey | PrivateKey[], expireSeconds: number): Promise<PreparedTransaction> {
    const props = await this.client.database.getDynamicGlobalProperties();
    const expiration = new Date(chainTimeMs(props.time) + expireSeconds * 1000).toISOString().slice(0, -5);
    const transaction: Transaction = {
      ref_block_num: props.head_block_number & 0xffff,
      ref_block_prefix: Buffer.from(props.head_block_id, 'hex').readUInt32LE(4),
      expiration,
      operations,
      extensions: [],
    };
    const signed = this.client.broadcast.sign(transaction, key);
    return { txId: cryptoUtils.generateTrxId(transaction), expiration, refBlock: props.head_block_number, signed };
  }

  /** Sends signed bytes (broadcast_transaction: validated by the node, then in the mempool until a block takes it). */
  async send(signed: SignedTransaction): Promise<{ txId: string }> {
    // dhive sets no timeout on broadcasts; a node that never answers must not hold the caller.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error('broadcast timed out'), { code: 'ETIMEDOUT' })), this.endpoint.timeoutMs);
    });
    try {
      const accepted = await Promise.race([this.client.broadcast.send(signed), timeout]);
      return { txId: accepted.id };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Where a signed transaction is: in a block, pending, or proven never to land (see locate-transaction.ts). */
  async locate(input: LocateInput): Promise<TransactionWhereabouts> {
    return locateTransaction(
      {
        head: async () => {
          const head = await this.head();
          return { blockNum: head.blockNum, timeMs: head.time.getTime(), irreversibleBlockNum: head.irreversibleBlockNum };
        },
        transactionStatus: (txId, expiration) => this.transactionStatus(txId, expiration),
        blockRange: (from, count) => this.blockRange(from, count),
      },
      input,
    );
  }

  /** locate() for a transaction the outbox stored. */
  async locateStored(stored: StoredTransaction): Promise<TransactionWhereabouts> {
    return this.locate(await this.storedInput(stored));
  }

  async storedInput(stored: StoredTransaction): Promise<LocateInput> {
    const refBlock = stored.txRefBlock ?? refBlockOf(stored, (await this.head()).blockNum);
    return { txId: stored.txId!, refBlock, expiration: stored.txExpiration! };
  }

  /**
   * Waits until the transaction is in a block: its block number, or null when
   * it is not in one after timeoutMs.
   */
  async waitForInclusion(input: LocateInput, timeoutMs: number, pollMs = 500): Promise<number | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const where = await this.locate(input);
      if (where.state === 'in-block') return where.blockNum;
      if (where.state !== 'pending' || Date.now() + pollMs > deadline) return null;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  /** transaction_status_api.find_transaction, or 'unsupported' when the nodes do not serve it. */
  async transactionStatus(txId: string, expiration?: string): Promise<{ status: string; blockNum?: number } | 'unsupported'> {
    if (this.statusApi === false) return 'unsupported';
    try {
      const result = await this.rpc<{ status: string; block_num?: number }>('transaction_status_api.find_transaction', {
        transaction_id: txId,
        ...(expiration ? { expiration } : {}),
      });
      this.statusApi = true;
      return { status: result.status, blockNum: result.block_num };
    } catch (error) {
      if (isUnsupportedApi(error)) {
        this.statusApi = false;
        return 'unsupported';
      }
      throw error;
    }
  }

  /** block_api.get_block_range, reduced to what finding a transaction needs. */
  async blockRange(from: number, count: number): Promise<BlockSummary[]> {
    const result = await this.rpc<{ blocks: Array<{ timestamp: string; transaction_ids?: string[]; block_id: string }> }>('block_api.get_block_range', {
      starting_block_num: from,
      count,
    });
    return (result?.blocks ?? []).map((block, i) => ({ num: from + i, time: chainTimeMs(block.timestamp), transactionIds: block.transaction_ids ?? [] }));
  }

  /** Hive-Engine JSON-RPC (`<api>/blockchain`, `<api>/contracts`): one call a request, bounded, backing off on 429. */
  private engineCall<T = unknown>(endpoint: 'blockchain' | 'contracts', method: string, params: unknown): Promise<T> {
    return this.engine<T>(endpoint, method, params);
  }

  /** A sidechain transaction's outcome: null while not processed; errors from its logs when it failed. */
  async engineTransaction(txid: string): Promise<EngineTransactionResult | null> {
    const info = await this.engineCall<Record<string, unknown> | null>('blockchain', 'getTransactionInfo', { txid });
    return info ? engineResult(info, Number(info.blockNumber)) : null;
  }

  /**
   * Every sidechain transaction made from one Hive block, by id, in one call
   * (getBlockInfoByHiveBlock) rather than one getTransactionInfo per action —
   * public Hive-Engine nodes rate-limit per client. Null until the sidechain
   * has a block for that Hive block.
   */
  async engineTransactionsOfHiveBlock(hiveBlockNumber: number): Promise<Map<string, EngineTransactionResult> | null> {
    const block = await this.engineCall<{ blockNumber?: unknown; transactions?: Array<Record<string, unknown>> } | null>(
      'blockchain',
      'getBlockInfoByHiveBlock',
      { hiveBlockNumber },
    );
    if (!block) return null;
    const byId = new Map<string, EngineTransactionResult>();
    for (const tx of block.transactions ?? []) byId.set(String(tx.transactionId), engineResult(tx, Number(block.blockNumber)));
    return byId;
  }

  /**
   * The last Hive block the sidechain has processed: getStatus's
   * lastParsedHiveBlockNumber is the block its streamer fetches next, and
   * fetched blocks wait in the anti-fork buffer before they are processed.
   */
  async engineProcessedHiveBlock(): Promise<number> {
    const status = await this.engineCall<Record<string, unknown> | null>('blockchain', 'getStatus', {});
    const next = Number(status?.lastParsedHiveBlockNumber ?? 0);
    return Math.max(0, next - 1 - ENGINE_ANTIFORK_BUFFER_BLOCKS);
  }

  async engineBalance(account: string, symbol: string): Promise<string> {
    const row = await this.engineCall<{ balance?: string } | null>('contracts', 'findOne', {
      contract: 'tokens',
      table: 'balances',
      query: { account, symbol },
    });
    return row?.balance ?? '0';
  }

  /** The account's staked amount of the token (its balance record's `stake`), '0' without a record. */
  async engineStake(account: string, symbol: string): Promise<string> {
    const row = await this.engineCall<{ stake?: string } | null>('contracts', 'findOne', { contract: 'tokens', table: 'balances', query: { account, symbol } });
    return row?.stake ?? '0';
  }

  async engineToken(symbol: string): Promise<EngineToken | null> {
    const token = await this.engineCall<Record<string, unknown> | null>('contracts', 'findOne', { contract: 'tokens', table: 'tokens', query: { symbol } });
    if (!token) return null;
    return {
      symbol: String(token.symbol ?? symbol),
      issuer: String(token.issuer ?? ''),
      precision: Number(token.precision ?? 0),
      supply: String(token.supply ?? '0'),
      maxSupply: String(token.maxSupply ?? '0'),
      stakingEnabled: token.stakingEnabled === true,
    };
  }
}
