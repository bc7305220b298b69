import type { Core } from '@strapi/strapi';
import Database from 'better-sqlite3';

/**
 * How the feed runs its read-only SQL: the statements are written once (one
 * text per list, queries.ts), so no query builder runs per request.
 *
 * - SQLite: a connection of its own, read-only, in the same WAL database.
 *   Statements are prepared once and kept. In WAL mode a reader never waits
 *   for the writer and sees exactly what was committed when its statement
 *   began — never a write still in flight on the app's connection (which
 *   serializes every query behind an open transaction). So a page is read
 *   even while likes are being written.
 * - PostgreSQL: the app's pool, the same statement text every time.
 */
export interface SqlReader {
  readonly dialect: 'sqlite' | 'postgres';
  all<T = any>(sql: string, params: unknown[]): Promise<T[]>;
  close(): void;
}

/** SQLite binds numbers, strings, bigints, buffers and null: booleans become 1/0, dates their epoch ms. */
const sqliteParam = (value: unknown) => (typeof value === 'boolean' ? (value ? 1 : 0) : value instanceof Date ? value.getTime() : value);

export function createSqlReader(strapi: Core.Strapi): SqlReader {
  const client = strapi.db.dialect.client;
  if (client === 'sqlite') {
    const filename: string = (strapi.config.get('database.connection.connection') as any)?.filename;
    let db: Database.Database | null = null;
    const statements = new Map<string, Database.Statement>();
    const open = () => {
      if (db) return db;
      db = new Database(filename, { fileMustExist: true });
      db.pragma('query_only = ON');
      db.pragma(`busy_timeout = ${Number(process.env.DATABASE_SQLITE_BUSY_TIMEOUT_MS ?? 10000)}`);
      return db;
    };
    return {
      dialect: 'sqlite',
      async all<T>(sql: string, params: unknown[]) {
        let statement = statements.get(sql);
        if (!statement) statements.set(sql, (statement = open().prepare(sql)));
        return statement.all(...params.map(sqliteParam)) as T[];
      },
      close() {
        statements.clear();
        db?.close();
        db = null;
      },
    };
  }
  return {
    dialect: 'postgres',
    async all<T>(sql: string, params: unknown[]) {
      const result: any = await strapi.db.connection.raw(sql, params as any[]);
      return (result?.rows ?? result) as T[];
    },
    close() {},
  };
}
