/**
 * The JSON hivemind answers with, built from the devnet's hivemind tables:
 * hive/db/sql_scripts/postgrest/utilities/create_condenser_post_object.sql,
 * create_bridge_post_object.sql, list_votes.sql (vote presentations),
 * get_post_view_by_id.sql (url, root_title, parent_permlink_or_category) and
 * bridge_api_get_community.sql / get_community_context.
 *
 * hivemind computes no rewards on the devnet (nothing is paid): payouts are
 * "0.000 HBD", author_rewards 0, vote weights 0.
 */
import { hivemindNumeric } from '../json';
import { isoTime } from '../time';
import { mutedReasonsList, roleName } from './communities';
import type { HmCommunity, HmPost, HmVote, Hivemind } from './indexer';

/** json_date(): NULL and 'infinity' read as 1969-12-31T23:59:59. */
const NEVER = '1969-12-31T23:59:59';
const ZERO_HBD = '0.000 HBD';

function root(hm: Hivemind, p: HmPost): HmPost {
  return p.root_id === p.id ? p : (hm.postById(p.root_id) ?? p);
}
function parent(hm: Hivemind, p: HmPost): HmPost | undefined {
  return p.parent_id ? hm.postById(p.parent_id) : undefined;
}

/** get_post_view_by_id url: /category/@root_author/root_permlink[#@author/permlink]. */
export function postUrl(hm: Hivemind, p: HmPost): string {
  const r = root(hm, p);
  return `/${r.category}/@${r.author}/${r.permlink}${r.id === p.id ? '' : `#@${p.author}/${p.permlink}`}`;
}

/** apply_vote_presentation. */
export function presentVote(v: HmVote, mode: 'condenser_api' | 'bridge_api' | 'active_votes' | 'database_api', post?: HmPost) {
  switch (mode) {
    case 'condenser_api':
      return { percent: String(v.percent), reputation: 0, rshares: hivemindNumeric(v.rshares), voter: v.voter };
    case 'bridge_api':
      return { rshares: hivemindNumeric(v.rshares), voter: v.voter };
    case 'active_votes':
      return {
        percent: v.percent,
        reputation: 0,
        rshares: hivemindNumeric(v.rshares),
        voter: v.voter,
        time: isoTime(v.time),
        weight: hivemindNumeric(v.weight),
      };
    case 'database_api':
      return {
        voter: v.voter,
        author: post?.author,
        permlink: post?.permlink,
        weight: hivemindNumeric(v.weight),
        rshares: hivemindNumeric(v.rshares),
        vote_percent: v.percent,
        last_update: isoTime(v.time),
        num_changes: v.num_changes,
      };
  }
}

/** create_condenser_post_object (`contentAdditions`: get_content and get_content_replies pass true). */
export function condenserPost(hm: Hivemind, p: HmPost, contentAdditions: boolean, truncateBody = 0) {
  const r = root(hm, p);
  const par = parent(hm, p);
  const paid = p.is_paidout === 1;
  const out: Record<string, unknown> = {
    author: p.author,
    permlink: p.permlink,
    category: p.category === '' ? 'undefined' : p.category,
    title: p.title,
    body: truncateBody ? p.body.slice(0, truncateBody) : p.body,
    json_metadata: p.json_metadata,
    created: isoTime(p.created),
    last_update: isoTime(p.updated),
    depth: p.depth,
    children: p.children,
    curator_payout_value: ZERO_HBD,
    replies: [],
    body_length: p.body.length,
    author_reputation: 0,
    parent_author: par?.author ?? '',
    parent_permlink: par ? par.permlink : p.category,
    url: postUrl(hm, p),
    root_title: r.title,
    beneficiaries: JSON.parse(p.beneficiaries),
    max_accepted_payout: p.max_accepted_payout,
    percent_hbd: p.percent_hbd,
    active_votes: hm.votes(p.id).map((v) => presentVote(v, contentAdditions ? 'active_votes' : 'condenser_api')),
    last_payout: paid ? isoTime(p.last_payout) : NEVER,
    cashout_time: paid ? NEVER : isoTime(p.payout_at),
    pending_payout_value: ZERO_HBD,
    total_payout_value: ZERO_HBD,
  };
  if (contentAdditions) {
    Object.assign(out, {
      author_rewards: 0,
      max_cashout_time: NEVER,
      reward_weight: 10000,
      root_author: r.author,
      root_permlink: r.permlink,
      allow_replies: true,
      allow_votes: p.allow_votes === 1,
      allow_curation_rewards: p.allow_curation_rewards === 1,
      net_votes: p.net_votes,
      children_abs_rshares: 0,
      total_pending_payout_value: ZERO_HBD,
      reblogged_by: [],
      total_vote_weight: 0,
      net_rshares: paid ? 0 : hivemindNumeric(p.rshares),
      abs_rshares: paid ? 0 : hivemindNumeric(p.abs_rshares),
      vote_rshares: paid ? 0 : hivemindNumeric(Math.floor((p.rshares + p.abs_rshares) / 2)),
    });
  } else {
    out.net_rshares = hivemindNumeric(p.rshares);
  }
  return out;
}

