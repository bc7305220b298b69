/**
 * The devnet's JSON-RPC method table, in hived's API shapes (condenser_api,
 * database_api, block_api, network_broadcast_api, transaction_status_api,
 * rc_api, account_by_key_api, debug_node_api) and hivemind's (bridge.*, and
 * condenser_api's content methods as public nodes route them to hivemind).
 */
import type { AccountRow } from '../chain';
import { HivedError, JSON_RPC, RpcProtocolError, fcAssert } from '../errors';
import { HIVEMIND_METHODS } from '../hivemind/api';
import { EXECUTION_TIMES, RESOURCE_UNITS, STATE_SIZES } from '../rc';
import { accountsByNames, condenserAccount, databaseAccount, keyReferences, rcAccount } from './accounts';
import { accountHistory, apiBlock, blockHeader, broadcast, condenserBlock, findTransaction, getTransaction, opsInBlock } from './blocks';
import type { ApiContext, Handler } from './context';
import { args, intArg, obj, strArg } from './context';
import { DEBUG_METHODS } from './debug';
import * as fatnode from './fatnode';
import { chainProperties, config, dynamicGlobalProperties, version } from './globals';

export type { ApiContext, CallInfo, ContentApiMode, Handler } from './context';

/** rc_api.cpp RC_API_SINGLE_QUERY_LIMIT. */
const RC_API_SINGLE_QUERY_LIMIT = 1000;

function hivemindCall(ctx: ApiContext, name: string, params: unknown) {
  return HIVEMIND_METHODS[name](ctx.hivemind, params);
}

/** rc_api.get_resource_params: the resource names and the size/time tables the devnet counts with. */
function resourceParams() {
  return {
    resource_names: ['resource_history_bytes', 'resource_new_accounts', 'resource_market_bytes', 'resource_state_bytes', 'resource_execution_time'],
    resource_params: Object.fromEntries(Object.entries(RESOURCE_UNITS).map(([k, unit]) => [k, { resource_dynamics_params: { resource_unit: unit } }])),
    size_info: { resource_state_bytes: STATE_SIZES, resource_execution_time: EXECUTION_TIMES },
  };
}

