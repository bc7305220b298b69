import type { Core } from '@strapi/strapi';

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
export interface Statements {
  all<T = any>(sql: string, params?: unknown[]): Promise<T[]>;
  get<T = any>(sql: string, params?: unknown[]): Promise<T | undefined>;
  /** Rows changed. */
  run(sql: string, params?: unknown[]): Promise<number>;
  /** A statement without results (SAVEPOINT and friends). */
  exec(sql: string): Promise<void>;
}

interface NativeSqlite {
  prepare(sql: string): { reader: boolean; all(...params: unknown[]): any[]; get(...params: unknown[]): any; run(...params: unknown[]): { changes: number } };
  exec(sql: string): void;
}

const prepared = new WeakMap<object, Map<string, ReturnType<NativeSqlite['prepare']>>>();

const sqliteValue = (value: unknown) => (typeof value === 'boolean' ? (value ? 1 : 0) : value instanceof Date ? value.getTime() : value === undefined ? null : value);

export async function statementsIn(strapi: Core.Strapi, trx: any): Promise<Statements> {
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
      async all(sql, params) {
        return statement(sql).all(...bind(params));
      },
      async get(sql, params) {
        return statement(sql).get(...bind(params));
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
  const raw = async (sql: string, params: unknown[] = []) => trx.raw(sql, params.map((v) => (v === undefined ? null : v)));
  return {
    async all(sql, params) {
      return (await raw(sql, params)).rows;
    },
    async get(sql, params) {
      return (await raw(sql, params)).rows[0];
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

/** Column names of a model's attributes, from Strapi's metadata (what the query layer would write). */
export function columnsOf(strapi: Core.Strapi, uid: string): { table: string; col: (attribute: string) => string } {
  const meta: any = strapi.db.metadata.get(uid as any);
  return { table: meta.tableName, col: (attribute: string) => meta.attributes[attribute]?.columnName ?? attribute };
}
