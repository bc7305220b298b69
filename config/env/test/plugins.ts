export default ({ env }) => ({
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET', 'quanzi-test-jwt-secret'),
      // Tests log in many members within a minute; the /api/auth rate limit is tested on its own.
      ratelimit: { enabled: false },
    },
  },
});
