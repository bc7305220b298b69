import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { LIKES_CHANGED_EVENT } from 'hive-smt/core';
import {
  BOARD_UID,
  COMMENT_UID,
  FEED_TABLE,
  FILE_UID,
  POST_UID,
  USER_UID,
  refreshCommentCounts,
  resolveFeedTables,
  sameListing,
  syncFeedEntries,
  type FeedTables,
} from './feed-table';
import { TAG } from './tags';

/**
 * What a write through Strapi's query layer changes for readers, and so what
 * the caches must forget — no more:
 *
 *   a post        its feed entry is synced in the write's transaction; its item, detail and
 *                 counts; its board's pages (and the featured lists, when it is or was featured)
 *                 when where or whether it is listed changed
 *   a comment     its post's comment count (kept in the feed entry), its post's counts
 *   a like, a mirror record or chain job of the hive-smt plugin (what its hooks read: likes, chain
 *                 status) — that post's counts and detail; the plugin's batched likes announce
 *                 themselves on strapi.eventHub (PLUGIN_LIKES_CHANGED)
 *   a board       its pages and details, the featured lists, the slug lookup
 *   a member      the pages and details showing them (when their name or avatar changed; a linked Hive
 *                 account, which a post page shows beside the author, too)
 *   a file        the pages and details showing it
 *   users-permissions roles and permissions, and anything else a post detail can populate: every detail
 *
 * Anything else (ledger events, reward periods, payouts, sessions, the admin's
 * own tables) is nobody's page. Inside a transaction the caches forget at the
 * write and again at commit (a read in between, on PostgreSQL outside the
 * transaction, saw the old data), and other instances are told inside the
 * transaction (PostgreSQL delivers NOTIFY at commit, and never on rollback).
 * Writes with raw SQL are not seen: such code calls the feed service's
 * invalidate() itself (the plugin's chain-job claims, which change a status
 * from queued to broadcasting, are caught by FEED_ITEM_CACHE_TTL_MS).
 */

/** The hive-smt plugin's models behind the hooks the feed reads (src/utils/hive-smt-hooks.ts): likes and chain status. */
const READER_FACING_PLUGIN_MODELS = new Set(['plugin::hive-smt.like', 'plugin::hive-smt.mirror', 'plugin::hive-smt.chain-job']);
/**
 * The hive-smt plugin writes likes in batches with its own SQL and says so on
 * strapi.eventHub (its rewards/like-writer.ts), inside the batch's transaction,
 * with { postDocumentIds }.
 */
export const PLUGIN_LIKES_CHANGED = LIKES_CHANGED_EVENT;
/** users-permissions' role and permission models: the Public role's permissions decide what a detail answers. */
const PERMISSION_MODELS = new Set(['plugin::users-permissions.role', 'plugin::users-permissions.permission']);
/** A member's fields lists and details show (a post page's author card has the avatar too). */
const SHOWN_USER_FIELDS = ['username', 'displayName', 'avatar'];
/** The hive-smt plugin's linked Hive accounts (by `userId`): a post page's author card names the account. */
const ACCOUNT_LINK_UID = 'plugin::hive-smt.account-link';

type Action = 'Create' | 'CreateMany' | 'Update' | 'UpdateMany' | 'Delete' | 'DeleteMany';
const ACTIONS: Action[] = ['Create', 'CreateMany', 'Update', 'UpdateMany', 'Delete', 'DeleteMany'];

interface Event {
  action: string;
  model: { uid: string; attributes: Record<string, any> };
  params: { where?: any; data?: any; select?: any };
  result?: any;
  state: Record<string, any>;
}

export interface InvalidationSink {
  /** This instance forgets these tags (all when undefined). */
  local(tags: string[] | undefined): void;
  /** Other instances are told; inside `trx` when given, so they hear of it only if it commits. */
  announce(tags: string[] | undefined, trx?: Knex.Transaction): Promise<void>;
}

/** Values a where clause pins an attribute to: `x`, `{ $eq: x }`, `{ $in: [...] }` (undefined when it does not). */
export function pinnedValues(where: any, attribute: string): unknown[] | undefined {
  if (!where || typeof where !== 'object') return undefined;
  const value = where[attribute];
  if (value !== undefined) {
    if (value === null || typeof value !== 'object') return [value];
    if (Array.isArray(value)) return value;
    if ('$eq' in value) return [value.$eq];
    if (Array.isArray(value.$in)) return value.$in;
  }
  if (Array.isArray(where.$and)) {
    for (const clause of where.$and) {
      const pinned = pinnedValues(clause, attribute);
      if (pinned) return pinned;
    }
  }
  return undefined;
}

