import type { Operation } from '@hiveio/dhive';
import type { ChainPost } from '../chain/hive-chain';
import { extrasOf } from './post-extras';
import { HIVED_ERRORS } from '../chain/protocol';
import type { PostRow } from '../host/rows';
import type { AccountLinkRow } from '../accounts/rows';
import { UID, q } from '../core/db';
import type { Outcome } from '../core/outcome';
import type { BuildDecision, ExactlyOnceSteps } from '../jobs/exactly-once';
import type { ChainJob } from '../jobs/queue';
import { grantAuthorityHelp, grantsPostingAuthority, missingAccountHelp } from './authority';
import { buildEditOperation, buildPostOperations, type AuthorResolution } from './build-operation';
import {
  appIdentity,
  boardSettings,
  canonicalUrl,
  commentOf,
  contentHash,
  errorText,
  INDEXER_LAG_REASON,
  onChainPost,
  sameContent,
  type MirrorDeps,
  type MirrorReads,
} from './mirror-context';
import { lastResortPermlink, permlinkFromSlug } from './permlink';
import type { PostsOfTheDayService } from './post-of-the-day';
import { rateRuleWait } from './rate-rule-wait';

const MAX_PERMLINK_TRIES = 50;

/**
 * The publish step family: a post's first publish becomes a root post (or, on
 * a container-mode board, a reply under its post of the day) with its
 * comment_options; later publishes edit the same permlink under the parent it
 * landed under.
 */
export function createPublishSteps(deps: MirrorDeps, reads: MirrorReads, postsOfTheDay: PostsOfTheDayService) {
  const { strapi, queue, records, config } = deps;

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
          if (JSON.parse(onChain.content.json_metadata || '{}')?.quanzi?.documentId === post.documentId)
            return { existing: onChain.content, permlink: candidate };
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

  return (job: ChainJob, owner: string): ExactlyOnceSteps => {
    const documentId = String(job.payload.documentId);
    return {
      async build(): Promise<BuildDecision> {
        const post = await reads.loadPublishedPost(documentId);
        if (!post) return { kind: 'skip', note: 'The post is not published any more; nothing to send.' };
        if (post.keepOffHive) return { kind: 'skip', note: 'The post is kept off Hive; nothing to send.' };
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
            extras: extrasOf(deps.extras, post as unknown as Record<string, unknown>),
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
            const wait = rateRuleWait('edit', record.author, clock, head.time);
            if (wait) return wait;
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
            return {
              kind: 'defer',
              notBefore: Date.now() + config.worker.recheckMs,
              reason: `Waiting for the board's post of the day (${under.waitFor}) to be on Hive.`,
            };
          }
          parent = under.parent;
        }
        // Hivemind mutes posts of non-members in journal and council communities: hold them with the reason instead.
        const muted = await reads.communityProblem(settings.hiveCommunity, author.account, !!parent);
        if (muted) return { kind: 'fail', error: muted };
        const wait = rateRuleWait(parent ? 'reply' : 'root', author.account, clock, head.time);
        const ops = buildPostOperations({ ...input(author, permlink), ...(parent ? { parent } : {}) });
        // The permlink is fixed before anything is signed, so every later attempt reuses it: one post, one permlink.
        await records.upsert(documentId, {
          boardDocumentId: post.board?.documentId ?? null,
          author: author.account,
          permlink,
          parentAuthor: ops[0][1].parent_author,
          parentPermlink: ops[0][1].parent_permlink,
          onBehalfOf: author.onBehalfOf?.displayName ?? null,
          state: wait ? 'scheduled' : 'broadcasting',
        });
        return wait ?? { kind: 'send', operations: ops as Operation[], key };
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
  };
}
