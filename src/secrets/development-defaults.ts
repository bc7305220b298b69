/**
 * The secrets Quanzi falls back to on a development machine, so `npm run
 * develop` works with no configuration. Public knowledge (they are in this
 * repository): anyone could sign a member's or an admin's token with them,
 * which is why production refuses to start while any of them is in use
 * (production-guard.ts).
 */
export const DEVELOPMENT_SECRETS = {
  APP_KEYS: 'quanziDevKeyA,quanziDevKeyB',
  API_TOKEN_SALT: 'quanzi-dev-api-token-salt',
  ADMIN_JWT_SECRET: 'quanzi-dev-admin-jwt-secret',
  TRANSFER_TOKEN_SALT: 'quanzi-dev-transfer-token-salt',
  JWT_SECRET: 'quanzi-dev-jwt-secret',
  ENCRYPTION_KEY: 'quanzi-dev-encryption-key',
} as const;

export type SecretName = keyof typeof DEVELOPMENT_SECRETS;

export const SECRET_NAMES = Object.keys(DEVELOPMENT_SECRETS) as SecretName[];
