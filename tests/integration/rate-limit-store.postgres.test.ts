import knexFactory, { type Knex } from 'knex';
import { createRateLimitTable, DatabaseBucketStore, onKnexPool, RATE_LIMIT_TABLE } from '../../src/rate-limit/database-store';
import { InsuredBucketStore, ThrottledWarning } from '../../src/rate-limit/insured-store';
import { MemoryBucketStore } from '../../src/rate-limit/store';
import { expectSameAsMemory } from '../helpers/bucket-timeline';
import { createTestDatabase, describeWithPostgres } from '../helpers/postgres';

/**
 * The shared bucket store on a real PostgreSQL database, without Strapi: two
 * pools stand for two instances. With a test clock it answers exactly what
 * the memory store answers (same maths in SQL); with the database's clock,
 * concurrent takes from both pools never spend more than the bucket holds.
 */
describeWithPostgres('the rate limiter’s shared bucket store', () => {
  let database: { url: string; drop: () => Promise<void> };
  let one: Knex;
  let two: Knex;

  beforeAll(async () => {
    database = await createTestDatabase('buckets');
    one = knexFactory({ client: 'pg', connection: database.url, pool: { min: 0, max: 5 } });
    two = knexFactory({ client: 'pg', connection: database.url, pool: { min: 0, max: 5 } });
    await createRateLimitTable(one);
    // Idempotent: a second instance (or a second boot) creating it again changes nothing.
    await createRateLimitTable(two);
  });
  afterAll(async () => {
    await one?.destroy();
    await two?.destroy();
    await database?.drop();
  });
  afterEach(async () => {
    await one.raw(`DELETE FROM ${RATE_LIMIT_TABLE}`);
  });

  it('answers as the memory store does, whichever instance asks, at every step of a timeline', async () => {
    await expectSameAsMemory((clock) => [new DatabaseBucketStore(onKnexPool(one), { now: clock }), new DatabaseBucketStore(onKnexPool(two), { now: clock })]);
  });

  it('never spends more than the bucket holds when both instances take at once', async () => {
    const stores = [new DatabaseBucketStore(onKnexPool(one)), new DatabaseBucketStore(onKnexPool(two))];
    const outcomes = await Promise.all(Array.from({ length: 40 }, (_, i) => stores[i % 2].take([{ key: 'likes|member|9', capacity: 10 }])));
    expect(outcomes.filter((o) => o.taken)).toHaveLength(10);
    for (const refused of outcomes.filter((o) => !o.taken)) expect(refused.waits[0]).toBeGreaterThanOrEqual(1);
  });

  it('leaves a refused request’s other bucket as it was', async () => {
    const store = new DatabaseBucketStore(onKnexPool(one), { now: () => 0 });
    const member = { key: 'posts|member|3', capacity: 1 };
    const address = { key: 'posts|ip|10.0.0.2', capacity: 2 };
    expect((await store.take([member, address])).taken).toBe(true);
    expect((await store.take([member, address])).taken).toBe(false);
    const { rows } = await one.raw(`SELECT tokens FROM ${RATE_LIMIT_TABLE} WHERE key = ?`, [address.key]);
    expect(rows[0].tokens).toBe(1);
  });

  it('drops buckets that have refilled, and only those', async () => {
    let now = 0;
    const store = new DatabaseBucketStore(onKnexPool(one), { now: () => now });
    await store.take([{ key: 'a', capacity: 2 }]);
    await store.take([{ key: 'b', capacity: 60 }]);
    await store.take([{ key: 'b', capacity: 60 }]);
    now = 2_000;
    // b has refilled (60 a minute: one a second), a has not (one every 30 s).
    expect(await store.sweep()).toBe(1);
    const { rows } = await one.raw(`SELECT key FROM ${RATE_LIMIT_TABLE}`);
    expect(rows.map((r: { key: string }) => r.key)).toEqual(['a']);
    // Tests empty it altogether (resetRateLimits).
    await store.reset();
    expect((await one.raw(`SELECT count(*)::int AS n FROM ${RATE_LIMIT_TABLE}`)).rows[0].n).toBe(0);
  });

  it("falls back to the instance's memory, with a warning, when the database does not answer", async () => {
    // A database that refuses connections (nothing listens on port 1).
    const gone = knexFactory({ client: 'pg', connection: 'postgres://quanzi:quanzi@127.0.0.1:1/none', pool: { min: 0, max: 2 }, acquireConnectionTimeout: 5000 });
    const lines: string[] = [];
    const store = new InsuredBucketStore(new DatabaseBucketStore(onKnexPool(gone)), new MemoryBucketStore(), new ThrottledWarning((line) => lines.push(line)));
    try {
      const check = [{ key: 'likes|member|4', capacity: 2 }];
      const outcomes = [await store.take(check), await store.take(check), await store.take(check)];
      expect(outcomes.map((o) => o.taken)).toEqual([true, true, false]);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/\[rate-limit\] the shared bucket store did not answer .*limited by this instance's memory/);
    } finally {
      await gone.destroy();
    }
  });
});
