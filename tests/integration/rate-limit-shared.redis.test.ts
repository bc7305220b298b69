import { describeWithPostgres } from '../helpers/postgres';
import { describeWithRedis, redisClient, REDIS_TEST_URL, testRedisPrefix } from '../helpers/redis';
import { sharedLimitsSuite } from '../helpers/shared-limits';
import { REDIS_BUCKET_TAG } from '../../src/rate-limit/redis-store';

describeWithRedis('rate limits shared by two instances through Redis', () => {
  describeWithPostgres('(two instances on one PostgreSQL database)', () => {
    const prefix = testRedisPrefix('shared-limits');
    // RATE_LIMIT_STORE unset: with REDIS_URL set, the buckets are kept in Redis by default.
    sharedLimitsSuite({ REDIS_URL: REDIS_TEST_URL, RATE_LIMIT_REDIS_PREFIX: prefix }, (world) => {
      it('kept every bucket in Redis under its prefix, none in the database', async () => {
        const redis = redisClient();
        try {
          const keys = await redis.keys(`${prefix}*`);
          for (const scope of ['posts', 'comments', 'likes']) expect(keys.some((key) => key.startsWith(`${prefix}${REDIS_BUCKET_TAG}:${scope}|member|`))).toBe(true);
          if (keys.length > 0) await redis.unlink(...keys);
        } finally {
          await redis.quit();
        }
        const { rows } = await world().pg.query(`SELECT count(*)::int AS n FROM rate_limit_buckets`);
        expect(rows[0].n).toBe(0);
      });
    });
  });
});