export const METHODS: Record<string, Handler> = {
  // condenser_api
  'condenser_api.get_dynamic_global_properties': (ctx) => dynamicGlobalProperties(ctx, false),
  'condenser_api.get_chain_properties': () => chainProperties(false),
  'condenser_api.get_config': (ctx) => config(ctx),
  'condenser_api.get_version': (ctx) => version(ctx),
  'condenser_api.get_hardfork_version': (ctx) => `1.${ctx.chain.hardfork}.0`,
  'condenser_api.get_accounts': (ctx, p) => accountsByNames(ctx, args(p, [1, 2])[0]).map((a) => condenserAccount(a)),
  'condenser_api.lookup_account_names': (ctx, p) => {
    const names = args(p, [1, 2])[0];
    if (!Array.isArray(names)) throw new HivedError('parse', 'Invalid cast to array', {});
    return names.map((n) => {
      const a = typeof n === 'string' ? ctx.chain.findAccount(n) : undefined;
      return a ? condenserAccount(a) : null;
    });
  },
  'condenser_api.lookup_accounts': (ctx, p) => {
    const [lower, limit] = args(p, 2);
    const n = intArg(limit, 'limit');
    fcAssert(n <= 1000, 'limit <= 1000', 'limit of ${l} is greater than maxmimum allowed', { l: n });
    return (
      ctx.chain.db.prepare(`SELECT name FROM hive_accounts WHERE name >= ? ORDER BY name LIMIT ?`).all(strArg(lower, 'lower_bound_name'), n) as Array<{
        name: string;
      }>
    ).map((r) => r.name);
  },
  'condenser_api.get_account_count': (ctx) => (ctx.chain.db.prepare(`SELECT COUNT(*) AS n FROM hive_accounts`).get() as { n: number }).n,
  'condenser_api.get_block': (ctx, p) => {
    const b = ctx.chain.getBlock(intArg(args(p, 1)[0], 'block_num'));
    return b ? condenserBlock(ctx, b) : null;
  },
  'condenser_api.get_block_header': (ctx, p) => {
    const b = ctx.chain.getBlock(intArg(args(p, 1)[0], 'block_num'));
    return b ? blockHeader(b) : null;
  },
  'condenser_api.get_ops_in_block': (ctx, p) => opsInBlock(ctx, intArg(args(p, [1, 2])[0], 'block_num')),
  'condenser_api.get_transaction': (ctx, p) => getTransaction(ctx, strArg(args(p, 1)[0], 'id')),
  // condenser_api's content methods: hivemind's (public nodes), or the chain's own state (contentApi 'fatnode')
  'condenser_api.get_content': (ctx, p) => {
    if (ctx.contentApi === 'hivemind') return hivemindCall(ctx, 'condenser_api.get_content', p);
    const [a, pl] = args(p, [2, 3]);
    return fatnode.getContent(ctx, strArg(a, 'author'), strArg(pl, 'permlink'));
  },
  'condenser_api.get_content_replies': (ctx, p) => {
    if (ctx.contentApi === 'hivemind') return hivemindCall(ctx, 'condenser_api.get_content_replies', p);
    const [a, pl] = args(p, [2, 3]);
    return fatnode.getContentReplies(ctx, strArg(a, 'author'), strArg(pl, 'permlink'));
  },
  'condenser_api.get_active_votes': (ctx, p) => {
    if (ctx.contentApi === 'hivemind') return hivemindCall(ctx, 'condenser_api.get_active_votes', p);
    const [a, pl] = args(p, 2);
    const c = ctx.chain.findComment(strArg(a, 'author'), strArg(pl, 'permlink'));
    return c ? fatnode.activeVotes(ctx, c) : [];
  },
  'condenser_api.get_discussions_by_author_before_date': (ctx, p) => {
    if (ctx.contentApi === 'hivemind') return hivemindCall(ctx, 'condenser_api.get_discussions_by_author_before_date', p);
    const [author, start, before, limit] = args(p, [3, 4]);
    return fatnode.discussionsByAuthorBeforeDate(
      ctx,
      strArg(author, 'author'),
      strArg(start ?? '', 'start_permlink'),
      strArg(before ?? '', 'before_date'),
      limit === undefined ? 100 : intArg(limit, 'limit'),
    );
  },
  'condenser_api.get_account_history': (ctx, p) => accountHistory(ctx, args(p, [3, 5])),
  'condenser_api.get_key_references': (ctx, p) => keyReferences(ctx, args(p, 1)[0]),
  'condenser_api.broadcast_transaction': (ctx, p, info) => broadcast(ctx, args(p, 1)[0], info, false),
  'condenser_api.broadcast_transaction_synchronous': (ctx, p, info) => broadcast(ctx, args(p, 1)[0], info, true),

  // database_api
  'database_api.get_dynamic_global_properties': (ctx) => dynamicGlobalProperties(ctx, true),
  'database_api.get_config': (ctx) => config(ctx),
  'database_api.get_version': (ctx) => version(ctx),
  'database_api.get_witness_schedule': (ctx) => ({
    id: 0,
    current_virtual_time: '0',
    next_shuffle_block_num: ctx.chain.headBlock().num + 1,
    current_shuffled_witnesses: ['initminer'],
    num_scheduled_witnesses: 1,
    median_props: chainProperties(true),
  }),
  'database_api.find_accounts': (ctx, p) => ({ accounts: accountsByNames(ctx, obj(p).accounts ?? []).map((a) => databaseAccount(a)) }),
  'database_api.list_accounts': (ctx, p) => {
    const o = obj(p);
    const start = typeof o.start === 'string' ? o.start : '';
    const limit = Math.min(1000, intArg(o.limit ?? 100, 'limit'));
    const rows = ctx.chain.db.prepare(`SELECT * FROM hive_accounts WHERE name >= ? ORDER BY name LIMIT ?`).all(start, limit) as AccountRow[];
    return { accounts: rows.map((a) => databaseAccount(a)) };
  },

  // block_api
  'block_api.get_block': (ctx, p) => {
    const b = ctx.chain.getBlock(intArg(obj(p).block_num, 'block_num'));
    return b ? { block: apiBlock(ctx, b) } : {};
  },
  'block_api.get_block_header': (ctx, p) => {
    const b = ctx.chain.getBlock(intArg(obj(p).block_num, 'block_num'));
    return b ? { header: blockHeader(b) } : {};
  },
  'block_api.get_block_range': (ctx, p) => {
    const o = obj(p);
    const start = intArg(o.starting_block_num, 'starting_block_num');
    const count = intArg(o.count, 'count');
    fcAssert(count <= 1000, 'count <= 1000', 'You can only ask for 1000 blocks at a time');
    const blocks: unknown[] = [];
    for (let n = start; n < start + count; n++) {
      const b = ctx.chain.getBlock(n);
      if (!b) break;
      blocks.push(apiBlock(ctx, b));
    }
    return { blocks };
  },

  // network_broadcast_api
  'network_broadcast_api.broadcast_transaction': async (ctx, p, info) => {
    await broadcast(ctx, obj(p).trx, info, false);
    return {};
  },

  // transaction_status_api
  'transaction_status_api.find_transaction': (ctx, p) => findTransaction(ctx, obj(p)),

  // rc_api
  'rc_api.find_rc_accounts': (ctx, p) => {
    const names = obj(p).accounts ?? [];
    fcAssert(!Array.isArray(names) || names.length <= RC_API_SINGLE_QUERY_LIMIT, 'args.accounts.size() <= RC_API_SINGLE_QUERY_LIMIT', '');
    return { rc_accounts: accountsByNames(ctx, names).map((a) => rcAccount(ctx, a)) };
  },
  'rc_api.get_resource_params': () => resourceParams(),
  'rc_api.get_resource_pool': () => ({ resource_pool: {} }),

  // account_by_key_api
  'account_by_key_api.get_key_references': (ctx, p) => ({ accounts: keyReferences(ctx, obj(p).keys ?? []) }),
  ...DEBUG_METHODS,
  ...Object.fromEntries(
    Object.keys(HIVEMIND_METHODS)
      .filter((n) => !n.startsWith('condenser_api.'))
      .map((n) => [n, (ctx: ApiContext, p: unknown) => hivemindCall(ctx, n, p)]),
  ),

  'jsonrpc.get_methods': () => Object.keys(METHODS).sort(),
  'jsonrpc.get_signature': (_ctx, p) => ({ args: {}, ret: {}, method: obj(p).method }),
};

