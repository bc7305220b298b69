/**
 * Published posts as rewards see them (author, board, board economics), read
 * once per post for a short while instead of on every like and comment. Any
 * write to a post or a board through Strapi's query layer forgets them all on
 * this instance at once (publishing, unpublishing, closing a board, changing
 * its token economics); another instance's write shows here within
 * REWARDS_POST_CACHE_MS (2 s by default), as the estimates' inputs do.
 */
import type { Core } from '@strapi/strapi';
import { BOARD_UID, POST_UID } from './store';
import type { PostForRewards } from './engagement';

export function createPostCache(strapi: Core.Strapi, load: (documentIds: string[]) => Promise<Map<string, PostForRewards>>) {
  const parsed = Number.parseInt(process.env.REWARDS_POST_CACHE_MS ?? '', 10);
  const ttlMs = Number.isFinite(parsed) && parsed >= 0 ? parsed : 2000;
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
  const writes = ['afterCreate', 'afterCreateMany', 'afterUpdate', 'afterUpdateMany', 'afterDelete', 'afterDeleteMany'];
  strapi.db.lifecycles.subscribe({ models: [POST_UID, BOARD_UID], ...Object.fromEntries(writes.map((action) => [action, written])) } as any);

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
