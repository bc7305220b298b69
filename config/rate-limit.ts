import { rateLimitStoreSetting } from '../src/rate-limit/settings';

/**
 * Rate limits of the write routes (src/middlewares/rate-limit.ts), per minute.
 * Members: posting, commenting, reporting. IPs: generous, because a school or
 * a block of flats shares one address. `store`: where the buckets live
 * (RATE_LIMIT_STORE; src/rate-limit/settings.ts) — in Redis when REDIS_URL
 * is set, else on PostgreSQL, shared by every instance, so N instances
 * enforce one limit. `redis.prefix` lets several apps share one Redis.
 */
export default ({ env }) => ({
  store: rateLimitStoreSetting(env('RATE_LIMIT_STORE'), env('DATABASE_CLIENT', 'sqlite'), env('REDIS_URL')),
  redis: { url: env('REDIS_URL', ''), prefix: env('RATE_LIMIT_REDIS_PREFIX', 'quanzi:') },
  writes: { perMember: env.int('RATE_LIMIT_WRITES_PER_MEMBER', 30), perIp: env.int('RATE_LIMIT_WRITES_PER_IP', 300) },
  logins: { perIp: env.int('RATE_LIMIT_LOGINS_PER_IP', 30) },
  // For the hive-smt plugin's like routes: likes earn rewards, so they are limited on their own.
  likes: { perMember: env.int('RATE_LIMIT_LIKES_PER_MEMBER', 60), perIp: env.int('RATE_LIMIT_LIKES_PER_IP', 600) },
});
