import { createHash } from 'crypto';
import type { Core } from '@strapi/strapi';
import type { Operation, SignedTransaction } from '@hiveio/dhive';
import type { ChainPost, HiveChain } from '../chain/hive-chain';
import { KeyConfigError, type KeyRing } from '../chain/keys';
import type { HiveSmtConfig } from '../config';
import type { HostTypes } from '../host/types';
import type { BoardRow, PostRow } from '../host/rows';
import type { AccountLinkRow } from '../accounts/rows';
import { UID, q } from '../core/db';
import { attemptExactlyOnce, type BuildDecision } from '../jobs/exactly-once';
import type { Outcome } from '../core/outcome';
import type { ChainJob, JobQueue } from '../jobs/queue';
import type { JobHandler } from '../jobs/worker';
import { buildEditOperation, buildPostOperations, buildRemovalOperations, OperationInputError, type AuthorResolution, type BoardChainSettings } from './build-operation';
import { lastResortPermlink, permlinkFromSlug } from './permlink';
import { earliestBroadcastAt } from './schedule';
import { createPostsOfTheDay } from './post-of-the-day';
import { grantAuthorityHelp, grantsPostingAuthority, missingAccountHelp } from './authority';
import type { MirrorRecords } from './records';
import { HIVE_100_PERCENT, HIVED_ERRORS } from '../chain/protocol';
import { communityPostingProblem } from './community-rules';
import { deletable } from './removal-rules';

import { MIRROR_CONTAINER, MIRROR_PUBLISH, MIRROR_REMOVE } from './jobs';

/**
 * A job whose account is busy with another post in this process looks again after this. Rare: the claim
 * query already skips jobs whose account holds a lease; this catches a job claimed before its account was known.
 */
const LANE_WAIT_MS = 2000;
const LANE_WAIT_REASON = 'Waiting for another post of the same Hive account';
const MAX_PERMLINK_TRIES = 50;
/** How long a board's community type and the posting account's role are trusted before asking hivemind again. */
const COMMUNITY_CACHE_MS = 60_000;
/** The reason given while hived has a post its API (hivemind, which indexes blocks) does not show yet. */
const INDEXER_LAG_REASON = 'Hive has this post, but its API does not show it yet (hivemind indexes each block a moment after it is made); looking again shortly.';

const errorText = (error: unknown) => {
  const e = error as { message?: unknown; jse_info?: { stack?: Array<{ format?: unknown }> } };
  return [e?.message, ...(e?.jse_info?.stack ?? []).map((frame) => frame?.format)].filter((t) => typeof t === 'string').join(' | ');
};
/** Refusals of delete_comment that a tombstone edit gets around (hive_evaluator_social.cpp). */
const DELETE_REFUSALS = [HIVED_ERRORS.deleteWithReplies, HIVED_ERRORS.deleteWithVotes, HIVED_ERRORS.deleteAfterPayout];

interface Deps {
  strapi: Core.Strapi;
  types: HostTypes;
  chain: () => HiveChain;
  keys: () => KeyRing;
  queue: JobQueue;
  records: MirrorRecords;
  config: HiveSmtConfig;
}

/** A fingerprint of what a comment operation puts on chain, to skip edits that change nothing. */
export function contentHash(op: { title: string; body: string; json_metadata: string; parent_permlink: string }) {
  return createHash('sha256').update(JSON.stringify([op.parent_permlink, op.title, op.body, op.json_metadata])).digest('hex').slice(0, 32);
}

type Content = Pick<ChainPost, 'title' | 'body' | 'json_metadata'>;
const sameContent = (chainContent: Content | null | undefined, op: Content) =>
  chainContent && chainContent.title === op.title && chainContent.body === op.body && chainContent.json_metadata === op.json_metadata;

