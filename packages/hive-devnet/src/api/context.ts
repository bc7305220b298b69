/**
 * What every JSON-RPC handler gets: the chain, the followers that answer their
 * own APIs (hivemind), the fault and Hive-Engine limit controls, and how the
 * node is configured. Plus the argument readers hived's APIs use.
 */
import type { Chain } from '../chain';
import { HivedError, fcAssert } from '../errors';
import type { FaultController } from '../faults';
import type { Hivemind } from '../hivemind/indexer';
import type { RateLimiter } from '../engine/rate-limit';

/** Who answers condenser_api's content methods: hivemind (as public nodes do since HF24), or a pre-HF24 fat node's state. */
export type ContentApiMode = 'fatnode' | 'hivemind';

export interface ApiContext {
  chain: Chain;
  hivemind: Hivemind;
  faults: FaultController;
  contentApi: ContentApiMode;
  blockchainVersion: string;
  /** The per-client limit of the Hive-Engine routes. */
  engineRateLimit: RateLimiter;
  /** Produce n blocks now (debug_generate_blocks). */
  generateBlocks(n: number, missedSlots: number): number;
}

/** Per-request facts the HTTP front needs (fault handling). */
export interface CallInfo {
  /** True once a broadcast was accepted into the mempool. */
  acceptedBroadcast: boolean;
}

export type Handler = (ctx: ApiContext, params: any, info: CallInfo) => unknown | Promise<unknown>;

/** condenser_api's positional arguments (condenser_api.cpp CHECK_ARG_SIZE). */
export function args(params: unknown, n: number | [number, number]): unknown[] {
  const a = Array.isArray(params) ? params : params === undefined || params === null ? [] : [params];
  const [min, max] = Array.isArray(n) ? n : [n, n];
  fcAssert(
    a.length >= min && a.length <= max,
    min === max ? `args.size() == ${min}` : `args.size() >= ${min} && args.size() <= ${max}`,
    'Expected #s argument(s), was ${n}',
    { n: a.length },
    { file: 'condenser_api.cpp', method: 'call' },
  );
  return a;
}

/** The named-argument object of the new-style APIs (database_api, block_api, …). */
export function obj(params: unknown): Record<string, any> {
  if (params && typeof params === 'object' && !Array.isArray(params)) return params as Record<string, any>;
  if (Array.isArray(params) && params.length === 0) return {};
  throw new HivedError(
    'parse',
    'Invalid cast from ${type} to object',
    { type: Array.isArray(params) ? 'array' : typeof params },
    { file: 'variant.cpp', method: 'get_object' },
  );
}

export function strArg(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new HivedError('parse', 'Invalid cast of ${what} to string', { what }, { file: 'variant.cpp', method: 'as_string' });
  return v;
}

export function intArg(v: unknown, what: string): number {
  const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n))
    throw new HivedError('parse', "Couldn't parse ${what}", { what }, { file: 'variant.cpp', method: 'as_int64' });
  return Math.trunc(n);
}
