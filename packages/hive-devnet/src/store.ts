/**
 * SQLite schema of the devnet (better-sqlite3). One file `${dataDir}/chain.db`
 * (or `:memory:`), WAL journal; the Hive-Engine sidechain keeps its tables in
 * the same database so a block's Hive and sidechain effects commit together.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

export const SCHEMA_VERSION = 2;

export function openDatabase(dataDir: string | null): { db: Db; file: string } {
  let file = ':memory:';
  if (dataDir !== null) {
    fs.mkdirSync(dataDir, { recursive: true });
    file = path.join(dataDir, 'chain.db');
  }
  const db = new Database(file);
  if (file !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = OFF');
  migrate(db);
  return { db, file };
}

function migrate(db: Db): void {
  const before = (() => {
    try {
      const row = db.prepare(`SELECT value FROM hive_meta WHERE key = 'schema_version'`).get() as { value: string } | undefined;
      return row ? Number(row.value) : null;
    } catch {
      return null; // a new database: hive_meta does not exist yet
    }
  })();
  db.exec(`
    CREATE TABLE IF NOT EXISTS hive_meta (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS hive_blocks (
      num INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      previous TEXT NOT NULL,
      timestamp INTEGER NOT NULL,
      merkle TEXT NOT NULL,
      witness TEXT NOT NULL,
      witness_signature TEXT NOT NULL,
      transactions TEXT NOT NULL,
      transaction_ids TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS hive_transactions (
      id TEXT PRIMARY KEY,
      block_num INTEGER NOT NULL,
      trx_num INTEGER NOT NULL,
      expiration INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS hive_transactions_block ON hive_transactions(block_num);
    CREATE TABLE IF NOT EXISTS hive_accounts (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      owner TEXT NOT NULL,
      active TEXT NOT NULL,
      posting TEXT NOT NULL,
      memo_key TEXT NOT NULL,
      json_metadata TEXT NOT NULL DEFAULT '',
      posting_json_metadata TEXT NOT NULL DEFAULT '',
      balance INTEGER NOT NULL DEFAULT 0,
      hbd_balance INTEGER NOT NULL DEFAULT 0,
      vesting_shares INTEGER NOT NULL DEFAULT 0,
      created INTEGER NOT NULL,
      last_owner_update INTEGER NOT NULL DEFAULT 0,
      last_account_update INTEGER NOT NULL DEFAULT 0,
      last_post INTEGER NOT NULL DEFAULT 0,
      last_root_post INTEGER NOT NULL DEFAULT 0,
      last_post_edit INTEGER NOT NULL DEFAULT 0,
      last_vote_time INTEGER NOT NULL DEFAULT 0,
      post_count INTEGER NOT NULL DEFAULT 0,
      lifetime_vote_count INTEGER NOT NULL DEFAULT 0,
      history_seq INTEGER NOT NULL DEFAULT -1
    );
    CREATE TABLE IF NOT EXISTS hive_rc_delegations (
      from_account TEXT NOT NULL,
      to_account TEXT NOT NULL,
      delegated_rc INTEGER NOT NULL,
      PRIMARY KEY(from_account, to_account)
    );
    CREATE TABLE IF NOT EXISTS hive_virtual_ops (
      block_num INTEGER NOT NULL,
      seq INTEGER NOT NULL,
      trx_id TEXT NOT NULL,
      op TEXT NOT NULL,
      PRIMARY KEY(block_num, seq)
    );
    CREATE TABLE IF NOT EXISTS hive_comments (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      author TEXT NOT NULL,
      permlink TEXT NOT NULL,
      parent_id INTEGER,
      root_id INTEGER NOT NULL DEFAULT 0,
      parent_author TEXT NOT NULL,
      parent_permlink TEXT NOT NULL,
      category TEXT NOT NULL,
      title TEXT NOT NULL,
      body TEXT NOT NULL,
      json_metadata TEXT NOT NULL,
      created INTEGER NOT NULL,
      last_update INTEGER NOT NULL,
      active INTEGER NOT NULL,
      depth INTEGER NOT NULL,
      children INTEGER NOT NULL DEFAULT 0,
      net_votes INTEGER NOT NULL DEFAULT 0,
      net_rshares INTEGER NOT NULL DEFAULT 0,
      abs_rshares INTEGER NOT NULL DEFAULT 0,
      max_accepted_payout INTEGER NOT NULL,
      percent_hbd INTEGER NOT NULL,
      allow_votes INTEGER NOT NULL,
      allow_curation_rewards INTEGER NOT NULL,
      beneficiaries TEXT NOT NULL DEFAULT '[]',
      cashout_time INTEGER NOT NULL,
      last_payout INTEGER NOT NULL DEFAULT 0,
      paid INTEGER NOT NULL DEFAULT 0,
      UNIQUE(author, permlink)
    );
    CREATE INDEX IF NOT EXISTS hive_comments_parent ON hive_comments(parent_id);
    CREATE INDEX IF NOT EXISTS hive_comments_cashout ON hive_comments(paid, cashout_time);
    CREATE TABLE IF NOT EXISTS hive_comment_deletions (
      author TEXT NOT NULL,
      permlink TEXT NOT NULL,
      times INTEGER NOT NULL,
      PRIMARY KEY(author, permlink)
    );
    CREATE TABLE IF NOT EXISTS hive_votes (
      comment_id INTEGER NOT NULL,
      voter TEXT NOT NULL,
      vote_percent INTEGER NOT NULL,
      rshares INTEGER NOT NULL,
      time INTEGER NOT NULL,
      PRIMARY KEY(comment_id, voter)
    );
    CREATE TABLE IF NOT EXISTS hive_account_history (
      account TEXT NOT NULL,
      seq INTEGER NOT NULL,
      block INTEGER NOT NULL,
      trx_id TEXT NOT NULL,
      trx_in_block INTEGER NOT NULL,
      op_in_trx INTEGER NOT NULL,
      timestamp INTEGER NOT NULL,
      op TEXT NOT NULL,
      PRIMARY KEY(account, seq)
    );
  `);
  // Columns added after schema 1: a state folder of an older devnet gets them with full mana.
  ensureColumn(db, 'hive_accounts', 'previous_owner_update', 'INTEGER NOT NULL DEFAULT 0');
  ensureColumn(db, 'hive_accounts', 'delegated_rc', 'INTEGER NOT NULL DEFAULT 0');
  ensureColumn(db, 'hive_accounts', 'received_rc', 'INTEGER NOT NULL DEFAULT 0');
  ensureColumn(db, 'hive_accounts', 'rc_mana', 'INTEGER NOT NULL DEFAULT -1');
  ensureColumn(db, 'hive_accounts', 'rc_last_update', 'INTEGER NOT NULL DEFAULT 0');
  ensureColumn(db, 'hive_accounts', 'voting_mana', 'INTEGER NOT NULL DEFAULT -1');
  ensureColumn(db, 'hive_accounts', 'voting_last_update', 'INTEGER NOT NULL DEFAULT 0');
  ensureColumn(db, 'hive_accounts', 'downvote_mana', 'INTEGER NOT NULL DEFAULT -1');
  ensureColumn(db, 'hive_accounts', 'downvote_last_update', 'INTEGER NOT NULL DEFAULT 0');
  db.exec(`UPDATE hive_accounts SET rc_mana = vesting_shares WHERE rc_mana < 0;
           UPDATE hive_accounts SET voting_mana = vesting_shares WHERE voting_mana < 0;
           UPDATE hive_accounts SET downvote_mana = vesting_shares / 4 WHERE downvote_mana < 0;`);
  // A state folder from schema 1 predates RC and the communities: the chain brings its genesis up to date once.
  if (before !== null && before < 2) db.prepare(`INSERT OR REPLACE INTO hive_meta(key, value) VALUES ('genesis_upgrade', '2')`).run();
  db.prepare(`INSERT INTO hive_meta(key, value) VALUES ('schema_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(
    String(SCHEMA_VERSION),
  );
}

function ensureColumn(db: Db, table: string, column: string, definition: string): void {
  const columns = db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>;
  if (!columns.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
}

export function getMeta(db: Db, key: string): string | undefined {
  const row = db.prepare(`SELECT value FROM hive_meta WHERE key = ?`).get(key) as { value: string } | undefined;
  return row?.value;
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare(`INSERT INTO hive_meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(key, value);
}
