/**
 * The devnet's chain: pending transactions (mempool), block production,
 * resource credits and the layers that follow the blocks, with hived 1.28's
 * checks and assert texts (libraries/chain/database.cpp, rc/rc_utility.cpp,
 * libraries/plugins/chain/chain_plugin.cpp; the operations' evaluators are in
 * evaluators.ts).
 *
 * Committed database state is the head block's state; the mempool's effects sit
 * on top in an open SQLite transaction (like hived's pending undo session, API
 * reads see them). Producing a block rolls the mempool back and applies it for
 * real in one SQLite transaction, together with the followers' processing of
 * the blocks that are old enough for them: the Hive-Engine streamer (2 blocks
 * behind) and hivemind (1 block behind, see protocol.ts).
 * As in hived, operations are evaluated with `now` = the head (parent) block's time.
 */
import crypto from 'node:crypto';
import { PrivateKey, Signature } from '@hiveio/dhive';
import { parseAsset } from './assets';
import type { PackType, UnsignedTransaction } from './binary';
import { serializeTransaction } from './binary';
import type { Authority, AuthorityGetter } from './authority';
import { verifyAuthority } from './authority';
import type { Genesis } from './accounts';
import { devnetPublicKey } from './accounts';
import { HivedError, fcAssert } from './errors';
import { Evaluators } from './evaluators';
import type { LegacyOp } from './ops';
import type { AccountRow, CommentRow, VoteRow } from './rows';

export type { AccountRow, CommentRow, VoteRow };
import { impactedAccounts, normalizeOperation, requiredAuthorities, resourcePayer, validateOperation } from './ops';
import {
  BLOCK_INTERVAL_SECONDS,
  BLOCK_SIZE_RESERVE_BYTES,
  CUSTOM_OP_BLOCK_LIMIT,
  MAX_BLOCK_SIZE_BYTES,
  MAX_TIME_UNTIL_EXPIRATION_SECONDS,
  MAX_TIME_UNTIL_SIGNATURE_EXPIRATION_SECONDS,
  HIVED_TEXTS,
} from './protocol';
import type { ResourceUsage } from './rc';
import { countResources, rcCost, regenerateMana } from './rc';
import type { Db } from './store';
import { getMeta, setMeta } from './store';
import { TIME_MAX, isoTime, nowSeconds, parseTime } from './time';
import { fcInt } from './json';

const ZERO_ID = '0'.repeat(40);
const WITNESS = 'initminer';

// ---------------------------------------------------------------- types

export interface HiveTxForEngine {
  trxId: string;
  blockNum: number;
  timestamp: string;
  operations: Array<[string, any]>;
}
/** What the devnet needs from the Hive-Engine sidechain (devnet/src/engine/sidechain.ts). */
export interface EngineLike {
  migrate(): void;
  createToken(t: { issuer: string; symbol: string; name: string; precision: number; maxSupply: string }): void;
  /** One Hive block, once the streamer lets it through (see ChainOptions.streamerLagBlocks). */
  applyHiveBlock(block: { blockNum: number; timestamp: string; transactions: HiveTxForEngine[]; blockId?: string; previous?: string }): void;
  handleBlockchainRpc(body: unknown): unknown;
  handleContractsRpc(body: unknown): unknown;
  /** Called once with the Hive chain, for what the streamer reports about it (getStatus). */
  attachHive?(hive: { headBlockNum(): number }): void;
}

/**
 * A layer that reads the chain's blocks some blocks behind the head, as
 * hivemind and Hive-Engine's streamer do on real nodes. Blocks reach it in
 * order, exactly once, inside the database transaction of the block that made
 * them old enough.
 */
export interface BlockFollower {
  /** Unique name; its progress is kept in hive_meta under `follower:<name>`. */
  readonly name: string;
  /** How many blocks behind the head it works (0 = the block just produced). */
  lagBlocks(): number;
  processBlock(block: BlockRecord, virtualOps: LegacyOp[]): void;
}

export interface SignedTransaction {
  ref_block_num: number;
  ref_block_prefix: number;
  expiration: string;
  operations: LegacyOp[];
  extensions: unknown[];
  signatures: string[];
}

/** One packing of a transaction (hived tries hf26 first, then legacy: chain_plugin.cpp determine_encoding_and_accept_transaction). */
interface Packing {
  pack: PackType;
  id: string;
  digest: Buffer;
  size: number;
}

interface PreparedTx {
  tx: SignedTransaction;
  packings: Packing[];
  /** The packing in use: its id is the transaction's id. */
  id: string;
  digest: Buffer;
  size: number;
  expiration: number;
  runtimeExpiration: number;
}

export interface BlockRecord {
  num: number;
  id: string;
  previous: string;
  timestamp: number;
  merkle: string;
  witness: string;
  witness_signature: string;
  transactions: Array<SignedTransaction & { transaction_id: string }>;
  transaction_ids: string[];
}

export interface SyncBroadcastResult {
  id: string;
  block_num: number;
  trx_num: number;
  expired: boolean;
}

export interface ChainOptions {
  genesis: Genesis;
  /** 28 (default, hived 1.28 on mainnet since HF28) or 27 (pre-HF28 authority and expiration rules). */
  hardfork?: 27 | 28;
  /** last_irreversible_block_num = head - irreversibleDelay (default 0: a single producer's blocks are final at once). */
  irreversibleDelay?: number;
  engine?: EngineLike | null;
  /** Blocks the Hive-Engine streamer stays behind the head (default 2: its anti-fork buffer). */
  streamerLagBlocks?: number;
  /** Charge and enforce resource credits (default true, as every hived node does). */
  resourceCredits?: boolean;
  log?: (line: string) => void;
}

