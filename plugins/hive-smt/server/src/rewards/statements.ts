import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

/**
 * SQL statements run inside one knex transaction, without a query builder
 * per call: the hot write paths (likes) run a handful of fixed statements
 * per request, and building, compiling and preparing each one anew costs more
 * than running it.
 *
 * - SQLite: straight on the transaction's better-sqlite3 connection (the one
 *   knex holds for it), each statement prepared once per connection.
 * - PostgreSQL: the transaction's knex raw queries, same text every time.
 *
 * The SQL is written once for both (`?` placeholders, ON CONFLICT, RETURNING);
 * values are bound as each driver wants them (SQLite takes booleans as 1/0
 * and dates as epoch milliseconds, as Strapi stores them there).
 */
/** A row as the driver returns it (column aliases chosen by the statement). */
export type SqlRow = Record<string, unknown>;

export interface Statements {
  all<T = SqlRow>(sql: string, params?: unknown[]): Promise<T[]>;
  get<T = SqlRow>(sql: string, params?: unknown[]): Promise<T | undefined>;
  /** Rows changed. */
  run(sql: string, params?: unknown[]): Promise<number>;
  /** A statement without results (SAVEPOINT and friends). */
  exec(sql: string): Promise<void>;
}

interface NativeSqlite {
  prepare(sql: string): {
    reader: boolean;
    all(...params: unknown[]): unknown[];
    get(...params: unknown[]): unknown;
    run(...params: unknown[]): { changes: number };
  };
  exec(sql: string): void;
}

/** What node-postgres answers a query with. */
interface PgResult {
  rows: unknown[];
  rowCount?: number | null;
}

const prepared = new WeakMap<object, Map<string, ReturnType<NativeSqlite['prepare']>>>();

const sqliteValue = (value: unknown) =>
  typeof value === 'boolean' ? (value ? 1 : 0) : value instanceof Date ? value.getTime() : value === undefined ? null : value;

export async function statementsIn(strapi: Core.Strapi, trx: Knex.Transaction): Promise<Statements> {
  if (strapi.db.dialect.client === 'sqlite') {
    const connection: NativeSqlite = await trx.client.acquireConnection();
    let cache = prepared.get(connection);
    if (!cache) prepared.set(connection, (cache = new Map()));
    const statement = (sql: string) => {
      let found = cache!.get(sql);
      if (!found) cache!.set(sql, (found = connection.prepare(sql)));
      return found;
    };
    const bind = (params: unknown[] = []) => params.map(sqliteValue);
    return {
      async all<T>(sql: string, params?: unknown[]) {
        return statement(sql).all(...bind(params)) as T[];
      },
      async get<T>(sql: string, params?: unknown[]) {
        return statement(sql).get(...bind(params)) as T | undefined;
      },
      async run(sql, params) {
        const s = statement(sql);
        // A statement with RETURNING is a reader to better-sqlite3: run it as one and count its rows.
        return s.reader ? s.all(...bind(params)).length : s.run(...bind(params)).changes;
      },
      async exec(sql) {
        connection.exec(sql);
      },
    };
  }
  const raw = async (sql: string, params: unknown[] = []): Promise<PgResult> =>
    (await trx.raw(sql, params.map((v) => (v === undefined ? null : v)) as Knex.RawBinding[])) as PgResult;
  return {
    async all<T>(sql: string, params?: unknown[]) {
      return (await raw(sql, params)).rows as T[];
    },
    async get<T>(sql: string, params?: unknown[]) {
      return (await raw(sql, params)).rows[0] as T | undefined;
    },
    async run(sql, params) {
      const result = await raw(sql, params);
      return Number(result.rowCount ?? result.rows?.length ?? 0);
    },
    async exec(sql) {
      await trx.raw(sql);
    },
  };
}