/** create_bridge_post_object, with the observer-independent parts (no blacklists, no reblogs on the devnet). */
export function bridgePost(hm: Hivemind, p: HmPost, opts: { replies?: string[]; pinnedField?: boolean } = {}) {
  const r = root(hm, p);
  const par = parent(hm, p);
  const paid = p.is_paidout === 1;
  let metadata: unknown = {};
  try {
    metadata = p.json_metadata ? JSON.parse(p.json_metadata) : {};
  } catch {
    metadata = {};
  }
  const role = p.community ? hm.role(p.community, p.author) : undefined;
  const roleId = role?.role_id;
  const stats: Record<string, unknown> = {
    hide: false,
    gray: p.is_muted === 1 || roleId === -2,
    total_votes: p.total_votes,
    flag_weight: 0,
  };
  if (opts.pinnedField && p.is_pinned) stats.is_pinned = true;
  const reasons = mutedReasonsList(p.muted_reasons);
  if (roleId === -2) reasons.push(4);
  if (reasons.length) stats.muted_reasons = reasons;
  const out: Record<string, unknown> = {
    author: p.author,
    permlink: p.permlink,
    category: p.category,
    title: p.depth > 0 ? `RE: ${r.title}` : p.title,
    body: p.body,
    json_metadata: metadata,
    created: isoTime(p.created),
    updated: isoTime(p.updated),
    depth: p.depth,
    children: p.children,
    net_rshares: hivemindNumeric(p.rshares),
    is_paidout: paid,
    payout_at: isoTime(p.payout_at),
    payout: 0,
    pending_payout_value: ZERO_HBD,
    author_payout_value: ZERO_HBD,
    curator_payout_value: ZERO_HBD,
    replies: opts.replies ?? [],
    reblogs: 0,
    author_reputation: 25,
    stats,
    url: postUrl(hm, p),
    beneficiaries: JSON.parse(p.beneficiaries),
    max_accepted_payout: p.max_accepted_payout,
    percent_hbd: p.percent_hbd,
    active_votes: hm.votes(p.id).map((v) => presentVote(v, 'bridge_api')),
    blacklists: [],
  };
  if (p.community) {
    const c = hm.community(p.community);
    out.community = p.category;
    out.community_title = c?.title || `@${p.community}`;
    if (roleId !== undefined) {
      out.author_role = roleName(roleId);
      out.author_title = role!.title;
    } else {
      out.author_role = 'guest';
      out.author_title = '';
    }
  }
  if (p.depth > 0) {
    out.parent_author = par?.author ?? '';
    out.parent_permlink = par?.permlink ?? '';
  }
  return out;
}

/** get_community_context: the observer's role, subscription and title. */
export function communityContext(hm: Hivemind, community: string, observer: string) {
  const role = hm.role(community, observer);
  return { role: roleName(role?.role_id ?? 0), subscribed: hm.isSubscribed(community, observer), title: role?.title ?? '' };
}

/** bridge_api_get_community's row. */
export function bridgeCommunity(hm: Hivemind, c: HmCommunity, observer: string | null) {
  const team = hm.db
    .prepare(
      `SELECT r.account, r.role_id, r.title FROM hm_roles r LEFT JOIN hive_accounts a ON a.name = r.account
              WHERE r.community = ? AND r.role_id BETWEEN 4 AND 8 ORDER BY r.role_id DESC, a.id DESC`,
    )
    .all(c.name) as Array<{ account: string; role_id: number; title: string }>;
  let settings: unknown = {};
  try {
    settings = JSON.parse(c.settings);
  } catch {
    settings = {};
  }
  return {
    id: c.id,
    name: c.name,
    title: c.title || `@${c.name}`,
    about: c.about,
    lang: c.lang,
    type_id: c.type_id,
    is_nsfw: c.is_nsfw === 1,
    subscribers: c.subscribers,
    created_at: isoTime(c.created_at).replace('T', ' '),
    sum_pending: 0,
    num_pending: 0,
    num_authors: 0,
    description: c.description,
    flag_text: c.flag_text,
    settings,
    context: observer ? communityContext(hm, c.name, observer) : {},
    team: team.length ? team.map((t) => [t.account, roleName(t.role_id), t.title]) : null,
  };
}