const sha256 = (...parts: Buffer[]) => crypto.createHash('sha256').update(Buffer.concat(parts)).digest();

/**
 * Transaction id (first 20 bytes of sha256 of the packed transaction) and
 * signing digest (sha256 of chain id + packed transaction), libraries/protocol/
 * transaction.cpp transaction::id / sig_digest, in the given packing.
 */
export function transactionIdAndDigest(tx: UnsignedTransaction, chainId: Buffer, pack: PackType = 'legacy'): { id: string; digest: Buffer; bytes: Buffer } {
  const bytes = serializeTransaction(tx, pack);
  return { id: sha256(bytes).toString('hex').slice(0, 40), digest: sha256(chainId, bytes), bytes };
}

/** Auth failures that make hived try the other packing (transaction_auth_exception). */
const AUTH_FAILURES = new Set(['txMissingActiveAuth', 'txMissingOwnerAuth', 'txMissingPostingAuth']);

/** Block id: 20 bytes whose first 4 are the block number, big endian (as hived's block_id_type). */
function makeBlockId(num: number, digest: Buffer): string {
  const id = Buffer.from(digest.subarray(0, 20));
  id.writeUInt32BE(num, 0);
  return id.toString('hex');
}

export function refBlockPrefix(blockId: string): number {
  return Buffer.from(blockId, 'hex').readUInt32LE(4);
}

function merkleRoot(leaves: Buffer[]): string {
  if (leaves.length === 0) return ZERO_ID;
  let level = leaves;
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? sha256(level[i], level[i + 1]) : level[i]);
    level = next;
  }
  return level[0].subarray(0, 20).toString('hex');
}

// ---------------------------------------------------------------- the chain

export class Chain {
  readonly db: Db;
  readonly genesis: Genesis;
  readonly chainId: Buffer;
  readonly chainIdHex: string;
  readonly addressPrefix: string;
  readonly hardfork: 27 | 28;
  readonly irreversibleDelay: number;
  /** Whether resource credits are charged and enforced. */
  resourceCredits: boolean;
  private readonly engine: EngineLike | null;
  private readonly log: (line: string) => void;
  private readonly witnessKey: PrivateKey;
  private readonly evaluators: Evaluators;

  private pending: PreparedTx[] = [];
  private sessionOpen = false;
  private head = { num: 0, id: ZERO_ID, time: 0 };
  private waiters = new Map<string, { expiration: number; resolve: Array<(r: SyncBroadcastResult) => void> }>();
  private blockListeners: Array<(b: BlockRecord) => void> = [];
  private followers: BlockFollower[] = [];
  private streamerLag: number;
  /** Virtual operations of the block being applied (null outside block application: the mempool emits none). */
  private blockVirtualOps: Array<{ trxId: string; op: LegacyOp }> | null = null;
  private currentTrxId = '';
  private stmts: ReturnType<Chain['prepareStatements']>;

  constructor(db: Db, options: ChainOptions) {
    this.db = db;
    this.genesis = options.genesis;
    this.chainIdHex = options.genesis.chainId;
    this.chainId = Buffer.from(this.chainIdHex, 'hex');
    if (this.chainId.length !== 32) throw new Error('genesis chainId must be 64 hex characters');
    this.addressPrefix = options.genesis.addressPrefix;
    this.hardfork = options.hardfork ?? ((options.genesis.hardfork as 27 | 28) || 28);
    this.irreversibleDelay = Math.max(0, options.irreversibleDelay ?? 0);
    this.resourceCredits = options.resourceCredits ?? true;
    this.engine = options.engine ?? null;
    this.streamerLag = Math.max(0, options.streamerLagBlocks ?? 2);
    this.log = options.log ?? (() => undefined);
    this.witnessKey = PrivateKey.fromString(options.genesis.initminer.wif);
    this.evaluators = new Evaluators(this);
    this.stmts = this.prepareStatements();
    if (this.engine) {
      const engine = this.engine;
      this.followers.push({
        name: 'engine',
        lagBlocks: () => this.streamerLag,
        processBlock: (b) =>
          engine.applyHiveBlock({
            blockNum: b.num,
            timestamp: isoTime(b.timestamp),
            blockId: b.id,
            previous: b.previous,
            transactions: b.transactions.map((t) => ({ trxId: t.transaction_id, blockNum: b.num, timestamp: isoTime(b.timestamp), operations: t.operations })),
          }),
      });
      engine.attachHive?.({ headBlockNum: () => this.head.num });
    }
    this.init();
  }

  private prepareStatements() {
    const db = this.db;
    return {
      account: db.prepare(`SELECT * FROM hive_accounts WHERE name = ?`),
      comment: db.prepare(`SELECT * FROM hive_comments WHERE author = ? AND permlink = ?`),
      commentById: db.prepare(`SELECT * FROM hive_comments WHERE id = ?`),
      block: db.prepare(`SELECT * FROM hive_blocks WHERE num = ?`),
      txById: db.prepare(`SELECT * FROM hive_transactions WHERE id = ?`),
      virtualOps: db.prepare(`SELECT op FROM hive_virtual_ops WHERE block_num = ? ORDER BY seq`),
    };
  }

  // ------------------------------------------------------------ genesis / head

