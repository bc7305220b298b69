/**
 * The APIs public nodes serve from hivemind (hive/db/sql_scripts/postgrest/
 * utilities/get_api_method.sql routes them): condenser_api's content methods
 * and bridge.*, answering from the devnet's hivemind tables only — so from
 * produced blocks, a lag behind the head, never from the mempool.
 */
import type { HmPost, Hivemind } from './indexer';
import { communityInvalid, communityMissing, hivemindAssert, postDeleted, postMissing } from './errors';
import { isCommunityName, roleName } from './communities';
import { bridgeCommunity, bridgePost, communityContext, condenserPost, presentVote } from './views';
import { isoTime } from '../time';

type Params = Record<string, unknown>;
export type HivemindHandler = (hm: Hivemind, params: unknown) => unknown;

/** validate_json_arguments: positional params map to the method's argument names; named ones must be known. */
function namedArgs(params: unknown, names: string[], required: number): Params {
  let out: Params;
  if (Array.isArray(params)) {
    if (params.length > names.length) throw hivemindAssert('too many positional arguments');
    out = Object.fromEntries(params.map((v, i) => [names[i], v]));
  } else if (params && typeof params === 'object') {
    out = { ...(params as Params) };
    for (const k of Object.keys(out)) if (!names.includes(k)) throw hivemindAssert(`got an unexpected keyword argument '${k}'`);
  } else {
    out = {};
  }
  for (const name of names.slice(0, required))
    if (out[name] === undefined || out[name] === null) throw hivemindAssert(`missing a required argument: '${name}'`);
  return out;
}

function str(p: Params, key: string): string {
  const v = p[key];
  if (typeof v !== 'string') throw hivemindAssert(`invalid ${key} type`);
  return v;
}

function optionalStr(p: Params, key: string): string | null {
  const v = p[key];
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string') throw hivemindAssert(`invalid ${key} type`);
  return v;
}

function limit(p: Params, fallback: number, max: number): number {
  const v = p.limit;
  if (v === undefined || v === null) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n)) throw hivemindAssert('invalid limit type');
  if (n < 1) throw hivemindAssert(`limit = ${n} outside valid range [1:${max}]`);
  if (n > max) throw hivemindAssert(`limit = ${n} outside valid range [1:${max}]`);
  return n;
}

/** find_comment_id( author, permlink, _check => true ). */
function findPost(hm: Hivemind, author: string, permlink: string): HmPost {
  const p = hm.livePost(author, permlink);
  if (p) return p;
  const deleted = hm.deletedCount(author, permlink);
  throw deleted ? postDeleted(author, permlink, deleted) : postMissing(author, permlink);
}

/** valid_community + find_community_id( _check => true ). */
function findCommunity(hm: Hivemind, name: unknown) {
  if (name === undefined || name === null || name === '') throw communityInvalid('community name cannot be blank');
  if (!isCommunityName(name)) throw communityInvalid('given community name is not valid');
  const c = hm.community(name);
  if (!c) throw communityMissing(name);
  return c;
}

/**
 * bridge.get_discussion: the post and every live descendant, keyed
 * "author/permlink", replies as keys; `muted_reasons_filter` (reason numbers)
 * leaves out posts muted for one of those reasons (bridge_api_get_discussion.sql).
 */
function discussion(hm: Hivemind, post: HmPost, filter: unknown) {
  const reasons = Array.isArray(filter) ? filter.map(Number) : [];
  if (reasons.some((r) => !Number.isInteger(r) || r < 0 || r > 4)) throw hivemindAssert('Invalid muted reason');
  const mask = reasons.reduce((m, r) => m | (1 << r), 0);
  const hidden = (p: HmPost) => {
    if (!mask) return false;
    const roleMuted = p.community !== null && hm.roleId(p.community, p.author) === -2;
    return (p.muted_reasons & mask) !== 0 || (roleMuted && (mask & (1 << 4)) !== 0);
  };
  const out: Record<string, unknown> = {};
  const walk = (p: HmPost) => {
    const children = hm.replies(p.id);
    if (!hidden(p)) out[`${p.author}/${p.permlink}`] = bridgePost(hm, p, { replies: children.map((c) => `${c.author}/${c.permlink}`), pinnedField: true });
    for (const c of children) walk(c);
  };
  walk(post);
  return out;
}

