/**
 * The plugin's data layer basics, in one place: the names of its own content
 * types, typed access to rows, and table and column names resolved from
 * Strapi's metadata (never spelled out by hand) for the few statements that
 * go to knex directly.
 */
import { randomBytes } from 'crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

/** The plugin's own content types (server/src/content-types), hidden from the Content Manager. */
export const UID = {
  job: 'plugin::hive-smt.chain-job',
  /** Written by a database trigger on the job table (jobs/lease-history.ts). */
  lease: 'plugin::hive-smt.job-lease',
  mirror: 'plugin::hive-smt.mirror',
  accountLink: 'plugin::hive-smt.account-link',
  like: 'plugin::hive-smt.like',
  event: 'plugin::hive-smt.ledger-event',
  votePower: 'plugin::hive-smt.vote-power',
  rewardPost: 'plugin::hive-smt.reward-post',
  pool: 'plugin::hive-smt.board-pool',
  period: 'plugin::hive-smt.reward-period',
  allocation: 'plugin::hive-smt.reward-allocation',
  payout: 'plugin::hive-smt.payout',
  challenge: 'plugin::hive-smt.link-challenge',
  approval: 'plugin::hive-smt.member-approval',
  earning: 'plugin::hive-smt.member-earning',
  moderation: 'plugin::hive-smt.moderation-entry',
  spendingEntry: 'plugin::hive-smt.spending-entry',
  chainVote: 'plugin::hive-smt.chain-vote',
} as const;

/** users-permissions' content types: members, their roles and the roles' permissions. */
export const USER_UID = 'plugin::users-permissions.user';
export const ROLE_UID = 'plugin::users-permissions.role';
export const PERMISSION_UID = 'plugin::users-permissions.permission';

type Repository = ReturnType<Core.Strapi['db']['query']>;
/** Strapi's query-engine parameters (where, select, populate, orderBy, limit, data, …). */
export type QueryParams = NonNullable<Parameters<Repository['findMany']>[0]>;
export type FindOneParams = NonNullable<Parameters<Repository['findOne']>[0]>;

/** Rows of one content type through Strapi's query engine, typed as the caller reads them. */
export interface Rows<T> {
  findOne(params: FindOneParams): Promise<T | null>;
  findMany(params?: QueryParams): Promise<T[]>;
  create(params: QueryParams): Promise<T>;
  update(params: QueryParams): Promise<T | null>;
  /** How many rows changed. */
  updateMany(params: QueryParams): Promise<number>;
  /** How many rows went. */
  deleteMany(params?: QueryParams): Promise<number>;
  count(params?: QueryParams): Promise<number>;
}

/** Typed access to a content type's rows (the query engine joins the surrounding strapi.db.transaction). */
export function q<T = Record<string, unknown>>(strapi: Core.Strapi, uid: string): Rows<T> {
  const query = () => strapi.db.query(uid);
  return {
    findOne: (params) => query().findOne(params) as Promise<T | null>,
    findMany: (params) => query().findMany(params) as Promise<T[]>,
    create: (params) => query().create(params) as Promise<T>,
    update: (params) => query().update(params) as Promise<T | null>,
    updateMany: async (params) => changed(await query().updateMany(params)),
    deleteMany: async (params) => changed(await query().deleteMany(params)),
    count: async (params) => Number(await query().count(params)),
  };
}

/** A content type's table and column names, as Strapi's metadata has them. */
export interface TableNames {
  table: string;
  column(attribute: string): string;
}

export function tableOf(strapi: Core.Strapi, uid: string): TableNames {
  const meta = strapi.db.metadata.get(uid) as { tableName: string; attributes: Record<string, { columnName?: string }> } | undefined;
  if (!meta) throw new Error(`hive-smt: no content type ${uid} is registered`);
  return {
    table: meta.tableName,
    column(attribute: string) {
      const columnName = meta.attributes[attribute]?.columnName;
      if (!columnName) throw new Error(`hive-smt: ${uid} has no attribute ${attribute}`);
      return columnName;
    },
  };
}

/** Numbers from the query layer (bigintegers arrive as strings). */
export const n = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
export const nn = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
export const big = (v: unknown): bigint => (v === null || v === undefined || v === '' ? 0n : BigInt(String(v)));
/** A moment from the query layer (a Date, epoch ms, or a date string) as epoch ms. */
export const ms = (v: unknown): number => (v instanceof Date ? v.getTime() : typeof v === 'number' ? v : Date.parse(String(v)));

/** Count of rows an updateMany/deleteMany changed ({ count } from the query engine). */
export const changed = (result: unknown): number => Number((result as { count?: unknown } | null)?.count ?? result ?? 0);

/** True for a unique-constraint violation on SQLite or PostgreSQL: another writer got there first. */
export const isUniqueViolation = (error: unknown): boolean => {
  const e = error as { code?: string; message?: string } | null;
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed|duplicate key value/.test(e?.message ?? '');
};

export const isPostgres = (strapi: Core.Strapi) => strapi.db.dialect.client === 'postgres';

/** A documentId like Strapi's (random, 24 lowercase letters and digits) for rows written with raw SQL. */
export function newDocumentId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(24)].map((b) => alphabet[b % alphabet.length]).join('');
}

/**
 * The transaction Strapi's query layer is in, for raw SQL that must join it: raw SQL does not join the
 * surrounding strapi.db.transaction by itself (on SQLite it would wait for it forever).
 */
export async function currentTransaction(strapi: Core.Strapi): Promise<Knex.Transaction | undefined> {
  return strapi.db.inTransaction() ? strapi.db.transaction(async ({ trx }) => trx) : undefined;
}

/**
 * Inserts a row unless one with the same values in `conflict` exists (a unique
 * index): the one race-free "create if absent" that works on SQLite and
 * PostgreSQL alike, inside or outside a transaction.
 */
export async function insertIfAbsent(
  strapi: Core.Strapi,
  uid: string,
  data: Record<string, unknown>,
  conflict: string[],
  trx?: Knex.Transaction,
): Promise<void> {
  const names = tableOf(strapi, uid);
  const meta = strapi.db.metadata.get(uid) as { attributes: Record<string, unknown> };
  const row: Record<string, unknown> = { [names.column('documentId')]: newDocumentId() };
  for (const [attribute, value] of Object.entries(data)) row[names.column(attribute)] = value;
  const now = new Date();
  for (const stamp of ['createdAt', 'updatedAt', 'publishedAt']) if (meta.attributes[stamp]) row[names.column(stamp)] = now;
  const transaction = trx ?? (await currentTransaction(strapi));
  let query = strapi.db.connection(names.table).insert(row).onConflict(conflict.map(names.column)).ignore();
  if (transaction) query = query.transacting(transaction);
  await query;
}

/** The UTC day of a moment, as allocations and the daily cap count days. */
export const utcDay = (at: number) => new Date(at).toISOString().slice(0, 10);
export const startOfUtcDay = (at: number) => Date.parse(`${utcDay(at)}T00:00:00.000Z`);

/** A biginteger column as the query layer returns it: a number on SQLite, a string on PostgreSQL. */
export type BigIntColumn = number | string;

/** The fields every row of a collection type has. */
export interface RowBase {
  id: number;
  documentId: string;
}