  private init(): void {
    const existing = getMeta(this.db, 'chain_id');
    if (existing && existing !== this.chainIdHex) {
      throw new Error(`the devnet data was created for chain id ${existing}, not ${this.chainIdHex}; use another dataDir`);
    }
    if (this.engine) this.engine.migrate();
    const headRow = this.db.prepare(`SELECT num, id, timestamp FROM hive_blocks ORDER BY num DESC LIMIT 1`).get() as
      | { num: number; id: string; timestamp: number }
      | undefined;
    if (headRow) {
      this.head = { num: headRow.num, id: headRow.id, time: headRow.timestamp };
      this.db.transaction(() => {
        if (getMeta(this.db, 'genesis_upgrade')) this.upgradeGenesis();
        this.createTokens();
      })();
      return;
    }
    const t0 = nowSeconds() - BLOCK_INTERVAL_SECONDS;
    this.db.transaction(() => {
      setMeta(this.db, 'chain_id', this.chainIdHex);
      setMeta(this.db, 'genesis_time', String(t0));
      const g = this.genesis;
      const miner = g.initminer;
      const minerKey = PrivateKey.fromString(miner.wif).createPublic(this.addressPrefix).toString();
      const single = (k: string): Authority => ({ weight_threshold: 1, account_auths: [], key_auths: [[k, 1]] });
      this.insertAccount(
        miner.name,
        single(minerKey),
        single(minerKey),
        single(minerKey),
        minerKey,
        miner.balance,
        miner.hbd_balance,
        miner.vesting_shares,
        t0,
      );
      for (const a of g.accounts) this.createGenesisAccount(a, t0);
      this.head = { num: 0, id: ZERO_ID, time: t0 };
      this.createTokens();
    })();
    this.produceBlock();
    this.log(`genesis: ${this.genesis.accounts.length + 1} accounts, chain id ${this.chainIdHex}`);
  }

  /**
   * A state folder made before resource credits: its genesis accounts had too
   * little Hive Power to post under RC, and the multisig and community accounts
   * did not exist. Missing genesis accounts are created, the others get at least
   * the genesis VESTS, and everyone starts with full mana (devnet-only repair).
   */
  private upgradeGenesis(): void {
    const g = this.genesis;
    const at = this.head.time;
    for (const a of g.accounts) {
      const vests = Number(parseAsset(a.vesting_shares).amount);
      const existing = this.findAccount(a.name);
      if (!existing) {
        this.createGenesisAccount(a, at);
        continue;
      }
      const v = Math.max(existing.vesting_shares, vests);
      this.db
        .prepare(
          `UPDATE hive_accounts SET vesting_shares = ?, rc_mana = ?, rc_last_update = ?, voting_mana = ?, voting_last_update = ?, downvote_mana = ?, downvote_last_update = ? WHERE id = ?`,
        )
        .run(v, v, at, v, at, Math.floor(v / 4), at, existing.id);
    }
    this.db.prepare(`DELETE FROM hive_meta WHERE key = 'genesis_upgrade'`).run();
    this.log('state folder from an older devnet: genesis accounts brought up to date (Hive Power, new accounts)');
  }

  /** A genesis account with its devnet keys: single-key owner, active and memo; posting as the genesis says. */
  private createGenesisAccount(a: Genesis['accounts'][number], created: number): void {
    const pub = (role: string) => devnetPublicKey(a.name, role, this.addressPrefix, this.genesis.keyPassword);
    const single = (k: string): Authority => ({ weight_threshold: 1, account_auths: [], key_auths: [[k, 1]] });
    const posting: Authority = {
      weight_threshold: a.postingAuthority?.weight_threshold ?? 1,
      account_auths: [...a.postingAccountAuths].sort((x, y) => (x[0] < y[0] ? -1 : 1)),
      key_auths: a.postingAuthority ? a.postingAuthority.keys.map(([role, w]) => [pub(role), w] as [string, number]) : [[pub('posting'), 1]],
    };
    this.insertAccount(a.name, single(pub('owner')), single(pub('active')), posting, pub('memo'), a.balance, a.hbd_balance, a.vesting_shares, created);
  }

  private createTokens(): void {
    if (!this.engine) return;
    for (const t of this.genesis.tokens) this.engine.createToken(t);
  }

