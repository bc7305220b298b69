import Redis from 'ioredis';

/**
 * Redis for the shared rate-limit suites. .ci/run installs and starts it and
 * sets QUANZI_TEST_REDIS; each test file keeps its keys under a prefix of its
 * own (test files run in parallel on one Redis). Without it, these tests are
 * skipped on a developer machine and fail in CI.
 */
export const REDIS_TEST_URL = process.env.QUANZI_TEST_REDIS ?? '';

export function describeWithRedis(name: string, body: () => void) {
  if (REDIS_TEST_URL) return describe(name, body);
  if (process.env.CI) {
    return describe(name, () => {
      it('needs Redis: QUANZI_TEST_REDIS is not set', () => {
        throw new Error('QUANZI_TEST_REDIS is not set; .ci/run starts Redis and sets it.');
      });
    });
  }
  return describe.skip(`${name} (skipped: set QUANZI_TEST_REDIS to run)`, body);
}

/** A key prefix no other test file (or earlier run) uses. */
export function testRedisPrefix(label: string): string {
  return `quanzi-test:${label}:${process.pid}:${Date.now()}:`;
}

/** A plain client, to look at what the stores wrote. */
export function redisClient(): Redis {
  return new Redis(REDIS_TEST_URL, { maxRetriesPerRequest: 1 });
}
