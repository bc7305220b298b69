/**
 * SQLite persistence of the emulated Hive-Engine sidechain: contract tables
 * (`tokens_tokens`, `tokens_balances` in hive-engine's MongoDB), sidechain
 * blocks and the transaction index. All tables are prefixed `engine_` and
 * live in the devnet's database, so a Hive block and its sidechain block
 * commit (or roll back) together.
 */
import type { Database } from 'better-sqlite3';

export interface TokenDoc {
  _id: number;
  issuer: string;
  symbol: string;
  name: string;
  metadata: string;
  precision: number;
  maxSupply: string;
  supply: string;
  circulatingSupply: string;
  stakingEnabled: boolean;
  unstakingCooldown: number;
  delegationEnabled: boolean;
  undelegationCooldown: number;
  /** Set by enableStaking (and by a first stake): absent on a token that never had staking, as on hive-engine. */
  totalStaked?: string;
  /** Set by enableStaking: how many transactions an unstake is paid back in. */
  numberTransactions?: number;
}

export interface BalanceDoc {
  _id: number;
  account: string;
  symbol: string;
  balance: string;
  stake: string;
  pendingUnstake: string;
  delegationsIn: string;
  delegationsOut: string;
  pendingUndelegations: string;
}

/** A sidechain transaction as hive-engine stores it inside its block (field order kept). */
export interface EngineTransaction {
  refHiveBlockNumber: number;
  transactionId: string;
  sender: string | null;
  contract: string | null;
  action: string | null;
  payload: string | null;
  executedCodeHash: string;
  hash: string;
  databaseHash: string;
  logs: string;
}

/** A sidechain block as hive-engine's `getBlockInfo` returns it. */
export interface EngineBlock {
  _id: number;
  blockNumber: number;
  refHiveBlockNumber: number;
  refHiveBlockId: string;
  prevRefHiveBlockId: string;
  previousHash: string;
  previousDatabaseHash: string;
  timestamp: string;
  transactions: EngineTransaction[];
  virtualTransactions: EngineTransaction[];
  hash: string;
  databaseHash: string;
  merkleRoot: string;
  round: number | null;
  roundHash: string;
  witness: string;
  signingKey: string;
  roundSignature: string;
}

interface TokenRow {
  id: number;
  issuer: string;
  symbol: string;
  name: string;
  metadata: string;
  precision: number;
  max_supply: string;
  supply: string;
  circulating_supply: string;
  staking_enabled: number;
  unstaking_cooldown: number;
  delegation_enabled: number;
  undelegation_cooldown: number;
  total_staked: string | null;
  number_transactions: number | null;
}

interface BalanceRow {
  id: number;
  account: string;
  symbol: string;
  balance: string;
  stake: string;
  pending_unstake: string;
  delegations_in: string;
  delegations_out: string;
  pending_undelegations: string;
}

function tokenDoc(r: TokenRow): TokenDoc {
  return {
    _id: r.id,
    issuer: r.issuer,
    symbol: r.symbol,
    name: r.name,
    metadata: r.metadata,
    precision: r.precision,
    maxSupply: r.max_supply,
    supply: r.supply,
    circulatingSupply: r.circulating_supply,
    stakingEnabled: r.staking_enabled === 1,
    unstakingCooldown: r.unstaking_cooldown,
    delegationEnabled: r.delegation_enabled === 1,
    undelegationCooldown: r.undelegation_cooldown,
    ...(r.total_staked === null ? {} : { totalStaked: r.total_staked }),
    ...(r.number_transactions === null ? {} : { numberTransactions: r.number_transactions }),
  };
}

function balanceDoc(r: BalanceRow): BalanceDoc {
  return {
    _id: r.id,
    account: r.account,
    symbol: r.symbol,
    balance: r.balance,
    stake: r.stake,
    pendingUnstake: r.pending_unstake,
    delegationsIn: r.delegations_in,
    delegationsOut: r.delegations_out,
    pendingUndelegations: r.pending_undelegations,
  };
}

export class EngineStore {
  constructor(private readonly db: Database) {}