/** The documentIds of posts a plugin row names: `postDocumentId`, or a chain job's subject `post:<documentId>`. */
export function postsNamed(values: { postDocumentId?: unknown; subject?: unknown }[]): string[] | undefined {
  const out = new Set<string>();
  for (const value of values) {
    if (typeof value?.postDocumentId === 'string') out.add(value.postDocumentId);
    else if (typeof value?.subject === 'string' && value.subject.startsWith('post:')) out.add(value.subject.slice('post:'.length));
    else return undefined;
  }
  return [...out];
}

/** Models a post detail can reach by populating relations, media and components (breadth-first over Strapi's metadata). */
export function reachableFrom(metadata: { get(uid: string): { attributes: Record<string, any> } | undefined }, start: string): Set<string> {
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length) {
    const uid = queue.shift()!;
    const attributes = metadata.get(uid)?.attributes ?? {};
    for (const attribute of Object.values(attributes)) {
      const targets: string[] = [];
      if (attribute.type === 'relation' && typeof attribute.target === 'string') targets.push(attribute.target);
      if (attribute.type === 'media') targets.push(FILE_UID);
      if (attribute.type === 'component' && typeof attribute.component === 'string') targets.push(attribute.component);
      for (const target of targets) {
        if (!seen.has(target)) {
          seen.add(target);
          queue.push(target);
        }
      }
    }
  }
  return seen;
}

export interface FeedWrites {
  /** Comments of these posts were written with SQL of the app's own (fast-insert.ts): their counts, in the current transaction. */
  commentsChanged(postDocumentIds: string[]): Promise<void>;
}

