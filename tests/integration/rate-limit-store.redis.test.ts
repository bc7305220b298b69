import type Redis from 'ioredis';
import { connectRedis, REDIS_BUCKET_TAG, RedisBucketStore } from '../../src/rate-limit/redis-store';
import { REFILL_WINDOW_MS } from '../../src/rate-limit/token-bucket';
import { InsuredBucketStore, ThrottledWarning } from '../../src/rate-limit/insured-store';
import { MemoryBucketStore } from '../../src/rate-limit/store';
import { expectSameAsMemory } from '../helpers/bucket-timeline';
import { describeWithRedis, redisClient, REDIS_TEST_URL, testRedisPrefix } from '../helpers/redis';

/**
 * The shared bucket store on a real Redis, without Strapi: two clients stand
 * for two instances. With a test clock it answers exactly what the memory
 * store answers (same maths in the Lua script); with Redis's clock, concurrent
 * takes from both clients never spend more than the bucket holds.
 */
describeWithRedis('the rate limiter’s bucket store on Redis', () => {
  const prefix = testRedisPrefix('buckets');
  let one: Redis;
  let two: Redis;
  let look: Redis;

  beforeAll(async () => {
    one = connectRedis(REDIS_TEST_URL);
    two = connectRedis(REDIS_TEST_URL);
    look = redisClient();
    await Promise.all([one.connect(), two.connect()]);
  });
  afterAll(async () => {
    await new RedisBucketStore(look, { prefix }).reset();
    await Promise.all([one?.quit(), two?.quit(), look?.quit()]);
  });
  afterEach(async () => {
    await new RedisBucketStore(look, { prefix }).reset();
  });

  it('answers as the memory store does, whichever instance asks, at every step of a timeline', async () => {
    await expectSameAsMemory((clock) => [new RedisBucketStore(one, { prefix, now: clock }), new RedisBucketStore(two, { prefix, now: clock })]);
  });

  it('never spends more than the bucket holds when both instances take at once', async () => {
    const stores = [new RedisBucketStore(one, { prefix }), new RedisBucketStore(two, { prefix })];
    const outcomes = await Promise.all(Array.from({ length: 40 }, (_, i) => stores[i % 2].take([{ key: 'likes|member|9', capacity: 10 }])));
    expect(outcomes.filter((o) => o.taken)).toHaveLength(10);
    for (const refused of outcomes.filter((o) => !o.taken)) expect(refused.waits[0]).toBeGreaterThanOrEqual(1);
  });

  it('leaves a refused request’s other bucket as it was, and lets a spent bucket expire once it would be full', async () => {
    const store = new RedisBucketStore(one, { prefix, now: () => 0 });
    const member = { key: 'posts|member|3', capacity: 1 };
    const address = { key: 'posts|ip|10.0.0.2', capacity: 2 };
    expect((await store.take([member, address])).taken).toBe(true);
    expect(await store.take([member, address])).toEqual({ taken: false, waits: [60, 0] });
    const addressKey = `${prefix}${REDIS_BUCKET_TAG}:${address.key}`;
    expect(await look.hget(addressKey, 'tokens')).toBe('1');
    // Any bucket is full one refill window after its last take: Redis forgets it then, and nothing sweeps.
    const ttl = await look.pttl(addressKey);
    expect(ttl).toBeGreaterThan(REFILL_WINDOW_MS - 5_000);
    expect(ttl).toBeLessThanOrEqual(REFILL_WINDOW_MS);
  });

  it('keeps each prefix’s buckets apart, and reset empties only its own', async () => {
    const mine = new RedisBucketStore(one, { prefix, now: () => 0 });
    const otherPrefix = testRedisPrefix('other');
    const theirs = new RedisBucketStore(two, { prefix: otherPrefix, now: () => 0 });
    const check = [{ key: 'likes|member|5', capacity: 1 }];
    expect((await mine.take(check)).taken).toBe(true);
    expect((await theirs.take(check)).taken).toBe(true);
    await mine.reset();
    expect((await mine.take(check)).taken).toBe(true);
    expect((await theirs.take(check)).taken).toBe(false);
    await theirs.reset();
  });

  it("falls back to the instance's memory, with a warning, when Redis does not answer", async () => {
    // A Redis that refuses connections (nothing listens on port 1).
    const gone = connectRedis('redis://127.0.0.1:1');
    const lines: string[] = [];
    const store = new InsuredBucketStore(new RedisBucketStore(gone, { prefix }), new MemoryBucketStore(), new ThrottledWarning((line) => lines.push(line)));
    try {
      await expect(store.ready()).rejects.toThrow();
      const check = [{ key: 'likes|member|4', capacity: 2 }];
      const outcomes = [await store.take(check), await store.take(check), await store.take(check)];
      expect(outcomes.map((o) => o.taken)).toEqual([true, true, false]);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/\[rate-limit\] the shared bucket store did not answer .*limited by this instance's memory/);
    } finally {
      gone.disconnect();
    }
  });
});
