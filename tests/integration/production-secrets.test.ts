import fs from 'fs';
import os from 'os';
import path from 'path';
import { DEVELOPMENT_SECRETS, SECRET_NAMES } from '../../src/secrets/development-defaults';
import { runAppProcess } from '../helpers/processes';
import { TEST_APP_SECRETS } from '../helpers/strapi';

/**
 * The app, started as `npm start` would start it with NODE_ENV=production,
 * refuses to run on secrets anyone can read in this repository, and says which
 * variables to set — never their values.
 */
const unset = Object.fromEntries(SECRET_NAMES.map((name) => [name, undefined]));
let dir: string;
const production = (env: Record<string, string | undefined>) =>
  runAppProcess({ NODE_ENV: 'production', DATABASE_FILENAME: path.join(dir, `prod-${Date.now()}.db`), ...unset, ...env });

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quanzi-production-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('refuses to start with none of the six secrets set, naming all six', async () => {
  const { code, ready, output } = await production({});
  expect(ready).toBe(false);
  expect(code).not.toBe(0);
  const text = output.join('\n');
  expect(text).toMatch(/will not start in production/);
  for (const name of SECRET_NAMES) expect(text).toContain(name);
  for (const value of Object.values(DEVELOPMENT_SECRETS)) expect(text).not.toContain(value);
}, 120000);

it("refuses the development values and .env.example's placeholders, naming only those variables", async () => {
  const { ready, output } = await production({ ...TEST_APP_SECRETS, JWT_SECRET: DEVELOPMENT_SECRETS.JWT_SECRET, APP_KEYS: 'changeMeA,changeMeB' });
  expect(ready).toBe(false);
  const line = output.find((l) => /will not start in production/.test(l)) ?? '';
  expect(line).toMatch(/: APP_KEYS, JWT_SECRET\./);
  expect(output.join('\n')).not.toContain(DEVELOPMENT_SECRETS.JWT_SECRET);
}, 120000);

it('gets past the secrets with a fresh set (and stops at the next production rule: real Hive nodes)', async () => {
  const { ready, output } = await production({ ...TEST_APP_SECRETS });
  expect(ready).toBe(false);
  const text = output.join('\n');
  expect(text).not.toMatch(/will not start in production/);
  expect(text).toMatch(/HIVE_NODES is not set/);
}, 120000);
