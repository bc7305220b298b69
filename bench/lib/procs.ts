/**
 * Servers under test, each its own child process on 127.0.0.1: so that RSS is
 * read per process (/proc/<pid>/status) and a cold start is timed from spawn
 * to the first 200.
 */
import { spawn, type ChildProcess } from 'child_process';
import fs from 'fs';
import http from 'http';
import net from 'net';
import { APP_DIR } from './paths';

export interface Child {
  name: string;
  child: ChildProcess;
  pid: number;
  /** The last lines it wrote (stdout and stderr), for error messages. */
  output: string[];
  spawnedAt: number;
  stop(): Promise<void>;
}

/** A free loopback port (bound and released), so a server's URL is known before it starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Every child still running, so an interrupted bench leaves none behind. */
const running = new Set<Child>();

export function stopAllChildren(): Promise<void[]> {
  return Promise.all([...running].map((c) => c.stop()));
}

export function startChild(name: string, script: string, env: Record<string, string>, args: string[] = []): Child {
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [script, ...args], {
    cwd: APP_DIR,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line) continue;
      output.push(line);
      if (output.length > 200) output.shift();
      if (process.env.BENCH_VERBOSE) process.stderr.write(`  [${name}] ${line}\n`);
    }
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const handle: Child = {
    name,
    child,
    pid: child.pid!,
    output,
    spawnedAt,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const hard = setTimeout(() => child.kill('SIGKILL'), 10000);
        child.once('exit', () => {
          clearTimeout(hard);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
  running.add(handle);
  child.once('exit', () => running.delete(handle));
  return handle;
}

/** Resolves with the first stdout/stderr line matching pattern; rejects if the process exits or time runs out. */
export function waitForLine(proc: Child, pattern: RegExp, timeoutMs = 120000): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (error: Error | null, match?: RegExpMatchArray) => {
      if (done) return;
      done = true;
      clearInterval(poll);
      clearTimeout(timer);
      proc.child.off('exit', onExit);
      if (error) reject(error);
      else resolve(match!);
    };
    const check = () => {
      for (const line of proc.output) {
        const m = line.match(pattern);
        if (m) return finish(null, m);
      }
    };
    const onExit = (code: number | null) => {
      check();
      finish(new Error(`${proc.name} exited (${code}) before printing ${pattern}:\n${proc.output.slice(-25).join('\n')}`));
    };
    const poll = setInterval(check, 20);
    const timer = setTimeout(() => finish(new Error(`${proc.name}: nothing matching ${pattern} within ${timeoutMs} ms:\n${proc.output.slice(-25).join('\n')}`)), timeoutMs);
    proc.child.once('exit', onExit);
    check();
  });
}

/** One GET; resolves with the status code (0 when the connection failed). */
export function httpStatus(url: string, timeoutMs = 2000): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: timeoutMs, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

/** Polls url until it answers 200; returns ms since the process was spawned (its cold start). */
export async function waitFor200(proc: Child, url: string, timeoutMs = 120000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) throw new Error(`${proc.name} exited (${proc.child.exitCode}) while starting:\n${proc.output.slice(-25).join('\n')}`);
    if ((await httpStatus(url, 1000)) === 200) return performance.now() - proc.spawnedAt;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${proc.name}: ${url} did not answer 200 within ${timeoutMs} ms:\n${proc.output.slice(-25).join('\n')}`);
}

/** Resident set size of a process in MiB (VmRSS), or NaN when it is gone. */
export function rssMiB(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = status.match(/^VmRSS:\s+(\d+)\s+kB/m);
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Samples a process's RSS every intervalMs until stopped: peak and mean in MiB. */
export function sampleRss(pid: number, intervalMs = 200) {
  const samples: number[] = [];
  const take = () => {
    const v = rssMiB(pid);
    if (Number.isFinite(v)) samples.push(v);
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      const peak = samples.length ? Math.max(...samples) : NaN;
      const mean = samples.length ? samples.reduce((a, b) => a + b, 0) / samples.length : NaN;
      return { peakMiB: peak, meanMiB: mean, samples: samples.length };
    },
  };
}
