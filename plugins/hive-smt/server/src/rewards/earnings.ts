/**
 * Leaderboard totals kept as rewards are settled: per board, token, member
 * and UTC day, and in all (day ALL_TIME), added to in the settlement's own
 * transaction. A leaderboard reads the top rows of one day range instead of
 * every allocation ever made, so its cost does not grow with the board's history.
 */
import type { Core } from '@strapi/strapi';
import { UID, currentTransaction, insertIfAbsent, q, tableOf } from '../core/db';
import type { AllocationRow } from './rows';

export const ALL_TIME = 'all';

export interface Earning {
  boardDocumentId: string;
  symbol: string;
  precision: number;
  memberId: number;
  day: string;
  amount: bigint;
}

/** Sums allocations into earning rows: one per member and day, and one per member in all. */
export function earningsOf(allocations: Array<Omit<Earning, 'amount'> & { amount: bigint | string }>): Earning[] {
  const sums = new Map<string, Earning>();
  for (const a of allocations) {
    for (const day of [a.day, ALL_TIME]) {
      const key = `${a.boardDocumentId}|${a.symbol}|${a.memberId}|${day}`;
      const row = sums.get(key) ?? { boardDocumentId: a.boardDocumentId, symbol: a.symbol, precision: a.precision, memberId: a.memberId, day, amount: 0n };
      row.amount += BigInt(a.amount);
      sums.set(key, row);
    }
  }
  return [...sums.values()];
}

/** Adds to the totals, creating rows as needed; call inside the transaction that writes the allocations. */
export async function addEarnings(strapi: Core.Strapi, earnings: Earning[]): Promise<void> {
  if (earnings.length === 0) return;
  const totals = tableOf(strapi, UID.earning);
  const col = totals.column;
  const trx = await currentTransaction(strapi);
  for (const e of earnings) {
    const key = { boardDocumentId: e.boardDocumentId, symbol: e.symbol, day: e.day, memberId: e.memberId };
    await insertIfAbsent(strapi, UID.earning, { ...key, amount: '0', precision: e.precision }, ['boardDocumentId', 'symbol', 'day', 'memberId'], trx);
    const knex = strapi.db.connection;
    let update = knex(totals.table)
      .where({ [col('boardDocumentId')]: e.boardDocumentId, [col('symbol')]: e.symbol, [col('day')]: e.day, [col('memberId')]: e.memberId })
      .update({ [col('amount')]: knex.raw('?? + CAST(? AS BIGINT)', [col('amount'), e.amount.toString()]), [col('precision')]: e.precision });
    if (trx) update = update.transacting(trx);
    await update;
  }
}

/**
 * Builds the totals from the allocations, once, for a database that had
 * allocations before the totals existed: all in one transaction, and on
 * PostgreSQL under a lock, so two instances starting together build them once.
 */
export async function backfillEarnings(strapi: Core.Strapi, batch = 2000): Promise<number> {
  if ((await q(strapi, UID.earning).count({})) > 0) return 0;
  return strapi.db.transaction(async ({ trx }) => {
    if (strapi.db.dialect.client === 'postgres')
      await strapi.db.connection.raw("select pg_advisory_xact_lock(hashtext('quanzi-member-earnings-backfill'))").transacting(trx);
    if ((await q(strapi, UID.earning).count({})) > 0) return 0;
    let after = 0;
    let seen = 0;
    for (;;) {
      const rows = await q<AllocationRow>(strapi, UID.allocation).findMany({
        where: { id: { $gt: after } },
        orderBy: { id: 'asc' },
        limit: batch,
        select: ['id', 'boardDocumentId', 'symbol', 'precision', 'memberId', 'day', 'amount'],
      });
      if (rows.length === 0) return seen;
      // An app tax is its beneficiary account's, not a member's earning.
      const members = rows.filter((r) => r.memberId !== null);
      await addEarnings(strapi, earningsOf(members.map((r) => ({ ...r, precision: Number(r.precision), memberId: Number(r.memberId) }))));
      after = rows[rows.length - 1].id;
      seen += rows.length;
    }
  });
}
