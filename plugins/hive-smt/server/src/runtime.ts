import type { Core } from '@strapi/strapi';
import { configSchema, type HiveSmtConfig } from './config';
import { HiveChain, type ChainEndpoint } from './chain/hive-chain';
import { KeyRing } from './chain/keys';
import { ENGINE_MAINNET_API, MAINNET_ADDRESS_PREFIX, MAINNET_CHAIN_ID } from './chain/protocol';
import { createJobQueue, type JobQueue } from './jobs/queue';
import { JobWorker, type JobHandler } from './jobs/worker';
import { createMirrorRecords, type MirrorRecords } from './mirror/records';
import { redactCredentials } from './text/redact';

/** The embedded devnet, loaded only when no Hive node is configured. */
type DevnetHandle = { url: string; chainId: string; addressPrefix: string; engineApi: string; engineId: string; accounts: Array<{ name: string; keys: Record<string, { wif: string }> }>; stop(): Promise<void>; [k: string]: any };

/** Everything the plugin holds for one Strapi instance. */
export interface PluginRuntime {
  config: HiveSmtConfig;
  queue: JobQueue;
  records: MirrorRecords;
  handlers: JobHandler[];
  endpoint?: ChainEndpoint;
  chain?: HiveChain;
  keys?: KeyRing;
  devnet?: DevnetHandle | null;
  worker?: JobWorker;
  /** Why chain work is paused (missing key, unreachable configuration), or null. */
  paused: string | null;
  timers: NodeJS.Timeout[];
  lastErrors: Array<{ at: string; message: string }>;
}

const runtimes = new WeakMap<object, PluginRuntime>();

export function createRuntime(strapi: Core.Strapi): PluginRuntime {
  const config = configSchema.parse(strapi.config.get('plugin::hive-smt'));
  const runtime: PluginRuntime = {
    config,
    queue: createJobQueue(strapi),
    records: createMirrorRecords(strapi),
    handlers: [],
    paused: null,
    timers: [],
    lastErrors: [],
  };
  runtimes.set(strapi, runtime);
  return runtime;
}

export function runtimeOf(strapi: Core.Strapi): PluginRuntime {
  const runtime = runtimes.get(strapi);
  if (!runtime) throw new Error('hive-smt is not registered');
  return runtime;
}

/** The chain connection, or an error saying why chain work is paused. */
export function requireChain(runtime: PluginRuntime): HiveChain {
  if (!runtime.chain) throw new Error(runtime.paused ?? 'The Hive connection is not started yet.');
  return runtime.chain;
}

/**
 * Admin action: cancels a chain job. One holding a signed transaction is cancelled only once Hive
 * proves that transaction will never land; its handler then releases what the job held (payout lines).
 */
export async function cancelChainJob(runtime: PluginRuntime, documentId: string): Promise<{ ok: boolean; reason?: string }> {
  const result = await runtime.queue.cancel(documentId, (job) => requireChain(runtime).locateStored(job));
  if (result.ok && result.job) {
    const handler = runtime.handlers.find((h) => h.kinds.includes(result.job!.kind));
    await handler?.onCancelled?.(result.job);
  }
  return { ok: result.ok, reason: result.reason };
}

export function requireKeys(runtime: PluginRuntime): KeyRing {
  if (!runtime.keys) throw new Error(runtime.paused ?? 'The Hive connection is not started yet.');
  return runtime.keys;
}

/** Remembers an error for the admin's chain-health page (never a key: messages are built without them). */
export function noteError(runtime: PluginRuntime, message: string) {
  runtime.lastErrors.unshift({ at: new Date().toISOString(), message });
  runtime.lastErrors.length = Math.min(runtime.lastErrors.length, 20);
}

/**
 * Connects to Hive: the configured nodes, or — when none are configured and
 * this is not production — a devnet started inside this process.
 */
export async function connectChain(strapi: Core.Strapi, runtime: PluginRuntime) {
  const { config } = runtime;
  let devnet: DevnetHandle | null = null;
  if (config.nodes.length === 0) {
    if (process.env.NODE_ENV === 'production') throw new Error('hive-smt: HIVE_NODES is not set; the devnet is not started in production.');
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { startDevnet } = require('../../devnet/src');
    devnet = (await startDevnet({
      port: config.devnet.port,
      dataDir: config.devnet.dataDir,
      blockIntervalMs: config.devnet.blockIntervalMs,
      engineId: config.engine.id,
      log: (line: string) => strapi.log.debug(`[devnet] ${line}`),
    })) as DevnetHandle;
    strapi.log.info(`[hive-smt] local Hive devnet at ${devnet.url} (chain id ${devnet.chainId.slice(0, 12)}…); run "npm run chain" alone to see its demo accounts`);
  }
  runtime.devnet = devnet;
  runtime.endpoint = {
    nodes: devnet ? [devnet.url] : config.nodes,
    chainId: devnet ? devnet.chainId : config.chainId ?? MAINNET_CHAIN_ID,
    addressPrefix: devnet ? devnet.addressPrefix : config.addressPrefix ?? MAINNET_ADDRESS_PREFIX,
    engineApi: devnet ? devnet.engineApi : config.engine.api || ENGINE_MAINNET_API,
    engineId: devnet ? devnet.engineId : config.engine.id,
    devnet: !!devnet,
    timeoutMs: config.worker.broadcastTimeoutMs,
  };
  runtime.chain = new HiveChain(runtime.endpoint);
  const genesisKeys = devnet ? new Map(devnet.accounts.map((a) => [a.name, a.keys])) : null;
  runtime.keys = new KeyRing(config.appAccount, {
    env: process.env,
    // DEVNET ONLY: the devnet's well-known genesis keys, never used against configured nodes.
    devnetKey: genesisKeys ? (account, role) => genesisKeys.get(account)?.[role]?.wif : undefined,
  });
  // A malformed key stops startup with a message naming the variable, never the key.
  runtime.keys.validateAll();
  if (runtime.keys.describe(config.appAccount, 'posting') === 'missing') {
    runtime.paused = `Mirroring paused: no posting key for the app account @${config.appAccount}. Set HIVE_APP_POSTING_KEY (or HIVE_KEYS_FILE) and restart.`;
    strapi.log.warn(`[hive-smt] ${runtime.paused}`);
  }
}

export function startWorker(strapi: Core.Strapi, runtime: PluginRuntime) {
  const { worker } = runtime.config;
  runtime.worker = new JobWorker(runtime.queue, runtime.handlers, {
    pollIntervalMs: worker.pollIntervalMs,
    leaseMs: worker.leaseMs,
    maxAttempts: worker.maxAttempts,
    backoffBaseMs: worker.backoffBaseMs,
    backoffMaxMs: worker.backoffMaxMs,
    recheckMs: worker.recheckMs,
    concurrency: worker.concurrency,
    // Worker messages quote the errors of the node they talk to, whose URL may carry credentials.
    log: {
      warn: (m) => {
        noteError(runtime, redactCredentials(m));
        strapi.log.warn(redactCredentials(m));
      },
      error: (m) => {
        noteError(runtime, redactCredentials(m));
        strapi.log.error(redactCredentials(m));
      },
    },
  });
  runtime.worker.start();
}

/** A periodic task that never overlaps itself and never throws out of its timer. */
export function every(runtime: PluginRuntime, ms: number, task: () => Promise<unknown>, onError: (e: unknown) => void) {
  let busy = false;
  const timer = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      await task();
    } catch (error) {
      onError(error);
    } finally {
      busy = false;
    }
  }, ms);
  timer.unref?.();
  runtime.timers.push(timer);
}
