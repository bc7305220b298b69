/** Starting the servers under test: the Quanzi app, bare Strapi, the floor, devnets. */
import fs from 'fs';
import path from 'path';
import { devnetModule } from './chain';
import { APP_DIR, DIST_DIR, runnerPath } from './paths';
import { freePort, startChild, waitFor200, waitForLine, type Child } from './procs';

/** The parent's environment without anything that would change how a child app behaves. */
function cleanEnv(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined) continue;
    if (/^(HIVE_|DATABASE_|RATE_LIMIT_|FEED_CACHE_|WECHAT_|REWARDS_|SEED_|JEST_|TEST_|PORT$|HOST$|NODE_ENV$|LOG_LEVEL$)/.test(k)) continue;
    out[k] = v;
  }
  return out;
}

const SECRETS = {
  APP_KEYS: 'benchKeyA,benchKeyB',
  JWT_SECRET: 'quanzi-bench-jwt-secret',
  ADMIN_JWT_SECRET: 'quanzi-bench-admin-jwt-secret',
  API_TOKEN_SALT: 'quanzi-bench-api-token-salt',
  TRANSFER_TOKEN_SALT: 'quanzi-bench-transfer-token-salt',
  ENCRYPTION_KEY: 'quanzi-bench-encryption-key',
};

/** What every Strapi under test shares: production mode, quiet logs, loopback. */
function strapiEnv(databaseFile: string, port: number): Record<string, string> {
  return {
    ...cleanEnv(),
    ...SECRETS,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: databaseFile,
    STRAPI_TELEMETRY_DISABLED: 'true',
    // Members' access tokens are issued by the seed and used for the whole run: they must outlive it.
    MEMBER_ACCESS_TOKEN_SECONDS: String(6 * 60 * 60),
  };
}

/** The Quanzi app's environment against a devnet given as HIVE_NODES (as against real Hive nodes). */
export function appEnv(databaseFile: string, port: number, chain: { url: string; chainId: string }, extra: Record<string, string> = {}) {
  const unlimited = '100000000';
  return {
    ...strapiEnv(databaseFile, port),
    SEED_DEMO: 'false',
    HIVE_NODES: chain.url,
    HIVE_CHAIN_ID: chain.chainId,
    HIVE_ADDRESS_PREFIX: 'TST',
    HIVE_ENGINE_API: `${chain.url}/rpc`,
    // DEVNET ONLY: the devnet's well-known key of the app account.
    HIVE_APP_POSTING_KEY: devnetModule().devnetKey('quanzi', 'posting'),
    // The bench measures capacity, not the limiter: every write limit out of the way.
    RATE_LIMIT_WRITES_PER_MEMBER: unlimited,
    RATE_LIMIT_WRITES_PER_IP: unlimited,
    RATE_LIMIT_LIKES_PER_MEMBER: unlimited,
    RATE_LIMIT_LIKES_PER_IP: unlimited,
    BENCH_STRAPI_APP_DIR: APP_DIR,
    BENCH_STRAPI_DIST_DIR: DIST_DIR,
    ...extra,
  };
}

export interface Server {
  proc: Child;
  url: string;
  /** ms from spawn to the first 200 on /api/boards. */
  coldStartMs: number;
}

/** Binding attempts before a server's start fails: each one on a new free port. */
const BIND_ATTEMPTS = 3;

/**
 * Starts a server runner (each prints "READY <port>" once it listens) and
 * waits for its first 200 on `probe`. The port comes from freePort(), which
 * another process (a parallel test's server on port 0) can take before the
 * child binds it: so the first 200 counts only after our child said READY on
 * that port, and a child that could not bind (EADDRINUSE) is started again on
 * a new port. Without this a 200 from someone else's server passed for ours.
 */