export function subscribeFeedInvalidation(strapi: Core.Strapi, sink: InvalidationSink): FeedWrites {
  let tables: FeedTables | null = null;
  const T = () => (tables ??= resolveFeedTables(strapi.db.metadata as any));
  let reachable: Set<string> | null = null;
  const detailModels = () => (reachable ??= reachableFrom(strapi.db.metadata as any, POST_UID));

  /** The write's transaction, when it runs in one (raw SQL must join it: on SQLite it would wait for it forever). */
  const currentTrx = async (): Promise<Knex.Transaction | undefined> =>
    strapi.db.inTransaction() ? ((await strapi.db.transaction(async ({ trx }) => trx)) as Knex.Transaction) : undefined;

  async function emit(tags: string[] | undefined, trx?: Knex.Transaction): Promise<void> {
    if (tags && tags.length === 0) return;
    sink.local(tags);
    if (trx) await strapi.db.transaction(async ({ onCommit }) => onCommit(() => sink.local(tags)));
    await sink.announce(tags, trx);
  }

  const rowsWhere = (uid: string, where: any, select: string[]) => strapi.db.query(uid as any).findMany({ where, select } as any) as Promise<any[]>;

  /** Post docs named by comment rows, through the comment→post join table (both rows of a post). */
  async function postsOfComments(knex: Knex | Knex.Transaction, commentIds: number[]): Promise<string[]> {
    if (commentIds.length === 0) return [];
    const t = T();
    const rows: Array<{ document_id: string }> = await knex(`${t.commentPost.table} as cp`)
      .join(`${t.posts} as p`, 'p.id', `cp.${t.commentPost.other}`)
      .whereIn(`cp.${t.commentPost.own}`, commentIds)
      .distinct('p.document_id');
    return rows.map((r) => r.document_id);
  }

  const ids = (values: any[]) => values.map((v) => Number(v?.id)).filter(Number.isInteger);

  // --- posts: the feed entry follows in the same transaction ---
  async function beforePost(event: Event) {
    // A create names no existing row, yet the Document Service hands the query its params became, `where: {}`
    // included, which matches every post: read as "the rows it changes", every publish would resync (and make
    // every instance forget) every post there is.
    if (event.action === 'beforeCreate' || event.action === 'beforeCreateMany') return;
    const where = event.params.where;
    if (where) event.state.before = await rowsWhere(POST_UID, where, ['id', 'documentId', 'publishedAt']);
  }
  async function afterPost(event: Event) {
    const touched: Array<{ documentId?: string; publishedAt?: unknown }> = [...(event.state.before ?? [])];
    if (event.result && typeof event.result === 'object' && 'documentId' in event.result) touched.push(event.result);
    if (event.action === 'afterCreateMany' && Array.isArray(event.result?.ids) && event.result.ids.length) {
      touched.push(...(await rowsWhere(POST_UID, { id: { $in: event.result.ids } }, ['id', 'documentId', 'publishedAt'])));
    }
    // Drafts are nobody's list: only a published row written (or removed) changes an entry.
    const docs = [...new Set(touched.filter((row) => row?.publishedAt != null && row.documentId).map((row) => row.documentId as string))];
    if (docs.length === 0) return;
    const trx = await currentTrx();
    const changes = await syncFeedEntries(trx ?? strapi.db.connection, T(), docs);
    const tags = new Set<string>();
    for (const change of changes) {
      // Its item and detail always; its board's pages only when where or whether it is listed changed.
      tags.add(TAG.post(change.documentId));
      if (sameListing(change.before, change.after)) continue;
      for (const entry of [change.before, change.after]) {
        if (!entry) continue;
        tags.add(TAG.board(Number(entry.board_id)));
        if (Number(entry.featured_live) === 1) tags.add(TAG.featured);
      }
    }
    await emit([...tags], trx);
  }

  // --- comments: the post's visible-comment count ---
  async function beforeComment(event: Event) {
    if (event.action === 'beforeUpdate' || event.action === 'beforeCreate' || event.action === 'beforeCreateMany') return;
    const where = event.params.where;
    if (!where) return;
    const rows = await rowsWhere(COMMENT_UID, where, ['id']);
    event.state.posts = await postsOfComments((await currentTrx()) ?? strapi.db.connection, ids(rows));
  }
  async function afterComment(event: Event) {
    const data = event.params.data;
    // A changed body is not counted anywhere; a new, hidden, shown, moved or deleted comment is.
    if (event.action === 'afterUpdate' && data && !('hidden' in data) && !('post' in data)) return;
    const trx = await currentTrx();
    const knex = trx ?? strapi.db.connection;
    const posts = new Set<string>(event.state.posts ?? []);
    const written = event.action === 'afterCreateMany' ? (event.result?.ids ?? []) : event.result?.id != null ? [event.result.id] : [];
    for (const doc of await postsOfComments(knex, written.map(Number))) posts.add(doc);
    if (posts.size === 0) return;
    await refreshCommentCounts(knex, T(), [...posts]);
    await emit([...posts].map(TAG.post), trx);
  }

  // --- boards, members, files: the tags of their rows ---
  async function beforeById(event: Event) {
    if (event.action === 'beforeUpdateMany' || event.action === 'beforeDeleteMany' || event.action === 'beforeDelete') {
      const pinned = pinnedValues(event.params.where, 'id');
      event.state.ids = pinned ? pinned.map(Number) : event.params.where ? ids(await rowsWhere(event.model.uid, event.params.where, ['id'])) : undefined;
    }
  }
  const writtenIds = (event: Event): number[] | undefined => {
    if (event.state.ids) return event.state.ids;
    if (event.result?.id != null) return [Number(event.result.id)];
    if (Array.isArray(event.result?.ids)) return event.result.ids.map(Number);
    return undefined;
  };

  async function afterBoard(event: Event) {
    const trx = await currentTrx();
    const boardIds = writtenIds(event);
    if (event.action.startsWith('afterDelete') && boardIds?.length) {
      // Its posts lost their board (the join rows cascade): they are no one's list now.
      await (trx ?? strapi.db.connection)(FEED_TABLE).whereIn('board_id', boardIds).delete();
    }
    if (!boardIds) return emit(undefined, trx);
    await emit([...boardIds.map(TAG.board), TAG.featured, TAG.boards], trx);
  }

  async function afterUser(event: Event) {
    if (event.action.startsWith('afterCreate')) return;
    const data = event.params.data;
    if (event.action.startsWith('afterUpdate') && data && !SHOWN_USER_FIELDS.some((field) => field in data)) return;
    const userIds = writtenIds(event);
    await emit(userIds ? userIds.map(TAG.user) : undefined, await currentTrx());
  }

  async function afterFile(event: Event) {
    if (event.action.startsWith('afterCreate')) return;
    const fileIds = writtenIds(event);
    await emit(fileIds ? fileIds.map(TAG.file) : undefined, await currentTrx());
  }

  // --- the plugin's likes, mirrors and chain jobs: the post they name ---
  async function beforePluginRow(event: Event) {
    if (event.action === 'beforeCreate' || event.action === 'beforeCreateMany') return;
    const where = event.params.where;
    const pinned = pinnedValues(where, 'postDocumentId') ?? pinnedValues(where, 'subject')?.map((subject) => ({ subject }));
    if (pinned) {
      event.state.posts = postsNamed(pinned.map((v: any) => (typeof v === 'string' ? { postDocumentId: v } : v)));
      return;
    }
    if (where) {
      const attributes = event.model.attributes;
      const select = ['postDocumentId', 'subject'].filter((a) => a in attributes);
      event.state.posts = postsNamed(await rowsWhere(event.model.uid, where, select));
    }
  }
  async function afterPluginRow(event: Event) {
    const named = new Set<string>(event.state.posts ?? []);
    const data = event.params.data;
    const fromResult = event.result && typeof event.result === 'object' && !('count' in event.result) ? postsNamed([event.result]) : [];
    const fromData = Array.isArray(data) ? postsNamed(data) : data ? postsNamed([data]) : [];
    for (const doc of [...(fromResult ?? []), ...(fromData ?? [])]) named.add(doc);
    const unknown = event.state.posts === undefined && !fromResult?.length && !fromData?.length;
    await emit(unknown ? [TAG.counts, TAG.details] : [...named].map(TAG.post), await currentTrx());
  }

  // --- linked Hive accounts: the member's tag ---
  async function beforeAccountLink(event: Event) {
    if (event.action === 'beforeCreate' || event.action === 'beforeCreateMany') return;
    if (event.params.where) event.state.users = (await rowsWhere(ACCOUNT_LINK_UID, event.params.where, ['userId'])).map((row) => Number(row.userId));
  }
  async function afterAccountLink(event: Event) {
    const users = new Set<number>(event.state.users ?? []);
    const data = event.params.data;
    for (const value of [event.result, ...(Array.isArray(data) ? data : [data])]) {
      if (value && typeof value === 'object' && Number.isInteger(Number(value.userId)) && value.userId != null) users.add(Number(value.userId));
    }
    await emit(users.size ? [...users].map(TAG.user) : [TAG.details], await currentTrx());
  }

  async function afterDetailModel() {
    await emit([TAG.details], await currentTrx());
  }

  type Handler = { before?: (e: Event) => Promise<void>; after: (e: Event) => Promise<void> };
  const handlers = (uid: string): Handler | undefined => {
    if (uid === POST_UID) return { before: beforePost, after: afterPost };
    if (uid === COMMENT_UID) return { before: beforeComment, after: afterComment };
    if (uid === BOARD_UID) return { before: beforeById, after: afterBoard };
    if (uid === USER_UID) return { before: beforeById, after: afterUser };
    if (uid === FILE_UID) return { before: beforeById, after: afterFile };
    if (READER_FACING_PLUGIN_MODELS.has(uid)) return { before: beforePluginRow, after: afterPluginRow };
    if (uid === ACCOUNT_LINK_UID) return { before: beforeAccountLink, after: afterAccountLink };
    if (PERMISSION_MODELS.has(uid) || detailModels().has(uid)) return { after: afterDetailModel };
    return undefined;
  };
  const cached = new Map<string, Handler | undefined>();
  const handlerOf = (uid: string | undefined) => {
    if (!uid || uid.startsWith('admin::') || uid.startsWith('strapi::')) return undefined;
    if (!cached.has(uid)) cached.set(uid, handlers(uid));
    return cached.get(uid);
  };

  const subscriber: Record<string, (event: Event) => Promise<void>> = {};
  for (const action of ACTIONS) {
    subscriber[`before${action}`] = async (event) => {
      await handlerOf(event.model?.uid)?.before?.(event);
    };
    subscriber[`after${action}`] = async (event) => {
      await handlerOf(event.model?.uid)?.after(event);
    };
  }
  strapi.db.lifecycles.subscribe(subscriber as any);

  strapi.eventHub.on(PLUGIN_LIKES_CHANGED, async (event: { postDocumentIds?: unknown }) => {
    const ids = Array.isArray(event?.postDocumentIds) ? event.postDocumentIds.filter((id): id is string => typeof id === 'string') : [];
    await emit(ids.map(TAG.post), await currentTrx());
  });

  return {
    async commentsChanged(postDocumentIds) {
      const trx = await currentTrx();
      await refreshCommentCounts(trx ?? strapi.db.connection, T(), postDocumentIds);
      await emit(postDocumentIds.map(TAG.post), trx);
    },
  };
}