/** Methods never subject to fault injection. */
export const CONTROL_METHODS: ReadonlySet<string> = new Set(
  Object.keys(DEBUG_METHODS).filter((m) => m !== 'debug_node_api.debug_generate_blocks' && m !== 'debug_node_api.debug_get_head_block'),
);

/** Methods that broadcast a transaction (dropReplyAfterAccept applies to them). */
export const BROADCAST_METHODS: ReadonlySet<string> = new Set([
  'condenser_api.broadcast_transaction',
  'condenser_api.broadcast_transaction_synchronous',
  'network_broadcast_api.broadcast_transaction',
]);

/** Resolve "api.method" or the legacy `call` form to a method name and its arguments. */
export function resolveCall(method: unknown, params: unknown): { name: string; args: unknown } {
  if (method === 'call') {
    if (!Array.isArray(params) || params.length < 2 || typeof params[0] !== 'string' || typeof params[1] !== 'string') {
      throw new HivedError(
        'assert',
        'v.size() == 2 || v.size() == 3: ${what}',
        { what: 'params should be {"api", "method", "args"' },
        { file: 'json_rpc_plugin.cpp', method: 'process_params' },
      );
    }
    return { name: `${params[0]}.${params[1]}`, args: params.length > 2 ? params[2] : {} };
  }
  if (typeof method !== 'string') throw new RpcProtocolError(JSON_RPC.INVALID_REQUEST, 'A member "method" does not exist');
  const parts = method.split('.');
  if (parts.length !== 2)
    throw new HivedError(
      'assert',
      'v.size() == 2: method specification invalid. Should be api.method',
      {},
      { file: 'json_rpc_plugin.cpp', method: 'process_params' },
    );
  return { name: method, args: params === undefined ? {} : params };
}

export function findHandler(name: string): Handler {
  const h = METHODS[name];
  if (h) return h;
  const [api, method] = name.split('.');
  const apiKnown = Object.keys(METHODS).some((m) => m.startsWith(`${api}.`));
  const err = apiKnown
    ? new HivedError(
        'assert',
        'method_itr != api_itr->second.end(): Could not find method ${method}',
        { method },
        { file: 'json_rpc_plugin.cpp', method: 'find_api_method' },
      )
    : new HivedError(
        'assert',
        'api_itr != _registered_apis.end(): Could not find API ${api}',
        { api },
        { file: 'json_rpc_plugin.cpp', method: 'find_api_method' },
      );
  err.rpcCode = JSON_RPC.METHOD_NOT_FOUND;
  throw err;
}
