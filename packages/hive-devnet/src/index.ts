/**
 * Quanzi devnet: a local Hive node speaking hived's JSON-RPC (what Quanzi and
 * dhive use), with hived 1.28's rules and error texts, resource credits,
 * hivemind's APIs (a block behind, as public nodes serve them), SQLite state,
 * on-demand or timed blocks, the Hive-Engine sidechain (two blocks behind,
 * one call per batch, a per-client rate limit) and fault injection.
 *
 * By default it answers the way today's public nodes do; the kinder options
 * (contentApi 'fatnode', zero lags, resourceCredits false, no rate limit) are
 * for tests that need them and must be asked for.
 *
 *   const devnet = await startDevnet({ port: 0, dataDir: null, blockIntervalMs: 0 });
 *   const client = new Client(devnet.url, { chainId: devnet.chainId, addressPrefix: devnet.addressPrefix });
 *   ...
 *   await devnet.produceBlocks(1);
 *   await devnet.stop();
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DevnetAccount, Genesis } from './accounts';
import { DEVNET_GENESIS, devnetAccounts } from './accounts';
import type { ApiContext, ContentApiMode } from './api/index';
import type { EngineLike } from './chain';
import { Chain } from './chain';
import type { EngineFactory } from './engine-loader';
import { loadEngine } from './engine-loader';
import { ENGINE_STREAMER_ANTI_FORK_BUFFER } from './engine/protocol';
import type { RateLimitSettings } from './engine/rate-limit';
import { RateLimiter } from './engine/rate-limit';
import { FaultController } from './faults';
import { Hivemind } from './hivemind/indexer';
import { HIVEMIND_DEFAULT_LAG_BLOCKS } from './protocol';
import { DevnetServer } from './server';
import type { Db } from './store';
import { openDatabase } from './store';

export type { DevnetAccount, Genesis, KeyRole } from './accounts';
export { DEVNET_CHAIN_ID, DEVNET_ADDRESS_PREFIX, DEVNET_GENESIS, DEVNET_NAMES, devnetAccounts, devnetKey, devnetPrivateKey, devnetPublicKey } from './accounts';
export type { FaultSettings, FaultState, FaultCounters } from './faults';
export { FaultController } from './faults';
export type { EngineLike, HiveTxForEngine, SyncBroadcastResult } from './chain';
export { Chain, transactionIdAndDigest, refBlockPrefix } from './chain';
export type { ContentApiMode } from './api/index';
export type { BlockFollower } from './chain';
export type { RateLimitSettings } from './engine/rate-limit';
export { Hivemind } from './hivemind/indexer';

export interface DevnetOptions {
  /** TCP port; 0 = ephemeral. Default env HIVE_DEVNET_PORT or 8091. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** State folder (file chain.db); null = in-memory SQLite. Default env HIVE_DEVNET_DATA or '.tmp/devnet'. */
  dataDir?: string | null;
  /** Block interval; 0 = blocks only on demand (produceBlocks / debug_generate_blocks). Default 3000. */
  blockIntervalMs?: number;
  /** Hive-Engine custom_json id. Default env HIVE_ENGINE_ID or 'ssc-mainnet-hive'. */
  engineId?: string;
  /** Alternative genesis JSON file (same shape as devnet/genesis.json). Default: env HIVE_DEVNET_GENESIS, else the devnet's own. */
  genesisFile?: string;
  log?: (line: string) => void;
  /** 28 (default): hived's current rules. 27: pre-HF28 authority and expiration rules. */
  hardfork?: 27 | 28;
  /** last_irreversible_block_num = head - irreversibleDelay. Default 0. */
  irreversibleDelay?: number;
  /**
   * Who answers condenser_api's content methods. 'hivemind' (default, env
   * HIVE_DEVNET_CONTENT_API): hivemind's shapes and errors, produced blocks only,
   * hivemindLagBlocks behind the head — as public API nodes answer. 'fatnode': a
   * pre-HF24 node's state, mempool included, {} for a missing post.
   */
  contentApi?: ContentApiMode;
  /** Blocks hivemind trails the head by. Default 1 (env HIVE_DEVNET_HIVEMIND_LAG). */
  hivemindLagBlocks?: number;
  /** Blocks the Hive-Engine streamer trails the head by. Default 2, its anti-fork buffer (env HIVE_DEVNET_STREAMER_LAG). */
  streamerLagBlocks?: number;
  /** Charge and enforce resource credits. Default true (env HIVE_DEVNET_RC=off turns them off). */
  resourceCredits?: boolean;
  /** Per-client limit of the Hive-Engine routes. Default 10 requests/s, burst 20 (env HIVE_DEVNET_ENGINE_RPS; 0 = none). */
  engineRateLimit?: Partial<RateLimitSettings>;
  /** Replace the Hive-Engine sidechain (tests); null disables it. Default: devnet/src/engine/sidechain.ts. */
  engine?: EngineFactory | null;
  /** Seed of the http5xxRate random source. */
  faultSeed?: number;
}

