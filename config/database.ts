import path from 'path';
import { keepPreparedStatements } from '../src/sqlite/statement-cache';

/**
 * SQLite (better-sqlite3) at .tmp/data.db by default, the embedded default of
 * the runtime contract; PostgreSQL when DATABASE_CLIENT=postgres and DATABASE_URL
 * are set (the multi-instance deployment).
 */
export default ({ env }) => {
  const client = env('DATABASE_CLIENT', 'sqlite');
  // Migrations (database/migrations) are TypeScript, run from their compiled copies in dist/.
  const settings = { useTypescriptMigrations: true };

  if (client === 'postgres') {
    return {
      connection: {
        client: 'postgres',
        connection: {
          connectionString: env('DATABASE_URL'),
          ssl: env.bool('DATABASE_SSL', false) ? { rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true) } : false,
          schema: env('DATABASE_SCHEMA', 'public'),
        },
        pool: { min: env.int('DATABASE_POOL_MIN', 2), max: env.int('DATABASE_POOL_MAX', 10) },
        acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000),
      },
      settings,
    };
  }

  // SQLite: write-ahead log (readers never wait for the writer, and a commit appends to one file) with
  // synchronous=NORMAL: a commit waits for no disk sync, so members' writes are not queued behind the disk; it
  // survives a crash of the process and can be lost only to a power cut. What must survive that too — a chain
  // job's signed transaction, stored before it is sent — is written with synchronous=FULL, which puts it and every
  // commit before it on disk (hive-smt's core/durable.ts). DATABASE_SQLITE_SYNCHRONOUS=FULL syncs every commit.
  const pragmas = sqlitePragmas(env('DATABASE_SQLITE_JOURNAL_MODE', 'WAL'), env('DATABASE_SQLITE_SYNCHRONOUS', 'NORMAL'), env.int('DATABASE_SQLITE_BUSY_TIMEOUT_MS', 10000));
  return {
    connection: {
      client: 'sqlite',
      connection: {
        filename: path.resolve(process.cwd(), env('DATABASE_FILENAME', '.tmp/data.db')),
      },
      pool: {
        afterCreate: (native: { pragma(sql: string): unknown; prepare(sql: string): unknown }, done: (error: Error | null, connection: unknown) => void) => {
          try {
            for (const pragma of pragmas) native.pragma(pragma);
            // knex prepares every query anew; the connection keeps what it prepared (src/sqlite/statement-cache.ts).
            keepPreparedStatements(native);
            done(null, native);
          } catch (error) {
            done(error as Error, native);
          }
        },
      },
      useNullAsDefault: true,
      acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000),
    },
    settings,
  };
};

const JOURNAL_MODES = ['WAL', 'DELETE', 'TRUNCATE', 'PERSIST', 'MEMORY', 'OFF'];
const SYNCHRONOUS = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];

/** The PRAGMAs each SQLite connection starts with; an unknown value stops startup naming the variable. */
export function sqlitePragmas(journalMode: string, synchronous: string, busyTimeoutMs: number): string[] {
  const mode = String(journalMode).toUpperCase();
  const sync = String(synchronous).toUpperCase();
  if (!JOURNAL_MODES.includes(mode)) throw new Error(`DATABASE_SQLITE_JOURNAL_MODE must be one of ${JOURNAL_MODES.join(', ')} (got "${journalMode}").`);
  if (!SYNCHRONOUS.includes(sync)) throw new Error(`DATABASE_SQLITE_SYNCHRONOUS must be one of ${SYNCHRONOUS.join(', ')} (got "${synchronous}").`);
  if (!Number.isInteger(busyTimeoutMs) || busyTimeoutMs < 0) throw new Error('DATABASE_SQLITE_BUSY_TIMEOUT_MS must be a whole number of milliseconds.');
  return [`journal_mode = ${mode}`, `synchronous = ${sync}`, `busy_timeout = ${busyTimeoutMs}`];
}