  /** Genesis accounts start with full voting and RC mana, like accounts that have waited five days. */
  private insertAccount(
    name: string,
    owner: Authority,
    active: Authority,
    posting: Authority,
    memo: string,
    balance: string,
    hbd: string,
    vests: string,
    created: number,
  ): void {
    const v = Number(parseAsset(vests).amount);
    this.db
      .prepare(
        `INSERT INTO hive_accounts(id, name, owner, active, posting, memo_key, balance, hbd_balance, vesting_shares, created, last_owner_update, last_account_update,
           rc_mana, rc_last_update, voting_mana, voting_last_update, downvote_mana, downvote_last_update)
         VALUES ((SELECT COALESCE(MAX(id) + 1, 0) FROM hive_accounts), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        // a new account's owner was never updated (account_create: last_owner_update = time_point_sec::min())
        name,
        JSON.stringify(owner),
        JSON.stringify(active),
        JSON.stringify(posting),
        memo,
        Number(parseAsset(balance).amount),
        Number(parseAsset(hbd).amount),
        v,
        created,
        0,
        created,
        v,
        created,
        v,
        created,
        Math.floor(v / 4),
        created,
      );
  }

  headBlock(): { num: number; id: string; time: number } {
    return { ...this.head };
  }
  lastIrreversibleBlockNum(): number {
    return Math.max(0, this.head.num - this.irreversibleDelay);
  }
  pendingCount(): number {
    return this.pending.length;
  }
  genesisTime(): number {
    return Number(getMeta(this.db, 'genesis_time') ?? 0);
  }
  onBlock(listener: (b: BlockRecord) => void): void {
    this.blockListeners.push(listener);
  }
  /** The block signing key (initminer's), with the devnet prefix. */
  genesisKey(): string {
    return this.witnessKey.createPublic(this.addressPrefix).toString();
  }
  hasEngine(): boolean {
    return this.engine !== null;
  }
  engineApi(): EngineLike | null {
    return this.engine;
  }

  // ------------------------------------------------------------ followers (hivemind, the Hive-Engine streamer)

  addFollower(f: BlockFollower): void {
    this.followers.push(f);
    this.changeStateOutsideMempool(() => this.catchUpFollowers());
  }

  streamerLagBlocks(): number {
    return this.streamerLag;
  }
  setStreamerLagBlocks(n: number): void {
    this.streamerLag = Math.max(0, Math.floor(n));
    this.changeStateOutsideMempool(() => this.catchUpFollowers());
  }

  /** The last block a follower has processed. */
  followerPosition(name: string): number {
    const v = getMeta(this.db, `follower:${name}`);
    if (v !== undefined) return Number(v);
    // a state folder from before followers were tracked: the engine knew where it was
    if (name === 'engine') return Number(getMeta(this.db, 'last_hive_block') ?? 0);
    return 0;
  }

  /**
   * Hand every follower the blocks it may see now (head - its lag). Runs inside
   * block production, and (through changeStateOutsideMempool) when a lag changes.
   */
  catchUpFollowers(): void {
    for (const f of this.followers) {
      const upTo = this.head.num - f.lagBlocks();
      let at = this.followerPosition(f.name);
      while (at < upTo) {
        at++;
        const block = this.getBlock(at);
        if (!block) break;
        f.processBlock(block, this.virtualOps(at));
        setMeta(this.db, `follower:${f.name}`, String(at));
      }
    }
  }

  /** Virtual operations hived emitted while applying a block (effective_comment_vote, …). */
  virtualOps(blockNum: number): LegacyOp[] {
    return (this.stmts.virtualOps.all(blockNum) as Array<{ op: string }>).map((r) => JSON.parse(r.op) as LegacyOp);
  }

  /** Called by evaluators; only block application records them (hived's mempool emits vops that no one keeps). */
  emitVirtualOperation(op: LegacyOp): void {
    if (this.blockVirtualOps) this.blockVirtualOps.push({ trxId: this.currentTrxId, op });
  }

  // ------------------------------------------------------------ reads used by evaluators and APIs

  findAccount(name: string): AccountRow | undefined {
    return this.stmts.account.get(name) as AccountRow | undefined;
  }

  /** database::get_account */
  getAccount(name: string): AccountRow {
    const a = this.findAccount(name);
    fcAssert(a !== undefined, '_account != nullptr && "By name"', "Account ${acc} doesn't exist", { acc: name }, { method: 'get_account' });
    return a;
  }

  findComment(author: string, permlink: string): CommentRow | undefined {
    return this.stmts.comment.get(author, permlink) as CommentRow | undefined;
  }
  commentById(id: number): CommentRow | undefined {
    return this.stmts.commentById.get(id) as CommentRow | undefined;
  }

  /** database::get_comment( author, permlink ): the author account must exist, then the comment. */
  getComment(author: string, permlink: string): CommentRow {
    const account = this.getAccount(author);
    const c = this.findComment(author, permlink);
    fcAssert(
      c !== undefined,
      '! comment_is_required',
      'Comment with `id`/`permlink` ${author}/${permlink} not found',
      { author: account.id, permlink },
      { file: 'placeholder_comment_archive.cpp', method: 'get_comment' },
    );
    return c;
  }

  private authorityGetter(role: 'owner' | 'active' | 'posting'): AuthorityGetter {
    return (name: string) => {
      const a = this.findAccount(name);
      if (!a) throw new HivedError('outOfRange', 'unknown key: ${key}', { key: name }, { file: 'chainbase.hpp', method: 'get' });
      return JSON.parse(a[role]) as Authority;
    };
  }

  getBlock(num: number): BlockRecord | undefined {
    const row = this.stmts.block.get(num) as
      | (Omit<BlockRecord, 'transactions' | 'transaction_ids'> & { transactions: string; transaction_ids: string })
      | undefined;
    if (!row) return undefined;
    return { ...row, transactions: JSON.parse(row.transactions), transaction_ids: JSON.parse(row.transaction_ids) };
  }

  findTransactionRow(id: string): { id: string; block_num: number; trx_num: number; expiration: number } | undefined {
    return this.stmts.txById.get(id) as { id: string; block_num: number; trx_num: number; expiration: number } | undefined;
  }

  isPending(id: string): boolean {
    return this.pending.some((p) => p.id === id);
  }

  // ------------------------------------------------------------ resource credits

  /** account_object::get_maximum_rc: effective vesting shares − RC delegated out + RC delegated in. */
  maxRc(a: AccountRow): number {
    return a.vesting_shares - a.delegated_rc + a.received_rc;
  }

  /** resource_credits::regenerate_rc_mana up to the head block time. */
  regenerateRc(name: string): void {
    const a = this.getAccount(name);
    const bar = regenerateMana({ current: a.rc_mana, lastUpdate: a.rc_last_update }, this.maxRc(a), this.head.time);
    this.db.prepare(`UPDATE hive_accounts SET rc_mana = ?, rc_last_update = ? WHERE id = ?`).run(bar.current, bar.lastUpdate, a.id);
  }

  /** Set an account's RC mana (debug_node_api), as of the head block time. */
  setRcMana(name: string, currentMana: number): void {
    this.changeStateOutsideMempool(() => {
      const a = this.getAccount(name);
      const mana = Math.max(0, Math.min(Math.floor(currentMana), this.maxRc(a)));
      this.db.prepare(`UPDATE hive_accounts SET rc_mana = ?, rc_last_update = ? WHERE id = ?`).run(mana, this.head.time, a.id);
    });
  }

  /**
   * A change to committed state from outside a block (debug_node_api): the
   * mempool's session is undone, the change committed, and the pending
   * transactions applied again on top — those that no longer pass are dropped,
   * as when hived reapplies its pending transactions.
   */
  changeStateOutsideMempool(change: () => void): void {
    this.closePendingSession();
    this.db.transaction(change)();
    const pending = this.pending;
    this.pending = [];
    this.repush(pending);
  }

  /** resource_count.cpp count_resources for a prepared transaction, at the head block time. */
  resourceUsage(p: PreparedTx): ResourceUsage {
    const expirationHours = Math.max(0, Math.ceil((p.expiration - this.head.time) / 3600));
    return countResources(p.tx.operations, p.size, p.tx.signatures.length, expirationHours, {
      authorityMembers: (account, role) => {
        const a = this.findAccount(account);
        if (!a) return null;
        const auth = JSON.parse(a[role]) as Authority;
        return { accounts: auth.account_auths.length, keys: auth.key_auths.length };
      },
      hasRcDelegation: (from, to) => !!this.db.prepare(`SELECT 1 FROM hive_rc_delegations WHERE from_account = ? AND to_account = ?`).get(from, to),
    });
  }

  /**
   * resource_credits::finalize_transaction + use_account_rcs: after the
   * operations ran, charge the payer (the first required authority). A node
   * refuses a transaction its payer cannot afford (not_enough_rc_exception);
   * inside a block the charge is taken without a check, as hived does for
   * transactions it did not receive itself.
   */
  private chargeResourceCredits(payer: string, cost: number, refuse: boolean): void {
    const a = this.getAccount(payer);
    const bar = regenerateMana({ current: a.rc_mana, lastUpdate: a.rc_last_update }, this.maxRc(a), this.head.time);
    if (refuse && cost > 0 && bar.current < cost) {
      throw new HivedError(
        'notEnoughRc',
        `has_mana: ${HIVED_TEXTS.notEnoughRc}`,
        { account_name: payer, rc_current: fcInt(bar.current), rc: fcInt(cost) },
        { file: 'rc_utility.cpp', method: 'use_account_rcs' },
      );
    }
    this.db.prepare(`UPDATE hive_accounts SET rc_mana = ?, rc_last_update = ? WHERE id = ?`).run(Math.max(0, bar.current - cost), bar.lastUpdate, a.id);
  }

  /** What a transaction would cost its payer now (tests, the RC API). */
  rcCostOf(raw: unknown): number {
    return rcCost(this.resourceUsage(this.prepare(raw)));
  }

  // ------------------------------------------------------------ transactions

  /** Parse, serialize and hash a JSON transaction (legacy or HF26 API form) in both packings. */
  prepare(raw: unknown): PreparedTx {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      throw new HivedError('parse', 'Invalid transaction: ${what}', { what: 'expected an object' }, { file: 'variant.cpp', method: 'from_variant' });
    }
    const r = raw as Record<string, any>;
    const refNum = Number(r.ref_block_num);
    const refPrefix = Number(r.ref_block_prefix);
    if (!Number.isInteger(refNum) || refNum < 0 || refNum > 0xffff) throw new HivedError('parse', 'Invalid ref_block_num', { value: r.ref_block_num });
    if (!Number.isInteger(refPrefix) || refPrefix < 0 || refPrefix > 0xffffffff)
      throw new HivedError('parse', 'Invalid ref_block_prefix', { value: r.ref_block_prefix });
    const expiration = parseTime(r.expiration);
    if (!Number.isFinite(expiration)) throw new HivedError('parse', 'Invalid expiration time ${t}', { t: String(r.expiration) });
    if (!Array.isArray(r.operations)) throw new HivedError('parse', 'Invalid operations', {});
    const extensions = r.extensions === undefined ? [] : r.extensions;
    if (!Array.isArray(extensions)) throw new HivedError('parse', 'Invalid extensions', {});
    const signatures = r.signatures === undefined ? [] : r.signatures;
    if (!Array.isArray(signatures) || signatures.some((s: unknown) => typeof s !== 'string' || !/^[0-9a-fA-F]{130}$/.test(s))) {
      throw new HivedError('parse', 'Invalid signatures', {});
    }
    const tx: SignedTransaction = {
      ref_block_num: refNum,
      ref_block_prefix: refPrefix,
      expiration: isoTime(expiration),
      operations: r.operations.map(normalizeOperation),
      extensions,
      signatures: signatures.map((s: string) => s.toLowerCase()),
    };
    const { signatures: _s, ...unsigned } = tx;
    const packings: Packing[] = [];
    for (const pack of ['hf26', 'legacy'] as const) {
      let hashed: { id: string; digest: Buffer; bytes: Buffer };
      try {
        hashed = transactionIdAndDigest(unsigned, this.chainId, pack);
      } catch (e) {
        throw new HivedError('parse', 'Unable to serialize transaction: ${what}', { what: e instanceof Error ? e.message : String(e) });
      }
      // signed_transaction size: the packed transaction, then the signatures (varint count + 65 bytes each)
      const size = hashed.bytes.length + 1 + 65 * tx.signatures.length;
      if (!packings.some((p) => p.id === hashed.id)) packings.push({ pack, id: hashed.id, digest: hashed.digest, size });
    }
    const first = packings[0];
    return { tx, packings, id: first.id, digest: first.digest, size: first.size, expiration, runtimeExpiration: expiration };
  }

  private selectPacking(p: PreparedTx, packing: Packing): void {
    p.id = packing.id;
    p.digest = packing.digest;
    p.size = packing.size;
  }

  /** signed_transaction::get_signature_keys */
  private signatureKeys(p: PreparedTx): string[] {
    const keys = new Set<string>();
    for (const sig of p.tx.signatures) {
      let hex: string;
      try {
        hex = Signature.fromString(sig).recover(p.digest).key.toString('hex');
      } catch (e) {
        throw new HivedError('assert', 'false: unable to reconstruct public key from signature', { sig });
      }
      if (keys.has(hex)) {
        throw new HivedError(
          'txDuplicateSig',
          'result.insert( fc::ecc::public_key( sig, d ) ).second: Duplicate signature detected',
          {},
          { file: 'transaction.cpp', method: 'get_signature_keys' },
        );
      }
      keys.add(hex);
    }
    return [...keys];
  }

  private isKnownTransaction(id: string): boolean {
    if (this.pending.some((p) => p.id === id)) return true;
    const row = this.findTransactionRow(id);
    return !!row && row.expiration >= this.head.time;
  }

  /** database::validate_transaction: expiration, TaPoS, operation validate(), authorities. */
  private validateTransaction(p: PreparedTx): void {
    const now = this.head.time;
    const { tx } = p;
    if (this.head.num > 0) {
      if (this.hardfork >= 28) {
        if (!(p.expiration <= now + MAX_TIME_UNTIL_SIGNATURE_EXPIRATION_SECONDS)) {
          throw new HivedError(
            'txExpiration',
            'trx.expiration <= now + HIVE_MAX_TIME_UNTIL_SIGNATURE_EXPIRATION: transaction expiration exception',
            { 'trx.expiration': tx.expiration, now: isoTime(now), max_til_exp: MAX_TIME_UNTIL_SIGNATURE_EXPIRATION_SECONDS },
            { method: 'validate_transaction' },
          );
        }
        p.runtimeExpiration = Math.min(p.expiration, now + MAX_TIME_UNTIL_EXPIRATION_SECONDS);
      } else {
        if (!(p.expiration <= now + MAX_TIME_UNTIL_EXPIRATION_SECONDS)) {
          throw new HivedError(
            'txExpiration',
            'trx.expiration <= now + HIVE_MAX_TIME_UNTIL_EXPIRATION: transaction expiration exception',
            { 'trx.expiration': tx.expiration, now: isoTime(now), max_til_exp: MAX_TIME_UNTIL_EXPIRATION_SECONDS },
            { method: 'validate_transaction' },
          );
        }
        p.runtimeExpiration = p.expiration;
      }
      if (!(now < p.runtimeExpiration)) {
        throw new HivedError(
          'txExpiration',
          'now < full_transaction->get_runtime_expiration(): transaction expiration exception',
          { now: isoTime(now), 'full_transaction->get_runtime_expiration()': isoTime(p.runtimeExpiration) },
          { method: 'validate_transaction' },
        );
      }
      const summary = this.taposBlockId(tx.ref_block_num);
      const expected = refBlockPrefix(summary);
      if (tx.ref_block_prefix !== expected) {
        throw new HivedError(
          'txTapos',
          'trx.ref_block_prefix == tapos_block_summary.block_id._hash[1]: transaction tapos exception',
          { 'trx.ref_block_prefix': tx.ref_block_prefix, tapos_block_summary: expected },
          { method: 'validate_transaction' },
        );
      }
    }
    fcAssert(
      tx.operations.length > 0,
      'operations.size() > 0',
      'A transaction must have at least one operation',
      {},
      { file: 'transaction.cpp', method: 'validate' },
    );
    for (const op of tx.operations) validateOperation(op);
    verifyAuthority(
      requiredAuthorities(tx.operations),
      this.signatureKeys(p),
      { posting: this.authorityGetter('posting'), active: this.authorityGetter('active'), owner: this.authorityGetter('owner') },
      this.hardfork >= 28,
    );
  }

  /** block_summary_object for ref_block_num: the latest block whose low 16 bits match (zero id if none). */
  private taposBlockId(refBlockNum: number): string {
    const headNum = this.head.num;
    let n = (headNum & ~0xffff) | refBlockNum;
    if (n > headNum) n -= 0x10000;
    if (n < 1) return ZERO_ID;
    const row = this.db.prepare(`SELECT id FROM hive_blocks WHERE num = ?`).get(n) as { id: string } | undefined;
    return row?.id ?? ZERO_ID;
  }

  private customOpCounts(txs: PreparedTx[]): Map<string, number> {
    const counts = new Map<string, number>();
    for (const p of txs) {
      for (const op of p.tx.operations) {
        if (op[0] !== 'custom_json') continue;
        for (const a of impactedAccounts(op)) counts.set(a, (counts.get(a) ?? 0) + 1);
      }
    }
    return counts;
  }

  /**
   * Accept a transaction into the mempool (chain_plugin
   * determine_encoding_and_accept_transaction + database::push_transaction),
   * or throw hived's error. The hf26 packing is tried first; when its
   * signatures do not satisfy the authorities, the legacy packing (what dhive
   * signs) is tried; the transaction's id is that of the packing accepted.
   */
  pushTransaction(raw: unknown): { id: string; expiration: number } {
    const p = this.prepare(raw);
    let hf26Failure: HivedError | null = null;
    for (const packing of p.packings) {
      this.selectPacking(p, packing);
      try {
        this.pushPrepared(p);
        return { id: p.id, expiration: p.expiration };
      } catch (e) {
        const last = packing === p.packings[p.packings.length - 1];
        if (e instanceof HivedError && AUTH_FAILURES.has(e.kind)) {
          if (!last) {
            hf26Failure = e;
            continue;
          }
          if (hf26Failure)
            e.addFrame('Transaction failed to validate using both new (hf26) and legacy serialization', {}, 'determine_encoding_and_accept_transaction');
        }
        throw e;
      }
    }
    throw new Error('unreachable');
  }

  private pushPrepared(p: PreparedTx): void {
    const limit = MAX_BLOCK_SIZE_BYTES - BLOCK_SIZE_RESERVE_BYTES;
    fcAssert(
      p.size <= limit,
      'trx_size <= trx_size_limit',
      'Transaction too large - size = ${trx_size}, limit ${trx_size_limit}',
      { trx_size: p.size, trx_size_limit: limit },
      { method: 'push_transaction' },
    );
    fcAssert(
      !this.isKnownTransaction(p.id),
      '!is_known_transaction( trx_id )',
      'Duplicate transaction check failed',
      { trx_id: p.id },
      { method: '_push_transaction' },
    );
    const counts = this.customOpCounts(this.pending);
    const mine = this.customOpCounts([p]);
    for (const [account, n] of mine) {
      const total = (counts.get(account) ?? 0) + n;
      fcAssert(
        total <= CUSTOM_OP_BLOCK_LIMIT,
        'insert_info.first->second <= HIVE_CUSTOM_OP_BLOCK_LIMIT',
        'Account ${a} already submitted ${n} custom json operation(s) this block.',
        { a: account, n: CUSTOM_OP_BLOCK_LIMIT },
        { method: 'limit_custom_op_count' },
      );
    }
    this.openPendingSession();
    try {
      this.db.transaction(() => {
        this.validateTransaction(p);
        this.applyTransaction(p, true);
      })();
    } catch (e) {
      if (e instanceof HivedError) e.addFrame('', { trx: p.tx }, '_apply_transaction');
      throw e;
    }
    this.pending.push(p);
  }

  /**
   * The operations, then the RC charge (refused only when `refuseWithoutRc`).
   * The usage is counted against the state before the operations ran, as
   * handle_operation_discount does (an authority replaced costs only its growth).
   */
  private applyTransaction(p: PreparedTx, refuseWithoutRc: boolean): void {
    const payer = this.resourceCredits ? resourcePayer(p.tx.operations) : null;
    const cost = payer ? rcCost(this.resourceUsage(p)) : 0;
    this.currentTrxId = p.id;
    p.tx.operations.forEach((op) => {
      try {
        this.evaluators.apply(op);
      } catch (e) {
        if (e instanceof HivedError) e.addFrame('', { op }, 'apply_operation');
        throw e;
      }
    });
    if (payer) this.chargeResourceCredits(payer, cost, refuseWithoutRc);
  }

  /**
   * The mempool's effects live in an open SQLite transaction (hived's pending
   * undo session): reads see them, as hived's API does. Each accepted
   * transaction is applied in a savepoint; producing a block rolls the session
   * back and applies the transactions again inside the block.
   */
  private openPendingSession(): void {
    if (this.sessionOpen) return;
    this.db.exec('BEGIN');
    this.sessionOpen = true;
  }

  /** Undo the mempool's effects (block production, shutdown). */
  closePendingSession(): void {
    if (!this.sessionOpen) return;
    this.sessionOpen = false;
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }

  /** Resolves when the transaction is in a block (or expired), like condenser_api.broadcast_transaction_synchronous. */
  waitForTransaction(id: string, expiration: number): Promise<SyncBroadcastResult> {
    return new Promise((resolve) => {
      const w = this.waiters.get(id);
      if (w) w.resolve.push(resolve);
      else this.waiters.set(id, { expiration, resolve: [resolve] });
    });
  }

  /** Resolve every waiter (used on shutdown). */
  abandonWaiters(): void {
    for (const [id, w] of this.waiters) for (const r of w.resolve) r({ id, block_num: this.head.num, trx_num: -1, expired: true });
    this.waiters.clear();
  }

  // ------------------------------------------------------------ blocks

  /**
   * Produce the next block with the mempool (database::generate_block + apply_block).
   * missedSlots moves the block time forward by that many extra block intervals
   * (debug_generate_blocks' miss_blocks).
   */
  produceBlock(missedSlots = 0): BlockRecord {
    this.closePendingSession();
    const prev = this.head;
    const ts = Math.max(
      prev.time + BLOCK_INTERVAL_SECONDS * (1 + Math.max(0, Math.floor(missedSlots))),
      prev.num === 0 ? prev.time + BLOCK_INTERVAL_SECONDS : nowSeconds(),
    );
    const num = prev.num + 1;
    const included: PreparedTx[] = [];
    const postponed: PreparedTx[] = [];
    const dropped: PreparedTx[] = [];
    let record!: BlockRecord;

    this.db.transaction(() => {
      this.blockVirtualOps = [];
      let blockSize = 0;
      for (const p of this.pending) {
        if (p.runtimeExpiration < ts) {
          dropped.push(p);
          continue;
        }
        if (blockSize + p.size > MAX_BLOCK_SIZE_BYTES - BLOCK_SIZE_RESERVE_BYTES) {
          postponed.push(p);
          continue;
        }
        const mark = this.blockVirtualOps.length;
        try {
          this.db.transaction(() => this.applyTransaction(p, false))();
          included.push(p);
          blockSize += p.size;
        } catch (e) {
          this.blockVirtualOps.length = mark;
          this.log(`block ${num}: dropped ${p.id}: ${e instanceof Error ? e.message : String(e)}`);
          dropped.push(p);
        }
      }

      const transactions = included.map((p) => ({ ...p.tx, transaction_id: p.id }));
      const ids = included.map((p) => p.id);
      const merkle = merkleRoot(included.map((p) => sha256(Buffer.from(p.id, 'hex'), Buffer.from(p.tx.signatures.join(''), 'hex'))));
      const header = Buffer.concat([
        Buffer.from(prev.id, 'hex'),
        Buffer.from(ts.toString(16).padStart(8, '0'), 'hex'),
        Buffer.from(WITNESS),
        Buffer.from(merkle, 'hex'),
      ]);
      const headerDigest = sha256(this.chainId, header);
      const signature = this.witnessKey.sign(headerDigest).toString();
      const id = makeBlockId(num, sha256(headerDigest, Buffer.from(signature, 'hex')));
      record = { num, id, previous: prev.id, timestamp: ts, merkle, witness: WITNESS, witness_signature: signature, transactions, transaction_ids: ids };

      this.db
        .prepare(
          `INSERT INTO hive_blocks(num, id, previous, timestamp, merkle, witness, witness_signature, transactions, transaction_ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(num, id, prev.id, ts, merkle, WITNESS, signature, JSON.stringify(transactions), JSON.stringify(ids));
      const insertTx = this.db.prepare(`INSERT OR REPLACE INTO hive_transactions(id, block_num, trx_num, expiration) VALUES (?, ?, ?, ?)`);
      included.forEach((p, i) => {
        insertTx.run(p.id, num, i, p.expiration);
        p.tx.operations.forEach((op, opIndex) => this.recordHistory(op, p.id, num, i, opIndex, ts));
      });

      // process_comment_cashout: no rewards are paid on the devnet; the comment is marked paid
      // out, its cashout object's rshares reset (comment_cashout_object::on_payout), votes gone.
      const due = this.db.prepare(`SELECT id, author, permlink FROM hive_comments WHERE paid = 0 AND cashout_time <= ?`).all(ts) as Array<{
        id: number;
        author: string;
        permlink: string;
      }>;
      for (const c of due) this.blockVirtualOps.push({ trxId: ZERO_ID, op: ['comment_payout_update', { author: c.author, permlink: c.permlink }] });
      this.db
        .prepare(`UPDATE hive_comments SET paid = 1, last_payout = ?, cashout_time = ?, net_rshares = 0, abs_rshares = 0 WHERE paid = 0 AND cashout_time <= ?`)
        .run(ts, TIME_MAX, ts);

      const insertVop = this.db.prepare(`INSERT INTO hive_virtual_ops(block_num, seq, trx_id, op) VALUES (?, ?, ?, ?)`);
      this.blockVirtualOps.forEach((v, i) => insertVop.run(num, i, v.trxId, JSON.stringify(v.op)));
      this.blockVirtualOps = null;
      setMeta(this.db, 'head_block_num', String(num));
      this.head = { num, id: record.id, time: ts };
      this.catchUpFollowers();
    })();

    this.head = { num, id: record.id, time: ts };
    this.pending = [];
    this.repush(postponed);
    this.settleWaiters(record, included);
    if (included.length || dropped.length) this.log(`block ${num}: ${included.length} transaction(s)${dropped.length ? `, ${dropped.length} dropped` : ''}`);
    for (const l of this.blockListeners) l(record);
    return record;
  }