export interface DevnetHandle {
  /** JSON-RPC endpoint, e.g. http://127.0.0.1:8091 */
  url: string;
  port: number;
  chainId: string;
  addressPrefix: string;
  /** Hive-Engine API base (`${url}/rpc`): `${engineApi}/blockchain`, `${engineApi}/contracts`. */
  engineApi: string;
  engineId: string;
  /** DEVNET ONLY: genesis accounts with their keys. */
  accounts: DevnetAccount[];
  faults: FaultController;
  /** Produce n blocks now (works even when haltBlocks is set). */
  produceBlocks(n?: number): Promise<void>;
  headBlockNum(): number;
  /** The chain itself, for tests that need to look inside. */
  chain: Chain;
  /** Who answers condenser_api's content methods. */
  contentApi: ContentApiMode;
  /** The devnet's hivemind (its tables, its lag). */
  hivemind: Hivemind;
  /** The Hive-Engine routes' per-client limit. */
  engineRateLimit: RateLimiter;
  stop(): Promise<void>;
}

function envInt(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number, got ${v}`);
  return n;
}

function envCount(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number >= 0, got ${v}`);
  return n;
}

function envContentApi(): ContentApiMode {
  const v = process.env.HIVE_DEVNET_CONTENT_API;
  if (v === undefined || v === '') return 'hivemind';
  if (v !== 'hivemind' && v !== 'fatnode') throw new Error(`HIVE_DEVNET_CONTENT_API must be hivemind or fatnode, got ${v}`);
  return v;
}

function readGenesis(file?: string): Genesis {
  if (!file) return DEVNET_GENESIS;
  return JSON.parse(fs.readFileSync(path.resolve(file), 'utf8')) as Genesis;
}

export async function startDevnet(options: DevnetOptions = {}): Promise<DevnetHandle> {
  const log = options.log ?? (() => undefined);
  const port = options.port ?? envInt('HIVE_DEVNET_PORT', 8091);
  const host = options.host ?? '127.0.0.1';
  const dataDir = options.dataDir === undefined ? process.env.HIVE_DEVNET_DATA || '.tmp/devnet' : options.dataDir;
  const blockIntervalMs = options.blockIntervalMs ?? 3000;
  const engineId = options.engineId ?? (process.env.HIVE_ENGINE_ID || 'ssc-mainnet-hive');
  const genesis = readGenesis(options.genesisFile ?? (process.env.HIVE_DEVNET_GENESIS || undefined));

  const contentApi = options.contentApi ?? envContentApi();
  const resourceCredits = options.resourceCredits ?? process.env.HIVE_DEVNET_RC !== 'off';
  const engineRateLimit = new RateLimiter({ perSecond: envCount('HIVE_DEVNET_ENGINE_RPS', 10), ...options.engineRateLimit });

  const { db } = openDatabase(dataDir);
  let chain: Chain;
  let hivemind: Hivemind;
  let engine: EngineLike | null = null;
  try {
    engine = options.engine === null ? null : options.engine ? options.engine(db, { engineId }) : loadEngine(db as Db, engineId);
    chain = new Chain(db, {
      genesis,
      hardfork: options.hardfork,
      irreversibleDelay: options.irreversibleDelay,
      engine,
      streamerLagBlocks: options.streamerLagBlocks ?? envCount('HIVE_DEVNET_STREAMER_LAG', ENGINE_STREAMER_ANTI_FORK_BUFFER),
      resourceCredits,
      log,
    });
    hivemind = new Hivemind(db, {
      genesis,
      lagBlocks: options.hivemindLagBlocks ?? envCount('HIVE_DEVNET_HIVEMIND_LAG', HIVEMIND_DEFAULT_LAG_BLOCKS),
      accountId: (name) => chain.findAccount(name)?.id,
      genesisTime: chain.genesisTime(),
    });
    chain.addFollower(hivemind);
  } catch (e) {
    db.close();
    throw e;
  }

  const faults = new FaultController(options.faultSeed);
  const produce = (n: number, missedSlots = 0): number => {
    for (let i = 0; i < n; i++) chain.produceBlock(i === 0 ? missedSlots : 0);
    return n;
  };
  const api: ApiContext = {
    chain,
    hivemind,
    faults,
    contentApi,
    engineRateLimit,
    blockchainVersion: genesis.blockchainVersion || '1.28.6',
    generateBlocks: (n, missed) => produce(n, missed),
  };
  const server = new DevnetServer({ api, faults, engine, engineRateLimit, log });
  let boundPort: number;
  try {
    boundPort = await server.listen(port, host);
  } catch (e) {
    db.close();
    throw e;
  }

  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const tick = () => {
    timer = null;
    if (stopped) return;
    try {
      if (!faults.takeHaltedSlot()) chain.produceBlock();
    } catch (e) {
      log(`block production failed: ${e instanceof Error ? e.stack : String(e)}`);
    }
    schedule();
  };
  const schedule = () => {
    if (stopped || blockIntervalMs <= 0) return;
    timer = setTimeout(tick, blockIntervalMs);
  };
  schedule();

  const url = `http://${host.includes(':') ? `[${host}]` : host}:${boundPort}`;
  log(`devnet listening on ${url} (chain id ${chain.chainIdHex}, head block ${chain.headBlock().num}, ${dataDir === null ? 'in memory' : dataDir})`);

  return {
    url,
    port: boundPort,
    chainId: chain.chainIdHex,
    addressPrefix: chain.addressPrefix,
    engineApi: `${url}/rpc`,
    engineId,
    accounts: devnetAccounts(genesis),
    faults,
    chain,
    contentApi,
    hivemind,
    engineRateLimit,
    async produceBlocks(n = 1) {
      produce(n);
    },
    headBlockNum: () => chain.headBlock().num,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (timer) clearTimeout(timer);
      chain.abandonWaiters();
      await server.close();
      chain.closePendingSession();
      db.close();
      log('devnet stopped');
    },
  };
}
