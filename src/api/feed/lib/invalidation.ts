import type { Core } from '@strapi/strapi';

const WRITE_EVENTS = ['afterCreate', 'afterCreateMany', 'afterUpdate', 'afterUpdateMany', 'afterDelete', 'afterDeleteMany'] as const;

/** Strapi's own bookkeeping (admin users, tokens, sessions, the core store) never shows in a feed. */
const isInternal = (uid: string | undefined) => !uid || uid.startsWith('admin::') || uid.startsWith('strapi::');

/**
 * Empties the feed cache on every write through Strapi's query layer — the
 * Document Service, the Content Manager, users-permissions, the hive-smt
 * plugin's likes and chain jobs alike — to any model but Strapi's internals.
 * Writes are rare next to reads, so erring towards "too often" is cheap.
 *
 * Inside a transaction the cache is emptied twice: at the write, and again at
 * commit, because a read that ran between the two (on PostgreSQL, outside the
 * transaction) saw the old data and may have cached it.
 */
export function subscribeFeedInvalidation(strapi: Core.Strapi): void {
  const invalidate = () => (strapi.service('api::feed.feed') as any).invalidate();
  const onWrite = async (event: { model?: { uid?: string } }) => {
    if (isInternal(event.model?.uid)) return;
    invalidate();
    if (strapi.db.inTransaction()) {
      await strapi.db.transaction(async ({ onCommit }) => onCommit(invalidate));
    }
  };
  strapi.db.lifecycles.subscribe(Object.fromEntries(WRITE_EVENTS.map((name) => [name, onWrite])) as any);
}
