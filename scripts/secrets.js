#!/usr/bin/env node
// npm run secrets: a fresh set of Strapi's secrets for a production .env, one
// random value each (APP_KEYS: four keys). Printed, never written anywhere.
const { randomBytes } = require('crypto');

const value = () => randomBytes(32).toString('base64');
const lines = [
  `APP_KEYS=${[value(), value(), value(), value()].join(',')}`,
  `API_TOKEN_SALT=${value()}`,
  `ADMIN_JWT_SECRET=${value()}`,
  `TRANSFER_TOKEN_SALT=${value()}`,
  `JWT_SECRET=${value()}`,
  `ENCRYPTION_KEY=${value()}`,
];
process.stdout.write(`${lines.join('\n')}\n`);
