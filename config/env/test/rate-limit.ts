/** Test suites write fast from one address: limits are out of the way unless a suite sets them (tests/integration/rate-limit.test.ts). */
export default ({ env }) => ({
  writes: { perMember: env.int('RATE_LIMIT_WRITES_PER_MEMBER', 100000), perIp: env.int('RATE_LIMIT_WRITES_PER_IP', 100000) },
  logins: { perIp: env.int('RATE_LIMIT_LOGINS_PER_IP', 100000) },
  likes: { perMember: env.int('RATE_LIMIT_LIKES_PER_MEMBER', 100000), perIp: env.int('RATE_LIMIT_LIKES_PER_IP', 100000) },
});
