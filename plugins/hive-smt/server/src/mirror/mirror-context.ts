import { createHash } from 'crypto';
import type { Core } from '@strapi/strapi';
import type { SignedTransaction } from '@hiveio/dhive';
import type { ChainPost, HiveChain } from '../chain/hive-chain';
import type { KeyRing } from '../chain/keys';
import type { HiveSmtConfig } from '../config';
import type { HostModel } from '../host/model';
import type { BoardRow, PostRow } from '../host/rows';
import type { JobQueue } from '../jobs/queue';
import { HIVE_100_PERCENT } from '../chain/protocol';
import type { BoardChainSettings } from './build-operation';
import { communityPostingProblem } from './community-rules';
import type { MirrorRecords } from './records';
import type { PostExtrasSlot } from './post-extras';

/** How long a board's community type and the posting account's role are trusted before asking hivemind again. */
const COMMUNITY_CACHE_MS = 60_000;
/** The reason given while hived has a post its API (hivemind, which indexes blocks) does not show yet. */
export const INDEXER_LAG_REASON =
  'Hive has this post, but its API does not show it yet (hivemind indexes each block a moment after it is made); looking again shortly.';

export interface MirrorDeps {
  strapi: Core.Strapi;
  types: HostModel;
  chain: () => HiveChain;
  keys: () => KeyRing;
  queue: JobQueue;
  records: MirrorRecords;
  config: HiveSmtConfig;
  /** The host app's additions to mirrored posts (post-extras.ts). */
  extras?: PostExtrasSlot;
}

/** The text of a node's refusal, dhive's message and hived's assertion frames together. */
export const errorText = (error: unknown) => {
  const e = error as { message?: unknown; jse_info?: { stack?: Array<{ format?: unknown }> } };
  return [e?.message, ...(e?.jse_info?.stack ?? []).map((frame) => frame?.format)].filter((t) => typeof t === 'string').join(' | ');
};

/** A fingerprint of what a comment operation puts on chain, to skip edits that change nothing. */
export function contentHash(op: { title: string; body: string; json_metadata: string; parent_permlink: string }) {
  return createHash('sha256')
    .update(JSON.stringify([op.parent_permlink, op.title, op.body, op.json_metadata]))
    .digest('hex')
    .slice(0, 32);
}

type Content = Pick<ChainPost, 'title' | 'body' | 'json_metadata'>;
export const sameContent = (chainContent: Content | null | undefined, op: Content) =>
  chainContent && chainContent.title === op.title && chainContent.body === op.body && chainContent.json_metadata === op.json_metadata;

/** The first operation of a kind in a signed transaction, with its body. */
const operationOf = <T>(signedTx: SignedTransaction | null | undefined, name: string): T | null =>
  (signedTx?.operations.find((op) => op[0] === name)?.[1] as T | undefined) ?? null;
export const commentOf = (signedTx: SignedTransaction | null | undefined) =>
  operationOf<{ author: string; permlink: string; parent_permlink: string; title: string; body: string; json_metadata: string }>(signedTx, 'comment');
export const deleteOf = (signedTx: SignedTransaction | null | undefined) => operationOf<{ author: string; permlink: string }>(signedTx, 'delete_comment');

/** A board's fields as the operations builder takes them. */
export function boardSettings(board: Partial<BoardRow>): BoardChainSettings {
  const memberShare = Number(board.memberRewardShare ?? 90);
  return {
    hiveAccount: board.hiveAccount ?? '',
    hiveCommunity: board.hiveCommunity || null,
    defaultTags: String(board.defaultTags ?? '')
      .split(',')
      .map((t: string) => t.trim())
      .filter(Boolean),
    footerTemplate: board.hiveFooter || null,
    beneficiaryShareBps: HIVE_100_PERCENT - Math.round(Math.min(100, Math.max(0, memberShare)) * 100),
    maxAcceptedPayout: board.payoutMode === 'decline' ? '0.000 HBD' : '1000000.000 HBD',
    percentHbd: HIVE_100_PERCENT,
    allowVotes: true,
    allowCurationRewards: true,
  };
}

export function canonicalUrl(config: HiveSmtConfig, post: { documentId: string; slug?: string | null; board?: { slug?: string | null } | null }): string {
  return config.canonicalUrlTemplate
    .replace('{publicUrl}', config.publicUrl.replace(/\/$/, ''))
    .replace('{board}', encodeURIComponent(post.board?.slug ?? 'board'))
    .replace('{slug}', encodeURIComponent(post.slug || post.documentId))
    .replace('{documentId}', encodeURIComponent(post.documentId));
}

export function appIdentity(config: HiveSmtConfig) {
  const [name, version = '1.0.0'] = config.appName.split('/');
  return { name, version };
}

/**
 * What Hive has at author/permlink: hivemind's view of the post when it shows it; when it does not,
 * hived's own state says whether the post exists anyway (hivemind lags produced blocks).
 */
export async function onChainPost(chain: HiveChain, author: string, permlink: string): Promise<{ content: ChainPost | null; exists: boolean; known: boolean }> {
  const content = await chain.getContent(author, permlink);
  if (content) return { content, exists: true, known: true };
  const state = await chain.commentState(author, permlink);
  // known: false when the nodes do not serve hived's state (database_api.get_comment_pending_payouts).
  return { content: null, exists: !!state?.exists, known: state !== null };
}

/** The reads every step family of the mirror shares: the host's posts and boards, and hivemind's community rules. */
export function createMirrorReads(deps: MirrorDeps) {
  const documents = (uid: string) => deps.strapi.documents(uid as Parameters<typeof deps.strapi.documents>[0]);
  const communities = new Map<string, { at: number; problem: string | null }>();
  return {
    async loadPublishedPost(documentId: string): Promise<PostRow | null> {
      const posts = documents(deps.types.post);
      // A cover is optional: the host model drops it from populate where the app's type has none.
      const params = deps.types.toAppParams('post', { documentId, status: 'published', populate: { board: true, author: true, cover: true } });
      return deps.types.fromApp<PostRow | null>('post', await posts.findOne(params as Parameters<typeof posts.findOne>[0]));
    },

    async loadBoard(documentId: string): Promise<BoardRow | null> {
      const boards = documents(deps.types.board);
      return deps.types.fromApp<BoardRow | null>('board', await boards.findOne({ documentId } as Parameters<typeof boards.findOne>[0]));
    },

    /** Whether hivemind would mute this account's post or comment in the board's community (a clean answer is cached a minute). */
    async communityProblem(community: string | null | undefined, account: string, isComment: boolean): Promise<string | null> {
      if (!community) return null;
      const key = `${community}|${account}|${isComment}`;
      const cached = communities.get(key);
      if (cached && cached.at > Date.now() - COMMUNITY_CACHE_MS) return cached.problem;
      const view = await deps.chain().getCommunity(community, account);
      // A node without hivemind cannot say; the post goes out as it did before communities were checked.
      if (view === 'unsupported') return null;
      const problem = view
        ? communityPostingProblem(view, { account, isComment })
        : `The board's Hive community ${community} does not exist on Hive (hivemind knows no such community). Create it, or correct the board's "Hive community" field, then press Retry.`;
      // Only a clean bill is remembered: a held post must see the fix (a new role) as soon as an admin presses Retry.
      if (!problem) communities.set(key, { at: Date.now(), problem });
      return problem;
    },
  };
}

export type MirrorReads = ReturnType<typeof createMirrorReads>;
