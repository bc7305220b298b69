import { randomBytes } from 'crypto';
import type { Core } from '@strapi/strapi';

/** The reward tables (plugin content types, hidden from the Content Manager). */
export const UID = {
  like: 'plugin::hive-smt.like',
  event: 'plugin::hive-smt.ledger-event',
  votePower: 'plugin::hive-smt.vote-power',
  rewardPost: 'plugin::hive-smt.reward-post',
  pool: 'plugin::hive-smt.board-pool',
  period: 'plugin::hive-smt.reward-period',
  allocation: 'plugin::hive-smt.reward-allocation',
  payout: 'plugin::hive-smt.payout',
  challenge: 'plugin::hive-smt.link-challenge',
  accountLink: 'plugin::hive-smt.account-link',
  job: 'plugin::hive-smt.chain-job',
  approval: 'plugin::hive-smt.member-approval',
  earning: 'plugin::hive-smt.member-earning',
} as const;

export const BOARD_UID = 'api::board.board';
export const POST_UID = 'api::post.post';
export const COMMENT_UID = 'api::comment.comment';
export const USER_UID = 'plugin::users-permissions.user';

export const q = (strapi: Core.Strapi, uid: string) => strapi.db.query(uid as any);

/** Numbers from the query layer (bigintegers arrive as strings). */
export const n = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
export const nn = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
export const big = (v: unknown): bigint => (v === null || v === undefined || v === '' ? 0n : BigInt(String(v)));

/** Count of rows an updateMany changed. */
/** True for a unique-constraint violation on SQLite or PostgreSQL: another writer got there first. */
export const isUniqueViolation = (error: unknown): boolean => {
  const e = error as { code?: string; message?: string } | null;
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed|duplicate key value/.test(e?.message ?? '');
};

export const changed = (result: unknown): number => Number((result as any)?.count ?? result ?? 0);

/** A documentId like Strapi's (random, 24 lowercase letters and digits) for rows written with raw SQL. */
export function newDocumentId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(24)].map((b) => alphabet[b % alphabet.length]).join('');
}

/**
 * Inserts a row unless one with the same values in `conflict` exists (a unique
 * index): the one race-free "create if absent" that works on SQLite and
 * PostgreSQL alike, inside or outside a transaction. Attribute names are
 * mapped to columns through Strapi's metadata.
 */
export async function insertIfAbsent(strapi: Core.Strapi, uid: string, data: Record<string, unknown>, conflict: string[], trx?: any): Promise<void> {
  const meta: any = strapi.db.metadata.get(uid as any);
  const column = (attr: string) => meta.attributes[attr]?.columnName ?? attr;
  const row: Record<string, unknown> = { document_id: newDocumentId() };
  for (const [attr, value] of Object.entries(data)) row[column(attr)] = value;
  const now = new Date();
  if (meta.attributes.createdAt) row[column('createdAt')] = now;
  if (meta.attributes.updatedAt) row[column('updatedAt')] = now;
  if (meta.attributes.publishedAt) row[column('publishedAt')] = now;
  // Raw SQL does not join the surrounding strapi.db.transaction by itself (on SQLite it would wait for it forever).
  const transaction = trx ?? (strapi.db.inTransaction() ? await strapi.db.transaction(async ({ trx: current }) => current) : undefined);
  let query = strapi.db.connection(meta.tableName).insert(row).onConflict(conflict.map(column)).ignore();
  if (transaction) query = query.transacting(transaction);
  await query;
}

/** The UTC day of a moment, as allocations and the daily cap count days. */
export const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const startOfUtcDay = (ms: number) => Date.parse(`${utcDay(ms)}T00:00:00.000Z`);
