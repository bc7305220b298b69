/**
 * condenser_api's content methods the way a pre-HF24 "fat" hived node answered
 * them, from the chain's own state, mempool included, with an empty object for a
 * missing post. No public node has answered like this since HF24 (hivemind
 * serves these methods there); the devnet keeps it as an explicit, kinder
 * option (contentApi: 'fatnode').
 */
import { formatAsset } from '../assets';
import type { CommentRow, VoteRow } from '../chain';
import { fcAssert } from '../errors';
import { HIVE_100_PERCENT } from '../protocol';
import { TIME_MAX, isoTime, parseTime } from '../time';
import type { ApiContext } from './context';

const TIME_ZERO = 0;

function votesOf(ctx: ApiContext, commentId: number): VoteRow[] {
  return ctx.chain.db.prepare(`SELECT * FROM hive_votes WHERE comment_id = ? ORDER BY time, voter`).all(commentId) as VoteRow[];
}

export function activeVotes(ctx: ApiContext, c: CommentRow) {
  return votesOf(ctx, c.id).map((v) => ({
    voter: v.voter,
    weight: Math.abs(v.rshares),
    rshares: v.rshares,
    percent: v.vote_percent,
    reputation: 0,
    time: isoTime(v.time),
  }));
}

function rootOf(ctx: ApiContext, c: CommentRow): CommentRow {
  return c.root_id && c.root_id !== c.id ? (ctx.chain.commentById(c.root_id) ?? c) : c;
}

function contentUrl(ctx: ApiContext, c: CommentRow): string {
  const root = rootOf(ctx, c);
  const base = `/${c.category}/@${root.author}/${root.permlink}`;
  return root.id === c.id ? base : `${base}#@${c.author}/${c.permlink}`;
}

export function condenserContent(ctx: ApiContext, c: CommentRow) {
  const root = rootOf(ctx, c);
  const paid = c.paid === 1;
  return {
    id: c.id,
    author: c.author,
    permlink: c.permlink,
    category: c.category,
    parent_author: c.parent_author,
    parent_permlink: c.parent_permlink,
    title: c.title,
    body: c.body,
    json_metadata: c.json_metadata,
    last_update: isoTime(c.last_update),
    created: isoTime(c.created),
    active: isoTime(c.active),
    last_payout: isoTime(paid ? c.last_payout : TIME_ZERO),
    depth: c.depth,
    children: c.children,
    net_rshares: c.net_rshares,
    abs_rshares: c.abs_rshares,
    vote_rshares: Math.max(0, Math.floor((c.net_rshares + c.abs_rshares) / 2)),
    children_abs_rshares: 0,
    cashout_time: isoTime(paid ? TIME_MAX : c.cashout_time),
    max_cashout_time: isoTime(TIME_MAX),
    total_vote_weight: 0,
    reward_weight: HIVE_100_PERCENT,
    total_payout_value: formatAsset(0, 'HBD'),
    curator_payout_value: formatAsset(0, 'HBD'),
    author_rewards: 0,
    net_votes: c.net_votes,
    root_author: root.author,
    root_permlink: root.permlink,
    max_accepted_payout: formatAsset(c.max_accepted_payout, 'HBD'),
    percent_hbd: c.percent_hbd,
    allow_replies: true,
    allow_votes: c.allow_votes === 1,
    allow_curation_rewards: c.allow_curation_rewards === 1,
    beneficiaries: JSON.parse(c.beneficiaries),
    url: contentUrl(ctx, c),
    root_title: root.title,
    pending_payout_value: formatAsset(0, 'HBD'),
    total_pending_payout_value: formatAsset(0, 'HBD'),
    active_votes: activeVotes(ctx, c),
    replies: [] as unknown[],
    author_reputation: 0,
    promoted: formatAsset(0, 'HBD'),
    body_length: c.body.length,
    reblogged_by: [] as unknown[],
  };
}

/** What a hived fat node answers for a post that does not exist. */
export function emptyContent() {
  const z = isoTime(TIME_ZERO);
  return {
    id: 0,
    author: '',
    permlink: '',
    category: '',
    parent_author: '',
    parent_permlink: '',
    title: '',
    body: '',
    json_metadata: '',
    last_update: z,
    created: z,
    active: z,
    last_payout: z,
    depth: 0,
    children: 0,
    net_rshares: 0,
    abs_rshares: 0,
    vote_rshares: 0,
    children_abs_rshares: 0,
    cashout_time: z,
    max_cashout_time: z,
    total_vote_weight: 0,
    reward_weight: 0,
    total_payout_value: '0.000 HBD',
    curator_payout_value: '0.000 HBD',
    author_rewards: 0,
    net_votes: 0,
    root_author: '',
    root_permlink: '',
    max_accepted_payout: '0.000 HBD',
    percent_hbd: 0,
    allow_replies: false,
    allow_votes: false,
    allow_curation_rewards: false,
    beneficiaries: [] as unknown[],
    url: '',
    root_title: '',
    pending_payout_value: '0.000 HBD',
    total_pending_payout_value: '0.000 HBD',
    active_votes: [] as unknown[],
    replies: [] as unknown[],
    author_reputation: 0,
    promoted: '0.000 HBD',
    body_length: 0,
    reblogged_by: [] as unknown[],
  };
}

/** condenser_api.get_content on a fat node: the comment from chain state (the mempool included), or the empty object. */
export function getContent(ctx: ApiContext, author: string, permlink: string) {
  const c = ctx.chain.findComment(author, permlink);
  return c ? condenserContent(ctx, c) : emptyContent();
}

export function getContentReplies(ctx: ApiContext, author: string, permlink: string) {
  const c = ctx.chain.findComment(author, permlink);
  if (!c) return [];
  const rows = ctx.chain.db.prepare(`SELECT * FROM hive_comments WHERE parent_id = ? ORDER BY id`).all(c.id) as CommentRow[];
  return rows.map((r) => condenserContent(ctx, r));
}

export function discussionsByAuthorBeforeDate(ctx: ApiContext, author: string, startPermlink: string, beforeDate: string, limit: number) {
  fcAssert(limit >= 0 && limit <= 100, 'limit <= 100', 'limit cannot be greater than 100');
  const before = beforeDate ? parseTime(beforeDate) : NaN;
  const rows = ctx.chain.db.prepare(`SELECT * FROM hive_comments WHERE author = ? AND depth = 0 ORDER BY id DESC`).all(author) as CommentRow[];
  let list = rows.filter((r) => !Number.isFinite(before) || before <= 0 || r.created <= before);
  if (startPermlink) {
    const i = list.findIndex((r) => r.permlink === startPermlink);
    list = i >= 0 ? list.slice(i) : [];
  }
  return list.slice(0, limit).map((r) => {
    const c = condenserContent(ctx, r) as Record<string, any>;
    c.body = c.body.slice(0, 1024);
    return c;
  });
}
