import type { Core } from '@strapi/strapi';
import { CLUSTER_INVALIDATED_EVENT } from 'hive-smt/core';
import { subscribeFeedInvalidation, type FeedWrites } from '../api/feed/lib/invalidation';
import { registerFastCommentInsert } from '../api/comment/services/fast-insert';
import { installMemberAuth, type MemberAuth } from '../auth/member-auth';
import { startInvalidationBus, type InvalidationBus } from '../cluster/invalidation-bus';

const feed = (strapi: Core.Strapi) => strapi.service('api::feed.feed') as any;
let bus: InvalidationBus | null = null;
let memberAuth: MemberAuth | null = null;
let feedWrites: FeedWrites | null = null;

const announceOutsideTransaction = (strapi: Core.Strapi, tags: string[] | undefined) => {
  bus?.announce(tags).catch((error) => strapi.log.warn(`[cluster] could not announce a cache invalidation: ${(error as Error).message}`));
};

/**
 * Before anything is written (plugins bootstrap first): every write through
 * Strapi's query layer keeps the feed table and the caches right
 * (src/api/feed/lib/invalidation.ts), and members' requests are
 * authenticated from caches those writes keep right (src/auth/member-auth.ts).
 */
export function registerCacheInvalidation(strapi: Core.Strapi): void {
  feedWrites = subscribeFeedInvalidation(strapi, {
    local: (tags) => feed(strapi).invalidateLocal(tags),
    announce: async (tags, trx) => {
      await bus?.announce(tags, trx);
    },
  });
  memberAuth = installMemberAuth(strapi, (tags) => announceOutsideTransaction(strapi, tags));
}

/**
 * At the end of bootstrap, when every plugin and the app registered theirs:
 * members' comments are written by the innermost Document Service middleware
 * (src/api/comment/services/fast-insert.ts), so every other middleware still
 * runs around them. (A middleware registered later would run inside it, and
 * not for these comments.)
 */
export function registerCommentWrites(strapi: Core.Strapi): void {
  registerFastCommentInsert(strapi, { commentsChanged: (posts) => feedWrites!.commentsChanged(posts) });
}

/** With several instances on one PostgreSQL database: hear the others' invalidations, and tell them ours. */
export async function startCacheBus(strapi: Core.Strapi): Promise<void> {
  bus = await startInvalidationBus(strapi, (tags) => {
    feed(strapi).invalidateLocal(tags);
    memberAuth?.invalidateLocal(tags);
    // The hive-smt plugin's caches of what rewards read (its rewards/post-cache.ts) listen for this.
    strapi.eventHub.emit(CLUSTER_INVALIDATED_EVENT, { tags: tags === undefined ? null : [...tags] }).catch(() => undefined);
  });
  feed(strapi).setBroadcast((tags: string[] | undefined) => announceOutsideTransaction(strapi, tags));
}

export async function stopCacheBus(strapi: Core.Strapi): Promise<void> {
  feed(strapi)?.setBroadcast(null);
  feed(strapi)?.close();
  const current = bus;
  bus = null;
  await current?.stop();
}
