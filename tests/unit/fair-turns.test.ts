import knexFactory from 'knex';
import { createTurnKeeper, shareTurnsBetweenQueries, TURN_BUDGET_MS } from '../../src/sqlite/fair-turns';

// knex's better-sqlite3 client, as Strapi uses it.
const BetterSqlite3Client = require('knex/lib/dialects/better-sqlite3');

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs `queries` selects in one transaction; says after how many of them a setImmediate queued at the start had run. */
async function turnTakenAfter(client: unknown, queries: number): Promise<number> {
  const db = knexFactory({ client: client as any, connection: { filename: ':memory:' }, useNullAsDefault: true });
  try {
    await db.raw('select 1');
    await nextTurn();
    let done = 0;
    let seenAt = -1;
    setImmediate(() => {
      seenAt = done;
    });
    await db.transaction(async (trx) => {
      for (let i = 0; i < queries; i++) {
        await trx.raw('select ? as n', [i]);
        done += 1;
      }
    });
    // Not run yet: the whole write, commit included, ran before it.
    return seenAt < 0 ? queries : seenAt;
  } finally {
    await db.destroy();
  }
}

describe('the turn keeper', () => {
  it('lets queries run while the turn is within its budget, then makes the next one wait for the next turn', async () => {
    let clock = 0;
    const keeper = createTurnKeeper(TURN_BUDGET_MS, () => clock);
    expect(keeper.beforeQuery()).toBeUndefined();
    clock += TURN_BUDGET_MS - 0.5;
    expect(keeper.beforeQuery()).toBeUndefined();
    clock += 1;
    const wait = keeper.beforeQuery();
    expect(wait).toBeInstanceOf(Promise);
    let resumed = false;
    void wait!.then(() => (resumed = true));
    await Promise.resolve();
    expect(resumed).toBe(false);
    await nextTurn();
    await Promise.resolve();
    expect(resumed).toBe(true);
    // A new turn starts timing afresh.
    expect(keeper.beforeQuery()).toBeUndefined();
  });
});

describe('a long SQLite write through knex', () => {
  const QUERIES = 3000;

  it('as knex runs it, holds the event loop from its first query to its commit', async () => {
    expect(await turnTakenAfter(BetterSqlite3Client, QUERIES)).toBe(QUERIES);
  });

  it('with turns shared, lets what is waiting run between its queries, and still runs every query in its transaction', async () => {
    class SharingClient extends BetterSqlite3Client {}
    shareTurnsBetweenQueries(SharingClient.prototype, createTurnKeeper(0.5));
    const seenAt = await turnTakenAfter(SharingClient, QUERIES);
    expect(seenAt).toBeGreaterThanOrEqual(0);
    expect(seenAt).toBeLessThan(QUERIES);
  });
});