  migrate(): void {
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS engine_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS engine_blocks (
        block_number INTEGER PRIMARY KEY,
        ref_hive_block_number INTEGER NOT NULL,
        doc TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS engine_blocks_ref ON engine_blocks(ref_hive_block_number);
      CREATE TABLE IF NOT EXISTS engine_transactions (
        txid TEXT PRIMARY KEY,
        block_number INTEGER NOT NULL,
        idx INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS engine_tokens (
        id INTEGER PRIMARY KEY,
        issuer TEXT NOT NULL,
        symbol TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        metadata TEXT NOT NULL,
        precision INTEGER NOT NULL,
        max_supply TEXT NOT NULL,
        supply TEXT NOT NULL,
        circulating_supply TEXT NOT NULL,
        staking_enabled INTEGER NOT NULL DEFAULT 0,
        unstaking_cooldown INTEGER NOT NULL DEFAULT 1,
        delegation_enabled INTEGER NOT NULL DEFAULT 0,
        undelegation_cooldown INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE IF NOT EXISTS engine_balances (
        id INTEGER PRIMARY KEY,
        account TEXT NOT NULL,
        symbol TEXT NOT NULL,
        balance TEXT NOT NULL,
        stake TEXT NOT NULL DEFAULT '0',
        pending_unstake TEXT NOT NULL DEFAULT '0',
        delegations_in TEXT NOT NULL DEFAULT '0',
        delegations_out TEXT NOT NULL DEFAULT '0',
        pending_undelegations TEXT NOT NULL DEFAULT '0',
        UNIQUE(account, symbol)
      );
      CREATE INDEX IF NOT EXISTS engine_balances_symbol ON engine_balances(symbol);
    `);
    // Added with tokens.enableStaking/stake: a devnet state folder from before gets them empty.
    this.ensureColumn('engine_tokens', 'total_staked', 'TEXT');
    this.ensureColumn('engine_tokens', 'number_transactions', 'INTEGER');
  }

  private ensureColumn(table: string, column: string, definition: string): void {
    const columns = this.db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>;
    if (!columns.some((c) => c.name === column)) this.db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
  }

  // ------------------------------------------------------------ meta

  getMeta(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM engine_meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  setMeta(key: string, value: string): void {
    this.db.prepare('INSERT INTO engine_meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  // ------------------------------------------------------------ tokens

  findToken(symbol: string): TokenDoc | null {
    const row = this.db.prepare('SELECT * FROM engine_tokens WHERE symbol = ?').get(symbol) as TokenRow | undefined;
    return row ? tokenDoc(row) : null;
  }

  /** Tokens, optionally only those with the given symbol, in _id order. */
  listTokens(symbol?: string): TokenDoc[] {
    const rows = (
      symbol === undefined
        ? this.db.prepare('SELECT * FROM engine_tokens ORDER BY id').all()
        : this.db.prepare('SELECT * FROM engine_tokens WHERE symbol = ? ORDER BY id').all(symbol)
    ) as TokenRow[];
    return rows.map(tokenDoc);
  }

  insertToken(t: Omit<TokenDoc, '_id'>): TokenDoc {
    const info = this.db
      .prepare(
        `INSERT INTO engine_tokens(issuer, symbol, name, metadata, precision, max_supply, supply, circulating_supply,
           staking_enabled, unstaking_cooldown, delegation_enabled, undelegation_cooldown)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        t.issuer,
        t.symbol,
        t.name,
        t.metadata,
        t.precision,
        t.maxSupply,
        t.supply,
        t.circulatingSupply,
        t.stakingEnabled ? 1 : 0,
        t.unstakingCooldown,
        t.delegationEnabled ? 1 : 0,
        t.undelegationCooldown,
      );
    return { _id: Number(info.lastInsertRowid), ...t };
  }

  updateTokenSupply(t: TokenDoc): void {
    this.db.prepare('UPDATE engine_tokens SET supply = ?, circulating_supply = ? WHERE id = ?').run(t.supply, t.circulatingSupply, t._id);
  }

  /** Writes the staking fields of a token (enableStaking, stake). */
  updateTokenStaking(t: TokenDoc): void {
    this.db
      .prepare('UPDATE engine_tokens SET staking_enabled = ?, unstaking_cooldown = ?, number_transactions = ?, total_staked = ? WHERE id = ?')
      .run(t.stakingEnabled ? 1 : 0, t.unstakingCooldown, t.numberTransactions ?? null, t.totalStaked ?? null, t._id);
  }

  // ------------------------------------------------------------ balances

  findBalance(account: string, symbol: string): BalanceDoc | null {
    const row = this.db.prepare('SELECT * FROM engine_balances WHERE account = ? AND symbol = ?').get(account, symbol) as BalanceRow | undefined;
    return row ? balanceDoc(row) : null;
  }

  /** Balances narrowed by exact account and/or symbol when given, in _id order. */
  listBalances(filter: { account?: string; symbol?: string }): BalanceDoc[] {
    const where: string[] = [];
    const args: string[] = [];
    if (filter.account !== undefined) {
      where.push('account = ?');
      args.push(filter.account);
    }
    if (filter.symbol !== undefined) {
      where.push('symbol = ?');
      args.push(filter.symbol);
    }
    const sql = `SELECT * FROM engine_balances${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY id`;
    return (this.db.prepare(sql).all(...args) as BalanceRow[]).map(balanceDoc);
  }

  insertBalance(account: string, symbol: string, balance: string): BalanceDoc {
    const info = this.db.prepare('INSERT INTO engine_balances(account, symbol, balance) VALUES (?, ?, ?)').run(account, symbol, balance);
    return {
      _id: Number(info.lastInsertRowid),
      account,
      symbol,
      balance,
      stake: '0',
      pendingUnstake: '0',
      delegationsIn: '0',
      delegationsOut: '0',
      pendingUndelegations: '0',
    };
  }

  updateBalance(b: BalanceDoc): void {
    this.db.prepare('UPDATE engine_balances SET balance = ? WHERE id = ?').run(b.balance, b._id);
  }

  updateStake(b: BalanceDoc): void {
    this.db.prepare('UPDATE engine_balances SET stake = ? WHERE id = ?').run(b.stake, b._id);
  }

  // ------------------------------------------------------------ blocks and transactions

  latestBlock(): EngineBlock | null {
    const row = this.db.prepare('SELECT doc FROM engine_blocks ORDER BY block_number DESC LIMIT 1').get() as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as EngineBlock) : null;
  }

  block(blockNumber: number): EngineBlock | null {
    const row = this.db.prepare('SELECT doc FROM engine_blocks WHERE block_number = ?').get(blockNumber) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as EngineBlock) : null;
  }

