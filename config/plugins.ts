import { DEVELOPMENT_SECRETS as DEV } from '../src/secrets/development-defaults';

// Development fallbacks only: production refuses to start on them (src/secrets/production-guard.ts).
export default ({ env }) => ({
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET', DEV.JWT_SECRET),
      jwt: { expiresIn: '30d' },
    },
  },
  'hive-smt': {
    enabled: true,
    resolve: './plugins/hive-smt',
  },
});
