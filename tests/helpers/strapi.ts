import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';

export const APP_DIR = path.resolve(__dirname, '../..');

/** The secrets every test app runs with (in-process or as a child process); the secret scan looks for them. */
export const TEST_APP_SECRETS = {
  APP_KEYS: 'testKeyA,testKeyB',
  JWT_SECRET: 'quanzi-test-jwt-secret',
  ADMIN_JWT_SECRET: 'quanzi-test-admin-jwt-secret',
  API_TOKEN_SALT: 'quanzi-test-api-token-salt',
  TRANSFER_TOKEN_SALT: 'quanzi-test-transfer-token-salt',
  ENCRYPTION_KEY: 'quanzi-test-encryption-key',
};

let instance: Core.Strapi | null = null;
let databaseFile: string | null = null;

/**
 * Boots the real, compiled Quanzi app (dist/, built by `npm test`) on a fresh
 * SQLite file of its own, with the embedded devnet on an ephemeral port.
 * One Strapi per jest process: call in beforeAll, stopStrapi in afterAll.
 */
export async function startStrapi(env: Record<string, string> = {}): Promise<Core.Strapi> {
  if (instance) return instance;
  const worker = process.env.JEST_WORKER_ID ?? '0';
  databaseFile = path.join(APP_DIR, '.tmp', `test-${worker}-${process.pid}-${Date.now()}.db`);
  fs.mkdirSync(path.dirname(databaseFile), { recursive: true });
  Object.assign(process.env, {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    DATABASE_CLIENT: process.env.TEST_DATABASE_CLIENT ?? 'sqlite',
    DATABASE_FILENAME: databaseFile,
    HIVE_DEVNET_PORT: '0',
    // Fast blocks: chain time runs ahead of the wall clock, so the 5-minute rule passes in ~10 s.
    HIVE_DEVNET_BLOCK_MS: '100',
    ...TEST_APP_SECRETS,
    ...env,
  });
  const { createStrapi } = require('@strapi/strapi');
  const app: Core.Strapi = await createStrapi({ appDir: APP_DIR, distDir: path.join(APP_DIR, 'dist') }).load();
  require('./response-recorder').installResponseRecorder(app);
  await app.server.mount();
  instance = app;
  return app;
}

export async function stopStrapi() {
  if (!instance) return;
  const app = instance;
  instance = null;
  await app.destroy();
  if (databaseFile) {
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(databaseFile + suffix, { force: true });
    databaseFile = null;
  }
}

export function currentStrapi(): Core.Strapi {
  if (!instance) throw new Error('startStrapi() first');
  return instance;
}
