/**
 * Published posts as rewards see them (author, board, board economics), read
 * once per post for a short while instead of on every like and comment. Any
 * write to a post or a board through Strapi's query layer forgets them all on
 * this instance at once (publishing, unpublishing, closing a board, changing
 * its token economics). Another instance's such write reaches here through
 * the app's cluster bus, which repeats what other instances announce on
 * strapi.eventHub (CLUSTER_INVALIDATED): each of those writes names its board
 * (or everything). Without a bus, rewards.postCacheMs (REWARDS_POST_CACHE_MS, 2 s by default)
 * bounds how long it shows late.
 */
import type { Core } from '@strapi/strapi';
import { CLUSTER_INVALIDATED_EVENT } from '../core/events';
import type { HostModel } from '../host/model';
import type { PostForRewards } from './published-posts';

export { CLUSTER_INVALIDATED_EVENT };
/** Of the tags the app announces (its src/api/feed/lib/tags.ts), those that say a board, or where a post is listed, changed. */
const namesBoards = (tag: unknown) => typeof tag === 'string' && (tag.startsWith('board:') || tag === 'boards');

export function createPostCache(strapi: Core.Strapi, types: HostModel, ttlMs: number, load: (documentIds: string[]) => Promise<Map<string, PostForRewards>>) {
  const entries = new Map<string, { post: PostForRewards | null; until: number }>();
  let generation = 0;

  const forget = () => {
    generation += 1;
    entries.clear();
  };
  // At the write, and again at its commit: a read in between (on PostgreSQL, outside the transaction) saw the old rows.
  const written = () => {
    forget();
    if (strapi.db.inTransaction()) void strapi.db.transaction(async ({ onCommit }) => onCommit(forget));
  };
  // Database lifecycles, not a Document Service hook: they also see the query layer's writes (the Content Manager's bulk actions, raw repository calls).
  strapi.db.lifecycles.subscribe({
    models: [types.post, types.board],
    afterCreate: written,
    afterCreateMany: written,
    afterUpdate: written,
    afterUpdateMany: written,
    afterDelete: written,
    afterDeleteMany: written,
  });
  strapi.eventHub.on(CLUSTER_INVALIDATED_EVENT, async (event?: { tags?: unknown }) => {
    if (!Array.isArray(event?.tags) || event.tags.some(namesBoards)) forget();
  });

  return {
    /** These posts (absent: not published), from the cache where it has them fresh. */
    async get(documentIds: string[]): Promise<Map<string, PostForRewards>> {
      const now = Date.now();
      const out = new Map<string, PostForRewards>();
      const missing: string[] = [];
      for (const id of new Set(documentIds)) {
        const hit = entries.get(id);
        if (hit && hit.until > now) {
          if (hit.post) out.set(id, hit.post);
        } else missing.push(id);
      }
      if (missing.length === 0 || ttlMs === 0) {
        if (missing.length) for (const [id, post] of await load(missing)) out.set(id, post);
        return out;
      }
      const started = generation;
      const loaded = await load(missing);
      // A write while reading: what was read may be from before it, so it is used once and not kept.
      for (const id of missing) {
        const post = loaded.get(id) ?? null;
        if (generation === started) entries.set(id, { post, until: now + ttlMs });
        if (post) out.set(id, post);
      }
      if (entries.size > 10_000) entries.clear();
      return out;
    },
    forget,
  };
}

export type PostCache = ReturnType<typeof createPostCache>;
