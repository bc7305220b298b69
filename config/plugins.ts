export default ({ env }) => ({
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET', 'quanzi-dev-jwt-secret'),
      jwt: { expiresIn: '30d' },
    },
  },
  'hive-smt': {
    enabled: true,
    resolve: './plugins/hive-smt',
  },
});
