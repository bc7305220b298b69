import { DEVELOPMENT_SECRETS as DEV } from '../src/secrets/development-defaults';

// Development fallbacks only: production refuses to start on them (src/secrets/production-guard.ts).
export default ({ env }) => ({
  auth: {
    secret: env('ADMIN_JWT_SECRET', DEV.ADMIN_JWT_SECRET),
  },
  apiToken: {
    salt: env('API_TOKEN_SALT', DEV.API_TOKEN_SALT),
  },
  transfer: {
    token: {
      salt: env('TRANSFER_TOKEN_SALT', DEV.TRANSFER_TOKEN_SALT),
    },
  },
  secrets: {
    encryptionKey: env('ENCRYPTION_KEY', DEV.ENCRYPTION_KEY),
  },
  // `strapi develop` restarts the server when a file changes: the members' web app is served from its build
  // (and `npm run web:dev` reloads it live), so editing it must not restart the server.
  watchIgnoreFiles: ['**/apps/**'],
  flags: {
    nps: false,
    promoteEE: false,
  },
});
