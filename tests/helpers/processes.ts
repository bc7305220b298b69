import { spawn, type ChildProcess } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { APP_DIR, TEST_APP_SECRETS } from './strapi';

export interface Proc {
  child: ChildProcess;
  output: string[];
  /** Ends the process: 'SIGKILL' simulates a crash, 'SIGTERM' a clean stop. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

function track(child: ChildProcess): Proc {
  const output: string[] = [];
  const collect = (chunk: Buffer) => output.push(...chunk.toString().split('\n').filter(Boolean));
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return {
    child,
    output,
    stop(signal: NodeJS.Signals = 'SIGTERM') {
      return new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
        // A clean stop that hangs is ended for real.
        setTimeout(() => child.kill('SIGKILL'), 15000).unref();
      });
    },
  };
}

function waitForLine(proc: Proc, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms:\n${proc.output.slice(-30).join('\n')}`)), timeoutMs);
    const check = () => {
      for (const line of proc.output) {
        const match = line.match(pattern);
        if (match) {
          clearTimeout(timer);
          proc.child.stdout?.off('data', check);
          return resolve(match);
        }
      }
    };
    proc.child.stdout?.on('data', check);
    proc.child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`process exited (${code}) before ${pattern}:\n${proc.output.slice(-30).join('\n')}`));
    });
    check();
  });
}

export interface DevnetProc extends Proc {
  url: string;
  chainId: string;
  dataDir: string;
}

/** The devnet as its own process (what `npm run chain` runs), on an ephemeral loopback port. */
export async function startDevnetProcess(env: Record<string, string> = {}): Promise<DevnetProc> {
  const dataDir = env.HIVE_DEVNET_DATA ?? fs.mkdtempSync(path.join(os.tmpdir(), 'quanzi-devnet-'));
  const child = spawn(process.execPath, [path.join(APP_DIR, 'packages/hive-devnet/dist/src/cli.js')], {
    env: { ...process.env, HIVE_DEVNET_PORT: '0', HIVE_DEVNET_DATA: dataDir, HIVE_DEVNET_BLOCK_MS: '100', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const proc = track(child);
  const [, url] = await waitForLine(proc, /JSON-RPC\s+(http:\/\/\S+)/, 20000);
  const [, chainId] = await waitForLine(proc, /chain id\s+([0-9a-f]{64})/, 5000);
  return { ...proc, url, chainId, dataDir };
}

export interface AppProc extends Proc {
  url: string;
}

/** The compiled app as its own process, listening on an ephemeral loopback port. */
export async function startAppProcess(env: Record<string, string>): Promise<AppProc> {
  const child = spawn(process.execPath, [path.join(APP_DIR, 'tests/helpers/app-runner.js')], {
    cwd: APP_DIR,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'warn',
      ...TEST_APP_SECRETS,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const proc = track(child);
  const [, port] = await waitForLine(proc, /^READY (\d+)/, 90000);
  return { ...proc, url: `http://127.0.0.1:${port}` };
}

/**
 * DEVNET ONLY: the environment that points an app process at a devnet process
 * as if it were public Hive nodes — node URL, chain id, prefix, engine API and
 * the devnet's well-known keys passed the way real keys are (environment).
 */
export function appEnvForDevnet(devnet: DevnetProc, keys: Record<string, string>): Record<string, string> {
  return {
    HIVE_NODES: devnet.url,
    HIVE_CHAIN_ID: devnet.chainId,
    HIVE_ADDRESS_PREFIX: 'TST',
    HIVE_ENGINE_API: `${devnet.url}/rpc`,
    ...keys,
  };
}

/**
 * Runs the compiled app as its own process with exactly this environment on
 * top of the machine's (no test secrets added: a key set to undefined is
 * removed), until it exits or listens; returns how it ended and what it said.
 */
export async function runAppProcess(env: Record<string, string | undefined>, timeoutMs = 90000): Promise<{ code: number | null; ready: boolean; output: string[] }> {
  const merged: Record<string, string> = { ...(process.env as Record<string, string>), HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn' };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete merged[key];
    else merged[key] = value;
  }
  const child = spawn(process.execPath, [path.join(APP_DIR, 'tests/helpers/app-runner.js')], { cwd: APP_DIR, env: merged, stdio: ['ignore', 'pipe', 'pipe'] });
  const proc = track(child);
  return new Promise((resolve) => {
    const timer = setTimeout(() => finish(false), timeoutMs);
    const onData = () => {
      if (proc.output.some((line) => /^READY \d+/.test(line))) finish(true);
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => finish(false, code));
    let done = false;
    function finish(ready: boolean, code: number | null = null) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      if (ready) void proc.stop();
      resolve({ code, ready, output: proc.output });
    }
  });
}
