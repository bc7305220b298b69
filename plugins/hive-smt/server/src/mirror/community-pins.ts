/**
 * Featuring a post in Quanzi pins it in the board's Hive community, and
 * unfeaturing unpins it: hivemind's `pinPost` / `unpinPost` community
 * operations, sent by the board's account (which needs the mod role or above
 * in the community) with the app's posting authority, exactly once like every
 * chain job (jobs/exactly-once.ts).
 *
 * One job per post (subject `community-pin:<documentId>`): featuring and
 * unfeaturing in a burst leaves one job, and what it sends is decided when it
 * runs, from the post's flag then and hivemind's view of the post — so a
 * post already pinned on Hive (by a moderator on PeakD) is not pinned again,
 * which hivemind would refuse.
 */
import type { CustomJsonOperation } from '@hiveio/dhive';
import type { Core } from '@strapi/strapi';
import { KeyConfigError } from '../chain/keys';
import { HIVEMIND_COMMUNITY_OP_ID, HIVEMIND_PIN_OPS } from '../chain/protocol';
import type { DocumentHook } from '../core/document-hooks';
import type { Outcome } from '../core/outcome';
import type { HostModel } from '../host/model';
import type { BoardRow, PostRow } from '../host/rows';
import { attemptExactlyOnce, type BuildDecision } from '../jobs/exactly-once';
import type { ChainJob, JobQueue } from '../jobs/queue';
import type { JobHandler } from '../jobs/worker';
import type { MirrorRecord } from './records';
import type { MirrorDeps } from './mirror-context';

export const COMMUNITY_PIN = 'community.pin';
export const PIN_SUBJECT_PREFIX = 'community-pin:';
export const pinSubject = (documentId: string) => `${PIN_SUBJECT_PREFIX}${documentId}`;
/** A post waiting to land on Hive before it can be pinned looks again after this. */
const NOT_ON_HIVE_YET_MS = 5000;

/** What the pin job knows when it runs. */
export interface PinInputs {
  /** The post's flag now; null when the post is not published any more. */
  featured: boolean | null;
  /** The board's community; null when the board posts outside communities. */
  community: string | null;
  mirror: Pick<MirrorRecord, 'state' | 'author' | 'permlink'> | null;
  /** hivemind's view of the post; null when hivemind does not show it (yet). */
  onHive: { community: string | null; pinned: boolean } | null | 'unsupported';
}

export type PinDecision = { send: 'pin' | 'unpin' } | { skip: string } | { wait: string };

/** Whether to pin, unpin, do nothing (and why) or wait for the post to be on Hive. Pure. */
export function pinDecision(inputs: PinInputs): PinDecision {
  const { featured, community, mirror, onHive } = inputs;
  if (!community) return { skip: 'the board posts outside a Hive community' };
  if (!mirror || mirror.state === 'removed' || mirror.state === 'failed') return { skip: 'the post is not on Hive' };
  if (mirror.state !== 'confirmed' || !mirror.author || !mirror.permlink) return { wait: 'the post is on its way to Hive' };
  if (onHive === 'unsupported') return { skip: 'the Hive nodes configured serve no community API (bridge)' };
  if (onHive === null) return { wait: 'hivemind does not show the post yet' };
  if (onHive.community !== community) return { skip: `the post is not in the community ${community} on Hive` };
  const wanted = featured === true;
  if (onHive.pinned === wanted) return { skip: wanted ? 'already pinned on Hive' : 'not pinned on Hive' };
  return { send: wanted ? 'pin' : 'unpin' };
}

/** The custom_json a pin or an unpin is on Hive. */
export function pinOperation(action: 'pin' | 'unpin', actor: string, community: string, author: string, permlink: string): CustomJsonOperation {
  return [
    'custom_json',
    {
      required_auths: [],
      required_posting_auths: [actor],
      id: HIVEMIND_COMMUNITY_OP_ID,
      json: JSON.stringify([HIVEMIND_PIN_OPS[action], { community, account: author, permlink }]),
    },
  ];
}

/** Queues the post's pin job when an update changes its featured flag (the published version's, as members saw it). */
export function communityPinHook(strapi: Core.Strapi, types: HostModel, queue: JobQueue): DocumentHook {
  return {
    name: 'pin featured posts in the Hive community',
    async run(call, next) {
      const featured = call.params.data?.featured;
      const documentId = call.params.documentId;
      if (call.action !== 'update' || typeof featured !== 'boolean' || !documentId) return next();
      return strapi.db.transaction(async () => {
        const before = await types.rows<PostRow>('post').findMany({ where: { documentId }, select: ['featured', 'publishedAt'] });
        const reference = before.find((p) => p.publishedAt) ?? before[0];
        const result = await next();
        // In the same transaction as the change: a rolled-back feature queues nothing.
        if ((reference?.featured === true) !== featured) await queue.enqueue(COMMUNITY_PIN, pinSubject(documentId), { documentId });
        return result;
      });
    },
  };
}

/** The pin job needs what the mirror's jobs need, without the host app's post extras. */
export function createCommunityPinHandler(deps: Omit<MirrorDeps, 'extras'>): JobHandler {
  const { types, records, config } = deps;

  async function build(job: ChainJob): Promise<BuildDecision> {
    const documentId = String(job.payload.documentId ?? '');
    const post = await types.rows<PostRow>('post').findOne({
      where: { documentId, publishedAt: { $notNull: true } },
      select: ['featured'],
      populate: { board: { select: ['hiveAccount', 'hiveCommunity'] } },
    });
    const board = (post?.board ?? null) as Pick<BoardRow, 'hiveAccount' | 'hiveCommunity'> | null;
    const mirror = await records.get(documentId);
    const community = board?.hiveCommunity || null;
    const onHive =
      community && mirror?.state === 'confirmed' && mirror.author && mirror.permlink
        ? await deps.chain().getCommunityPin(mirror.author, mirror.permlink)
        : null;
    const decision = pinDecision({ featured: post ? post.featured === true : null, community, mirror, onHive });
    if ('skip' in decision) return { kind: 'skip', note: decision.skip };
    if ('wait' in decision) return { kind: 'defer', notBefore: Date.now() + NOT_ON_HIVE_YET_MS, reason: decision.wait };
    const actor = board!.hiveAccount!;
    return {
      kind: 'send',
      operations: [pinOperation(decision.send, actor, community!, mirror!.author!, mirror!.permlink!)],
      key: deps.keys().get(config.appAccount, 'posting'),
      summary: { action: decision.send, community, account: actor },
    };
  }

  return {
    kinds: [COMMUNITY_PIN],
    async run(job: ChainJob, owner: string): Promise<Outcome> {
      try {
        return await attemptExactlyOnce(
          job,
          { build: () => build(job) },
          {
            chain: deps.chain(),
            queue: deps.queue,
            owner,
            expireSeconds: config.txExpireSeconds,
            inclusionWaitMs: config.worker.inclusionWaitMs,
            recheckMs: config.worker.recheckMs,
          },
        );
      } catch (error) {
        if (error instanceof KeyConfigError) return { kind: 'failed', error: `Community pins paused: ${error.message}` };
        throw error;
      }
    },
  };
}
