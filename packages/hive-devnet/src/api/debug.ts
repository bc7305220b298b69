/**
 * debug_node_api: hived's block production control (debug_generate_blocks,
 * debug_get_head_block) and the devnet's own controls for tests — faults, the
 * hivemind and Hive-Engine streamer lags, the Hive-Engine rate limit and an
 * account's RC mana. None of these exist on a public node.
 */
import { JSON_RPC, RpcProtocolError, fcAssert } from '../errors';
import { apiBlock } from './blocks';
import { rcAccount } from './accounts';
import type { ApiContext, Handler } from './context';
import { intArg, obj, strArg } from './context';

function invalid(e: unknown): never {
  throw new RpcProtocolError(JSON_RPC.INVALID_PARAMS, e instanceof Error ? e.message : String(e));
}

function blocksParam(o: Record<string, any>): number {
  const n = Number(o.blocks);
  if (!Number.isInteger(n) || n < 0 || n > 10000) invalid('blocks must be an integer in [0, 10000]');
  return n;
}

/** What the devnet answers like, for a test to read back. */
export function devnetSettings(ctx: ApiContext) {
  const limit = ctx.engineRateLimit.get();
  return {
    content_api: ctx.contentApi,
    hivemind_lag_blocks: ctx.hivemind.lagBlocks(),
    streamer_lag_blocks: ctx.chain.streamerLagBlocks(),
    resource_credits: ctx.chain.resourceCredits,
    engine_rate_limit: { per_second: limit.perSecond, burst: limit.burst, refused: limit.refused },
  };
}

export const DEBUG_METHODS: Record<string, Handler> = {
  'debug_node_api.debug_generate_blocks': (ctx, p) => {
    const o = obj(p);
    const count = o.count === undefined ? 1 : intArg(o.count, 'count');
    fcAssert(count >= 0 && count <= 10000, 'count <= 10000', 'count must be in [0, 10000]');
    const miss = o.miss_blocks === undefined ? 0 : intArg(o.miss_blocks, 'miss_blocks');
    return { blocks: ctx.generateBlocks(count, Math.max(0, miss)) };
  },
  'debug_node_api.debug_get_head_block': (ctx) => {
    const b = ctx.chain.getBlock(ctx.chain.headBlock().num);
    return b ? { block: apiBlock(ctx, b) } : {};
  },
  'debug_node_api.debug_get_faults': (ctx) => ctx.faults.get(),
  'debug_node_api.debug_set_faults': (ctx, p) => {
    const o = { ...obj(p) };
    try {
      if (o.clear) {
        delete o.clear;
        ctx.faults.clear(Boolean(o.resetCounters));
        delete o.resetCounters;
      }
      return ctx.faults.set(o);
    } catch (e) {
      return invalid(e);
    }
  },
  'debug_node_api.debug_get_devnet_settings': (ctx) => devnetSettings(ctx),
  /** {blocks}: how far hivemind trails the head; lowering it indexes the blocks now in reach at once. */
  'debug_node_api.debug_set_hivemind_lag': (ctx, p) => {
    ctx.hivemind.setLagBlocks(blocksParam(obj(p)));
    ctx.chain.changeStateOutsideMempool(() => ctx.chain.catchUpFollowers());
    return devnetSettings(ctx);
  },
  /** {blocks}: how far the Hive-Engine streamer trails the head (its anti-fork buffer). */
  'debug_node_api.debug_set_streamer_lag': (ctx, p) => {
    ctx.chain.setStreamerLagBlocks(blocksParam(obj(p)));
    return devnetSettings(ctx);
  },
  /** {per_second, burst}: the Hive-Engine routes' per-client limit (per_second 0 = no limit). */
  'debug_node_api.debug_set_engine_rate_limit': (ctx, p) => {
    const o = obj(p);
    try {
      ctx.engineRateLimit.set({
        ...(o.per_second === undefined ? {} : { perSecond: Number(o.per_second) }),
        ...(o.burst === undefined ? {} : { burst: Number(o.burst) }),
      });
    } catch (e) {
      invalid(e);
    }
    return devnetSettings(ctx);
  },
  /** {account, current_mana}: an account's RC mana as of the head block (capped at its max RC). */
  'debug_node_api.debug_set_rc_mana': (ctx, p) => {
    const o = obj(p);
    const account = strArg(o.account, 'account');
    const mana = Number(o.current_mana);
    if (!Number.isFinite(mana) || mana < 0) invalid('current_mana must be a number >= 0');
    ctx.chain.setRcMana(account, mana);
    return rcAccount(ctx, ctx.chain.getAccount(account));
  },
};