  /** Transactions that did not fit in the block go back into the mempool (hived's postponed transactions). */
  private repush(txs: PreparedTx[]): void {
    for (const p of txs) {
      this.openPendingSession();
      try {
        this.db.transaction(() => {
          this.validateTransaction(p);
          this.applyTransaction(p, true);
        })();
        this.pending.push(p);
      } catch (e) {
        this.log(`postponed ${p.id} dropped: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }

  private settleWaiters(block: BlockRecord, included: PreparedTx[]): void {
    included.forEach((p, i) => {
      const w = this.waiters.get(p.id);
      if (!w) return;
      this.waiters.delete(p.id);
      for (const r of w.resolve) r({ id: p.id, block_num: block.num, trx_num: i, expired: false });
    });
    for (const [id, w] of [...this.waiters]) {
      if (w.expiration < block.timestamp && !this.isPending(id)) {
        this.waiters.delete(id);
        for (const r of w.resolve) r({ id, block_num: block.num, trx_num: -1, expired: true });
      }
    }
  }

  private recordHistory(op: LegacyOp, trxId: string, block: number, trxInBlock: number, opInTrx: number, ts: number): void {
    const bump = this.db.prepare(`UPDATE hive_accounts SET history_seq = history_seq + 1 WHERE name = ? RETURNING history_seq`);
    const insert = this.db.prepare(
      `INSERT INTO hive_account_history(account, seq, block, trx_id, trx_in_block, op_in_trx, timestamp, op) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const account of impactedAccounts(op)) {
      const row = bump.get(account) as { history_seq: number } | undefined;
      if (!row) continue;
      insert.run(account, row.history_seq, block, trxId, trxInBlock, opInTrx, ts, JSON.stringify(op));
    }
  }
}