function boardSettings(board: Partial<BoardRow>): BoardChainSettings {
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

function canonicalUrl(config: HiveSmtConfig, post: { documentId: string; slug?: string | null; board?: { slug?: string | null } | null }): string {
  return config.canonicalUrlTemplate
    .replace('{publicUrl}', config.publicUrl.replace(/\/$/, ''))
    .replace('{board}', encodeURIComponent(post.board?.slug ?? 'board'))
    .replace('{slug}', encodeURIComponent(post.slug || post.documentId))
    .replace('{documentId}', encodeURIComponent(post.documentId));
}

function appIdentity(config: HiveSmtConfig) {
  const [name, version = '1.0.0'] = config.appName.split('/');
  return { name, version };
}

/**
 * What Hive has at author/permlink: hivemind's view of the post when it shows it; when it does not,
 * hived's own state says whether the post exists anyway (hivemind lags produced blocks).
 */
async function onChainPost(chain: HiveChain, author: string, permlink: string): Promise<{ content: ChainPost | null; exists: boolean; known: boolean }> {
  const content = await chain.getContent(author, permlink);
  if (content) return { content, exists: true, known: true };
  const state = await chain.commentState(author, permlink);
  // known: false when the nodes do not serve hived's state (database_api.get_comment_pending_payouts).
  return { content: null, exists: !!state?.exists, known: state !== null };
}

/** The first operation of a kind in a signed transaction, with its body. */
const operationOf = <T>(signedTx: SignedTransaction | null | undefined, name: string): T | null => (signedTx?.operations.find((op) => op[0] === name)?.[1] as T | undefined) ?? null;
const commentOf = (signedTx: SignedTransaction | null | undefined) =>
  operationOf<{ author: string; permlink: string; parent_permlink: string; title: string; body: string; json_metadata: string }>(signedTx, 'comment');
const deleteOf = (signedTx: SignedTransaction | null | undefined) => operationOf<{ author: string; permlink: string }>(signedTx, 'delete_comment');

/**
 * Mirrors posts to Hive: the first publish becomes a root post (with its
 * comment_options), later publishes edit the same permlink, unpublish or
 * delete removes it. The chain's rate rules become waiting, never refusals.
 */
export function createMirrorHandler(deps: Deps): JobHandler {
  const { strapi, queue, records, config } = deps;
  // Lanes expire with the worker's watchdog, so an abandoned attempt cannot block its account for good.
  const authorsInFlight = new Map<string, { until: number; jobId: number; since: number }>();
  const laneTtlMs = Math.max(1000, Math.floor(config.worker.leaseMs / 2));
  const communities = new Map<string, { at: number; problem: string | null }>();

  /** Whether hivemind would mute this account's post or comment in the board's community (a clean answer is cached a minute). */
  async function communityProblem(community: string | null | undefined, account: string, isComment: boolean): Promise<string | null> {
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
  }
  // The container-mode step family: which post of the day a post goes under, and the job that sends it.
  const postsOfTheDay = createPostsOfTheDay({
    queue,
    loadBoard,
    chain: deps.chain,
    appAccount: config.appAccount,
    postingKey: () => deps.keys().get(config.appAccount, 'posting'),
    existsOnHive: async (author, permlink) => (await onChainPost(deps.chain(), author, permlink)).exists,
    rootPostProblem: (board) => communityProblem(board.hiveCommunity, board.hiveAccount, false),
    buildRootPost: (board, { day, permlink }) =>
      buildPostOperations({
        post: {
          title: `${board.name}: posts of ${day}`,
          body: `Today's posts from ${board.name} are the replies below.`,
          excerpt: `Posts from ${board.name} on ${day}`,
          tags: [],
          canonicalUrl: canonicalUrl(config, { documentId: board.documentId, slug: day, board }),
          documentId: `container:${board.documentId}:${day}`,
        },
        board: { ...boardSettings(board), beneficiaryShareBps: 0 },
        author: { account: board.hiveAccount },
        app: appIdentity(config),
        permlink,
      }) as Operation[],
  });

  const documents = (uid: string) => strapi.documents(uid as Parameters<typeof strapi.documents>[0]);

  async function loadPublishedPost(documentId: string): Promise<PostRow | null> {
    const posts = documents(deps.types.post);
    return (await posts.findOne({ documentId, status: 'published', populate: { board: true, author: true, cover: true } } as Parameters<typeof posts.findOne>[0])) as unknown as PostRow | null;
  }

  async function loadBoard(documentId: string): Promise<BoardRow | null> {
    const boards = documents(deps.types.board);
    return (await boards.findOne({ documentId } as Parameters<typeof boards.findOne>[0])) as unknown as BoardRow | null;
  }

  /** The board's account, or the member's own when it granted the app posting authority. */
  async function resolveAuthor(post: PostRow): Promise<({ ok: true } & AuthorResolution) | { ok: false; error: string }> {
    const board = post.board;
    if (!board?.hiveAccount) return { ok: false, error: `The post's board has no Hive account. Set the board's "Hive account" field, then press Retry.` };
    const member = post.author;
    const link = member ? await q<AccountLinkRow>(strapi, UID.accountLink).findOne({ where: { userId: member.id } }) : null;
    const linked: string | null = link?.account ?? null;
    const names = linked ? [board.hiveAccount, linked] : [board.hiveAccount];
    const accounts = await deps.chain().getAccounts(names);
    const byName = new Map(accounts.map((a) => [a.name, a]));
    if (linked && grantsPostingAuthority(byName.get(linked), config.appAccount)) return { ok: true, account: linked };
    const boardAccount = byName.get(board.hiveAccount);
    if (!boardAccount) return { ok: false, error: missingAccountHelp(board.hiveAccount, board.name) };
    if (!grantsPostingAuthority(boardAccount, config.appAccount)) {
      return { ok: false, error: `Board "${board.name}": ${grantAuthorityHelp(board.hiveAccount, config.appAccount)}` };
    }
    const displayName = member?.displayName || member?.username || 'a member';
    return { ok: true, account: board.hiveAccount, onBehalfOf: member ? { displayName, linkedAccount: linked } : undefined };
  }

  /**
   * A permlink for a new post: from the slug, unique for the author on chain and among posts in flight.
   * 'lagging' when hived has a post at a candidate that hivemind does not show yet: whose it is cannot be told.
   */
  async function choosePermlink(author: string, post: PostRow): Promise<string | { existing: ChainPost; permlink: string } | 'lagging'> {
    const base = permlinkFromSlug(post.slug || post.title || post.documentId);
    for (let n = 1; n <= MAX_PERMLINK_TRIES; n++) {
      const candidate = n === 1 ? base : `${base}-${n}`;
      const onChain = await onChainPost(deps.chain(), author, candidate);
      if (onChain.exists) {
        if (!onChain.content) return 'lagging';
        // Ours already (a record lost after it landed): adopt it rather than post twice.
        try {
          if (JSON.parse(onChain.content.json_metadata || '{}')?.quanzi?.documentId === post.documentId) return { existing: onChain.content, permlink: candidate };
        } catch {
          /* someone else's post with unreadable metadata */
        }
        continue;
      }
      if (await records.permlinkTakenByOther(author, candidate, post.documentId)) continue;
      return candidate;
    }
    return lastResortPermlink(base);
  }

  function publishSteps(job: ChainJob, owner: string) {
    const documentId = String(job.payload.documentId);
    return {
      async build(): Promise<BuildDecision> {
        const post = await loadPublishedPost(documentId);
        if (!post) return { kind: 'skip', note: 'The post is not published any more; nothing to send.' };
        const record = await records.get(documentId);
        const chain = deps.chain();
        const head = await chain.head();
        const settings = boardSettings(post.board ?? {});
        const input = (author: AuthorResolution, permlink: string) => ({
          post: {
            title: post.title,
            body: post.body,
            excerpt: post.excerpt,
            tags: Array.isArray(post.tags) ? post.tags.map(String) : [],
            coverImageUrl: post.cover?.url ? new URL(post.cover.url, config.publicUrl).toString() : null,
            canonicalUrl: canonicalUrl(config, post),
            documentId,
          },
          board: settings,
          author,
          app: appIdentity(config),
          permlink,
        });
        const key = deps.keys().get(config.appAccount, 'posting');

        // Already on chain: an edit of the same permlink, by the same author, under the same parent.
        if (record?.author && record.permlink) {
          const found = await onChainPost(chain, record.author, record.permlink);
          const onChain = found.content;
          // A post we saw land is on Hive even while hivemind (which indexes blocks late) does not show it yet:
          // it is edited under the parent it landed under (a container-mode post under that day's post), never
          // rebuilt under another one, which Hive refuses ("The parent of a comment cannot change.").
          const landedEarlier = found.exists || (!found.known && !!record.txId && (record.state !== 'removed' || record.removedMode === 'tombstone'));
          const landedUnder = onChain
            ? { author: onChain.parent_author, permlink: onChain.parent_permlink }
            : landedEarlier && record.parentPermlink !== null
              ? { author: record.parentAuthor ?? '', permlink: record.parentPermlink }
              : null;
          if (landedUnder) {
            const author = { account: record.author, onBehalfOf: record.onBehalfOf ? { displayName: record.onBehalfOf } : undefined };
            const edit = buildEditOperation({ ...input(author, record.permlink), parent: landedUnder });
            if (onChain && sameContent(onChain, edit[1])) return { kind: 'skip', note: 'Hive already shows this version.' };
            if (!onChain && record.contentHash === contentHash(edit[1])) return { kind: 'skip', note: 'Hive already has this version.' };
            const clock = (await chain.postingClocks([record.author])).get(record.author);
            const earliest = earliestBroadcastAt({ kind: 'edit', lastEditBlockTime: clock?.lastPostEdit ?? null, now: head.time });
            if (earliest > head.time) return { kind: 'defer', notBefore: Date.now() + (earliest.getTime() - head.time.getTime()), reason: 'Hive takes one edit per block; sending with the next block.' };
            await records.upsert(documentId, { state: 'broadcasting', lastError: null });
            return { kind: 'send', operations: [edit as Operation], key };
          }
        }

        const author = await resolveAuthor(post);
        if (!author.ok) return { kind: 'fail', error: author.error };
        await queue.assignLane(job, owner, author.account);
        let permlink: string;
        if (record?.permlink && record.author === author.account) permlink = record.permlink;
        else {
          const chosen = await choosePermlink(author.account, post);
          if (chosen === 'lagging') return { kind: 'defer', notBefore: Date.now() + config.worker.recheckMs, reason: INDEXER_LAG_REASON };
          if (typeof chosen !== 'string') {
            await records.upsert(documentId, { author: author.account, permlink: chosen.permlink, parentPermlink: chosen.existing.parent_permlink });
            return { kind: 'defer', notBefore: Date.now(), reason: 'Found this post already on Hive; updating it.' };
          }
          permlink = chosen;
        }
        const clock = (await chain.postingClocks([author.account])).get(author.account);
        let parent: { author: string; permlink: string } | undefined;
        if (post.board?.postingRate === 'container') {
          // Posts go out at once as replies under the board's post of the day (the 3-second rule instead of 5 minutes),
          // in the board's own day (its time zone); yesterday's while today's is on its way.
          const under = await postsOfTheDay.parentFor(post.board, head.time);
          if ('waitFor' in under) {
            return { kind: 'defer', notBefore: Date.now() + config.worker.recheckMs, reason: `Waiting for the board's post of the day (${under.waitFor}) to be on Hive.` };
          }
          parent = under.parent;
        }
        // Hivemind mutes posts of non-members in journal and council communities: hold them with the reason instead.
        const muted = await communityProblem(settings.hiveCommunity, author.account, !!parent);
        if (muted) return { kind: 'fail', error: muted };
        const earliest = parent
          ? earliestBroadcastAt({ kind: 'reply', lastPostAt: clock?.lastPost ?? null, now: head.time })
          : earliestBroadcastAt({ kind: 'root', lastRootPostAt: clock?.lastRootPost ?? null, now: head.time });
        const ops = buildPostOperations({ ...input(author, permlink), ...(parent ? { parent } : {}) });
        // The permlink is fixed before anything is signed, so every later attempt reuses it: one post, one permlink.
        await records.upsert(documentId, {
          boardDocumentId: post.board?.documentId ?? null,
          author: author.account,
          permlink,
          parentAuthor: ops[0][1].parent_author,
          parentPermlink: ops[0][1].parent_permlink,
          onBehalfOf: author.onBehalfOf?.displayName ?? null,
          state: earliest > head.time ? 'scheduled' : 'broadcasting',
        });
        if (earliest > head.time) {
          const waitMs = earliest.getTime() - head.time.getTime();
          const rule = parent ? 'one comment every 3 seconds' : 'one new post every 5 minutes';
          return { kind: 'defer', notBefore: Date.now() + waitMs, reason: `Hive allows @${author.account} ${rule}; this one goes out in about ${Math.ceil(waitMs / 1000)} s.` };
        }
        return { kind: 'send', operations: ops as Operation[], key };
      },

      /**
       * "Comment already has beneficiaries specified": the post is on Hive already (a lagging API made it look
       * new). These bytes can never apply; sign its content again as an edit, without comment_options.
       */
      async onRefused(error: unknown): Promise<Outcome | null> {
        if (!errorText(error).includes(HIVED_ERRORS.beneficiariesOnce)) return null;
        const op = commentOf(job.signedTx);
        if (!op || !(await onChainPost(deps.chain(), op.author, op.permlink)).exists) return null;
        return { kind: 'retry', error: `Hive already has @${op.author}/${op.permlink}; sending this version as an edit.`, clearSigned: true, immediate: true };
      },
    };
  }

  function removeSteps(job: ChainJob, owner: string) {
    const documentId = String(job.payload.documentId);
    return {
      async build(): Promise<BuildDecision> {
        const record = await records.get(documentId);
        if (!record?.author || !record.permlink) return { kind: 'skip', note: 'The post never reached Hive; nothing to remove.' };
        if (await loadPublishedPost(documentId)) return { kind: 'skip', note: 'The post is published again; it stays on Hive.' };
        const chain = deps.chain();
        const found = await onChainPost(chain, record.author, record.permlink);
        if (!found.exists) return { kind: 'skip', note: 'Hive no longer has this post.' };
        if (!found.content) return { kind: 'defer', notBefore: Date.now() + config.worker.recheckMs, reason: INDEXER_LAG_REASON };
        const onChain = found.content;
        const board = record.boardDocumentId ? await loadBoard(record.boardDocumentId) : null;
        const head = await chain.head();
        const state = await chain.commentState(record.author, record.permlink);
        const canDelete =
          board?.removalMode !== 'tombstone' &&
          job.payload?.tombstone !== true &&
          deletable({ children: Number(onChain.children ?? 0), state, content: onChain, now: head.time });
        const target = { author: record.author, permlink: record.permlink, parent: { author: onChain.parent_author, permlink: onChain.parent_permlink }, documentId };
        const key = deps.keys().get(config.appAccount, 'posting');
        if (canDelete) return { kind: 'send', operations: buildRemovalOperations('delete', target) as Operation[], key };
        const tombstone = buildRemovalOperations('tombstone', target, { app: appIdentity(config) });
        if (sameContent(onChain, tombstone[0][1])) return { kind: 'skip', note: 'Hive already shows the removal notice.' };
        const clock = (await chain.postingClocks([record.author])).get(record.author);
        const earliest = earliestBroadcastAt({ kind: 'edit', lastEditBlockTime: clock?.lastPostEdit ?? null, now: head.time });
        if (earliest > head.time) return { kind: 'defer', notBefore: Date.now() + (earliest.getTime() - head.time.getTime()), reason: 'Hive takes one edit per block; sending with the next block.' };
        return { kind: 'send', operations: tombstone as Operation[], key };
      },

      /** Hive would not delete it (replies, net positive rshares, paid out): replace it with the removal notice instead. */
      async onRefused(error: unknown): Promise<Outcome | null> {
        const text = errorText(error);
        if (!deleteOf(job.signedTx) || !DELETE_REFUSALS.some((refusal) => text.includes(refusal))) return null;
        if (!(await queue.updateLeased(job, owner, { payload: { ...job.payload, tombstone: true } }))) return { kind: 'lost-lease' };
        return { kind: 'retry', error: `Hive would not delete the post (${text.split(' | ')[0]}); replacing it with the removal notice.`, clearSigned: true, immediate: true };
      },
    };
  }

  return {
    kinds: [MIRROR_PUBLISH, MIRROR_REMOVE, MIRROR_CONTAINER],

    async run(job: ChainJob, owner: string): Promise<Outcome> {
      // One comment operation per author at a time in this process: the chain's per-author rules see them in order.
      // The board's post of the day has no lane: the posts waiting for it must not hold it back.
      const record = job.kind === MIRROR_CONTAINER ? null : await records.get(String(job.payload.documentId));
      if (record?.author) await queue.assignLane(job, owner, record.author);
      const lane = record?.author ?? job.subject;
      const holder = authorsInFlight.get(lane);
      if (holder && holder.until > Date.now()) {
        const age = Math.round((Date.now() - holder.since) / 1000);
        return { kind: 'deferred', notBefore: Date.now() + LANE_WAIT_MS, reason: `${LANE_WAIT_REASON} (job ${holder.jobId}, for ${age} s).` };
      }
      const token = { until: Date.now() + laneTtlMs, jobId: job.id, since: Date.now() };
      authorsInFlight.set(lane, token);
      try {
        const steps = job.kind === MIRROR_REMOVE ? removeSteps(job, owner) : job.kind === MIRROR_CONTAINER ? postsOfTheDay.steps(job) : publishSteps(job, owner);
        return await attemptExactlyOnce(job, steps, {
          chain: deps.chain(),
          queue,
          owner,
          expireSeconds: config.txExpireSeconds,
          inclusionWaitMs: config.worker.inclusionWaitMs,
          recheckMs: config.worker.recheckMs,
        });
      } catch (error) {
        if (error instanceof OperationInputError) return { kind: 'failed', error: `${error.message} (field: ${error.field})` };
        if (error instanceof KeyConfigError) return { kind: 'failed', error: `Mirroring paused: ${error.message}` };
        throw error;
      } finally {
        if (authorsInFlight.get(lane) === token) authorsInFlight.delete(lane);
      }
    },

    async record(job, outcome) {
      if (job.kind === MIRROR_CONTAINER) return postsOfTheDay.finished(job, outcome);
      const documentId = typeof job.payload.documentId === 'string' ? job.payload.documentId : null;
      if (!documentId) return;
      const existing = await records.get(documentId);
      switch (outcome.kind) {
        case 'confirmed': {
          // The claimed job may predate its signature: read what was actually sent.
          const sent = (await queue.find({ id: job.id }, 1))[0]?.signedTx ?? job.signedTx;
          if (job.kind === MIRROR_REMOVE) {
            await records.upsert(documentId, { state: 'removed', txId: outcome.txId, blockNum: outcome.blockNum, lastError: null, removedMode: deleteOf(sent) ? 'deleted' : 'tombstone' });
            return;
          }
          const op = commentOf(sent);
          await records.upsert(documentId, {
            state: 'confirmed',
            txId: outcome.txId,
            blockNum: outcome.blockNum,
            confirmedAt: Date.now(),
            lastError: null,
            removedMode: null,
            ...(op ? { contentHash: contentHash(op), parentPermlink: op.parent_permlink } : {}),
          });
          return;
        }
        case 'skipped':
          if (existing && existing.state !== 'confirmed' && existing.state !== 'removed' && job.kind === MIRROR_PUBLISH && existing.txId) {
            await records.upsert(documentId, { state: 'confirmed', lastError: null });
          } else if (existing && job.kind === MIRROR_REMOVE && existing.state !== 'removed') {
            await records.upsert(documentId, { state: 'removed', lastError: null });
          }
          return;
        case 'deferred':
          // Waiting behind another post of the account is not news for the post's record: spare the write.
          if (outcome.reason.startsWith(LANE_WAIT_REASON)) return;
          if (existing) await records.upsert(documentId, { state: existing.state === 'confirmed' ? 'confirmed' : 'scheduled', lastError: outcome.reason });
          return;
        case 'failed':
          await records.upsert(documentId, { state: 'failed', lastError: outcome.error });
          return;
        case 'error':
          await records.upsert(documentId, { state: outcome.dead ? 'failed' : 'retrying', lastError: outcome.error });
          return;
        default:
          return;
      }
    },
  };
}
