import Database from 'better-sqlite3';
import { Client as Pg } from 'pg';

/**
 * The soak's read-only view of the app's database, the same for SQLite and
 * PostgreSQL: `?` placeholders, rows as plain objects, times in epoch ms.
 */
export interface SoakDb {
  dialect: 'sqlite' | 'postgres';
  all<T = any>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** SQLite, read-only (the app's process is the writer; better-sqlite3 waits for its locks). */
export function openSqlite(file: string): SoakDb {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  return {
    dialect: 'sqlite',
    all: async (sql, params = []) => db.prepare(sql).all(...(params as any[])) as any[],
    close: async () => void db.close(),
  };
}

export async function openPostgres(url: string): Promise<SoakDb> {
  const client = new Pg({ connectionString: url });
  await client.connect();
  return {
    dialect: 'postgres',
    all: async (sql, params = []) => {
      let n = 0;
      return (await client.query(sql.replace(/\?/g, () => `$${++n}`), params as any[])).rows;
    },
    close: () => client.end(),
  };
}

/** A time column as epoch ms: SQLite keeps Strapi's dates as numbers, PostgreSQL as timestamps; bigints come as strings. */
export function toMs(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  const n = Number(value);
  return Number.isFinite(n) ? n : Date.parse(String(value));
}

/** Sums integer strings exactly (token amounts in base units). */
export const sumUnits = (rows: Array<{ amount: unknown }>) => rows.reduce((total, r) => total + BigInt(String(r.amount)), 0n);
