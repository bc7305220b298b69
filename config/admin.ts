export default ({ env }) => ({
  auth: {
    secret: env('ADMIN_JWT_SECRET', 'quanzi-dev-admin-jwt-secret'),
  },
  apiToken: {
    salt: env('API_TOKEN_SALT', 'quanzi-dev-api-token-salt'),
  },
  transfer: {
    token: {
      salt: env('TRANSFER_TOKEN_SALT', 'quanzi-dev-transfer-token-salt'),
    },
  },
  secrets: {
    encryptionKey: env('ENCRYPTION_KEY', 'quanzi-dev-encryption-key'),
  },
  flags: {
    nps: false,
    promoteEE: false,
  },
});
