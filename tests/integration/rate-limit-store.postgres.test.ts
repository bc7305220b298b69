import knexFactory, { type Knex } from 'knex';
import { createRateLimitTable, DatabaseBucketStore, onKnexPool, RATE_LIMIT_TABLE } from '../../src/rate-limit/database-store';
import { InsuredBucketStore, ThrottledWarning } from '../../src/rate-limit/insured-store';
import { MemoryBucketStore, type BucketCheck } from '../../src/rate-limit/store';
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
    let now = 1_700_000_000_000;
    const clock = () => now;
    const instances = [new DatabaseBucketStore(onKnexPool(one), { now: clock }), new DatabaseBucketStore(onKnexPool(two), { now: clock })];
    const memory = new MemoryBucketStore(clock);
    const alice: BucketCheck = { key: 'comments|member|1', capacity: 3 };
    const bob: BucketCheck = { key: 'comments|member|2', capacity: 3 };
    const address: BucketCheck = { key: 'comments|ip|10.0.0.1', capacity: 5 };
    // [ms later, who]: bursts, refused requests, partial refills, a full refill.
    const steps: Array<[number, BucketCheck]> = [
      [0, alice], [0, alice], [0, alice], [0, alice], [0, bob], [0, bob], [0, bob],
      [7_000, bob], [13_000, alice], [0, alice], [19_999, alice], [1, alice], [4_321, bob], [60_000, alice], [0, bob],
    ];
    const shared = [];
    const expected = [];
    for (const [i, [later, member]] of steps.entries()) {
      now += later;
      shared.push(await instances[i % 2].take([member, address]));
      expected.push(memory.take([member, address]));
    }
    expect(shared).toEqual(expected);
    // The timeline did refuse some requests, by member and by address, with waits to the second.
    expect(expected.filter((o) => !o.taken).map((o) => o.waits)).toEqual([[20, 0], [0, 12], [0, 5], [20, 4], [1, 0]]);
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