  blockByHiveBlock(refHiveBlockNumber: number): EngineBlock | null {
    const row = this.db.prepare('SELECT doc FROM engine_blocks WHERE ref_hive_block_number = ? ORDER BY block_number LIMIT 1').get(refHiveBlockNumber) as
      | { doc: string }
      | undefined;
    return row ? (JSON.parse(row.doc) as EngineBlock) : null;
  }

  insertBlock(block: EngineBlock): void {
    this.db
      .prepare('INSERT INTO engine_blocks(block_number, ref_hive_block_number, doc) VALUES (?, ?, ?)')
      .run(block.blockNumber, block.refHiveBlockNumber, JSON.stringify(block));
    const insertTx = this.db.prepare('INSERT OR IGNORE INTO engine_transactions(txid, block_number, idx) VALUES (?, ?, ?)');
    block.transactions.forEach((tx, idx) => insertTx.run(tx.transactionId, block.blockNumber, idx));
  }

  transactionLocation(txid: string): { blockNumber: number; index: number } | null {
    const row = this.db.prepare('SELECT block_number, idx FROM engine_transactions WHERE txid = ?').get(txid) as
      | { block_number: number; idx: number }
      | undefined;
    return row ? { blockNumber: row.block_number, index: row.idx } : null;
  }

  /** Run `fn` atomically: a SAVEPOINT when already inside a transaction (the Hive block's), else BEGIN/COMMIT. */
  atomically<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