async function startServer(name: string, script: string, env: Record<string, string>, probe: string, timeoutMs: number): Promise<Server> {
  for (let attempt = 1; ; attempt += 1) {
    const port = env.PORT && attempt === 1 ? Number(env.PORT) : await freePort();
    const proc = startChild(name, script, { ...env, PORT: String(port) });
    const url = `http://127.0.0.1:${port}`;
    const outcome = await waitForLine(proc, /^READY (\d+)/, timeoutMs).then(
      (ready) => ({ ready, error: null }),
      (error: Error) => ({ ready: null, error }),
    );
    if (outcome.ready && Number(outcome.ready[1]) === port) {
      try {
        return { proc, url, coldStartMs: await waitFor200(proc, `${url}${probe}`, timeoutMs) };
      } catch (error) {
        await proc.stop();
        throw error;
      }
    }
    // It never came up: stopped here, so it holds neither the port nor its database.
    await proc.stop();
    const portTaken = proc.output.some((line) => line.includes('EADDRINUSE'));
    if (!portTaken || attempt >= BIND_ATTEMPTS) throw outcome.error ?? new Error(`${name} listened on ${outcome.ready?.[1]}, not on ${port}`);
  }
}

/** timeoutMs: how long the boot may take (a boot that migrates a big database takes longer). */
export async function startStrapiServer(name: string, env: Record<string, string>, timeoutMs = 180000): Promise<Server> {
  return startServer(name, runnerPath('strapi-runner'), env, '/api/boards', timeoutMs);
}

export async function startApp(name: string, databaseFile: string, chain: { url: string; chainId: string }, extra: Record<string, string> = {}, timeoutMs?: number) {
  return startStrapiServer(name, appEnv(databaseFile, await freePort(), chain, extra), timeoutMs);
}

export async function startBare(name: string, bareDir: string, databaseFile: string) {
  return startStrapiServer(name, {
    ...strapiEnv(databaseFile, await freePort()),
    BENCH_STRAPI_APP_DIR: bareDir,
    BENCH_STRAPI_DIST_DIR: bareDir,
  });
}

export async function startFloor(databaseFile: string): Promise<Server> {
  return startServer('floor', runnerPath('floor-server'), { ...cleanEnv(), BENCH_FLOOR_DB: databaseFile, HOST: '127.0.0.1' }, '/api/boards', 30000);
}

/** The scale section's indexed floor (runners/scale-floor.ts) on a SQLite copy or a PostgreSQL database. */
export async function startScaleFloor(name: string, store: { sqlite: string } | { postgres: string }): Promise<Server> {
  const where = 'sqlite' in store ? { BENCH_FLOOR_DB: store.sqlite } : { BENCH_FLOOR_PG: store.postgres };
  return startServer(name, runnerPath('scale-floor'), { ...cleanEnv(), ...where, HOST: '127.0.0.1' }, '/api/boards', 30000);
}

export interface DevnetProc {
  proc: Child;
  url: string;
  chainId: string;
}

export async function startDevnetProc(name: string, options: { blockMs: number; genesisFile?: string }): Promise<DevnetProc> {
  const proc = startChild(name, runnerPath('devnet-runner'), {
    ...cleanEnv(),
    BENCH_DEVNET_BLOCK_MS: String(options.blockMs),
    ...(options.genesisFile ? { BENCH_DEVNET_GENESIS: options.genesisFile } : {}),
  });
  const [, url, chainId] = await waitForLine(proc, /^READY (\S+) ([0-9a-f]{64})/, 60000);
  return { proc, url, chainId };
}

/** The devnet's genesis plus `accounts` board accounts that granted posting authority to the app account. */
export function writeBenchGenesis(file: string, accounts: string[]) {
  const genesis = JSON.parse(JSON.stringify(devnetModule().DEVNET_GENESIS));
  for (const name of accounts) {
    // Hive Power as a real community account would hold (2,000 HP): RC for a post is about 1.2 billion, 1,000 VESTS give 1 billion.
    genesis.accounts.push({ name, kind: 'board', balance: '10.000 HIVE', hbd_balance: '1.000 HBD', vesting_shares: '4000000.000000 VESTS', postingAccountAuths: [['quanzi', 1]] });
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(genesis, null, 1));
}

/** A private copy of a database file, so no two servers ever share one. */
export function copyDb(from: string, to: string): string {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(to + suffix, { force: true });
  fs.copyFileSync(from, to);
  return to;
}