export const HIVEMIND_METHODS: Record<string, HivemindHandler> = {
  'condenser_api.get_content': (hm, params) => {
    const p = namedArgs(params, ['author', 'permlink', 'observer'], 2);
    return condenserPost(hm, findPost(hm, str(p, 'author'), str(p, 'permlink')), true);
  },
  'condenser_api.get_content_replies': (hm, params) => {
    const p = namedArgs(params, ['author', 'permlink', 'observer'], 2);
    const post = findPost(hm, str(p, 'author'), str(p, 'permlink'));
    return hm.replies(post.id).map((r) => condenserPost(hm, r, true));
  },
  'condenser_api.get_active_votes': (hm, params) => {
    const p = namedArgs(params, ['author', 'permlink', 'observer'], 2);
    const post = findPost(hm, str(p, 'author'), str(p, 'permlink'));
    return hm.votes(post.id).map((v) => presentVote(v, 'active_votes'));
  },
  /** "BEFORE DATE IS IGNORED" (hivemind); posts before start_permlink, newest first, limit 1..100 (default 20). */
  'condenser_api.get_discussions_by_author_before_date': (hm, params) => {
    const p = namedArgs(params, ['author', 'start_permlink', 'before_date', 'limit', 'truncate_body', 'observer'], 1);
    const author = str(p, 'author');
    const start = optionalStr(p, 'start_permlink');
    const startId = start ? findPost(hm, author, start).id : 0;
    const n = limit(p, 20, 100);
    const truncate = Number(p.truncate_body ?? 0) || 0;
    const rows = hm.db
      .prepare(`SELECT * FROM hm_posts WHERE author = ? AND depth = 0 AND counter_deleted = 0 AND (? = 0 OR id < ?) ORDER BY id DESC LIMIT ?`)
      .all(author, startId, startId, n) as HmPost[];
    return rows.map((r) => condenserPost(hm, r, false, truncate));
  },
  'bridge.get_post': (hm, params) => {
    const p = namedArgs(params, ['author', 'permlink', 'observer'], 2);
    return bridgePost(hm, findPost(hm, str(p, 'author'), str(p, 'permlink')));
  },
  'bridge.get_discussion': (hm, params) => {
    const p = namedArgs(params, ['author', 'permlink', 'observer', 'muted_reasons_filter'], 2);
    return discussion(hm, findPost(hm, str(p, 'author'), str(p, 'permlink')), p.muted_reasons_filter);
  },
  'bridge.get_community': (hm, params) => {
    const p = namedArgs(params, ['name', 'observer'], 1);
    const observer = optionalStr(p, 'observer');
    return bridgeCommunity(hm, findCommunity(hm, p.name), observer);
  },
  'bridge.get_community_context': (hm, params) => {
    const p = namedArgs(params, ['name', 'account'], 2);
    const c = findCommunity(hm, p.name);
    return communityContext(hm, c.name, str(p, 'account'));
  },
  /** Roles other than guest, highest first, then by name. */
  'bridge.list_community_roles': (hm, params) => {
    const p = namedArgs(params, ['community', 'last', 'limit'], 1);
    const c = findCommunity(hm, p.community);
    const n = limit(p, 50, 1000);
    const last = optionalStr(p, 'last');
    let rows = hm.db
      .prepare(`SELECT account, role_id, title FROM hm_roles WHERE community = ? AND role_id <> 0 ORDER BY role_id DESC, account`)
      .all(c.name) as Array<{ account: string; role_id: number; title: string }>;
    if (last) {
      const lastRole = hm.roleId(c.name, last);
      if (!lastRole) throw hivemindAssert('invalid last');
      rows = rows.filter((r) => !(r.role_id >= lastRole && !(r.role_id === lastRole && r.account > last)));
    }
    return rows.slice(0, n).map((r) => [r.account, roleName(r.role_id), r.title]);
  },
  /** Subscribers by name, each [name, role, title, subscribed at]. */
  'bridge.list_subscribers': (hm, params) => {
    const p = namedArgs(params, ['community', 'last', 'limit'], 1);
    const c = findCommunity(hm, p.community);
    const n = limit(p, 100, 100);
    const last = optionalStr(p, 'last');
    const rows = hm.db
      .prepare(
        `SELECT s.account, s.created_at, r.role_id, r.title FROM hm_subscriptions s LEFT JOIN hm_roles r ON r.community = s.community AND r.account = s.account
                WHERE s.community = ? AND (? IS NULL OR s.account > ?) ORDER BY s.account LIMIT ?`,
      )
      .all(c.name, last, last, n) as Array<{ account: string; created_at: number; role_id: number | null; title: string | null }>;
    return rows.map((r) => [r.account, roleName(r.role_id ?? 0), r.title ?? null, isoTime(r.created_at)]);
  },
  /** hive.db_head_state (hive_api_db_head_state.sql): the last block hivemind has indexed, its time and age in seconds. */
  'hive.db_head_state': (hm) => {
    const num = hm.lastIndexedBlock();
    const row = hm.db.prepare(`SELECT timestamp FROM hive_blocks WHERE num = ?`).get(num) as { timestamp: number } | undefined;
    const at = row?.timestamp ?? 0;
    return { db_head_block: num, db_head_time: isoTime(at).replace('T', ' '), db_head_age: Date.now() / 1000 - at };
  },
};
