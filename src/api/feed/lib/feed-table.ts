import type { Knex } from 'knex';
import { DEFAULT_POST_KIND, kindOf } from '../../../posts/kinds';

/**
 * The feed table: one row per published post document, holding exactly what
 * the feed's lists filter and sort on, so that a page is an index range read
 * (O(log N + page)) instead of a scan of every post link of every board.
 *
 *   feed_entries(document_id PK, post_id, board_id, author_id, published_ms,
 *                featured_live, featured_until_ms, rank_missing, featured_rank,
 *                comment_count, kind)
 *
 * It is derived data: Strapi's tables stay the truth. It is created (and, for
 * a database written before it existed, filled) by the migration in
 * database/migrations, and kept in the same transaction as every write to a
 * post (publish, edit, unpublish, delete, curation: feed-sync.ts) and to a
 * comment (comment_count). Strapi's schema sync leaves it alone: it only drops
 * tables it created itself.
 *
 * Dates are epoch milliseconds (bigint) on both databases, the unit cursors
 * carry, so comparisons never depend on a driver's date handling.
 */
export const FEED_TABLE = 'feed_entries';

/** Indexes of the feed table, one per list: each list reads an index range in its own order. */
export const FEED_INDEXES: Array<{ name: string; columns: string }> = [
  // A board's feed, newest first (scanned backwards), ties by documentId.
  { name: 'feed_entries_board_published_idx', columns: 'board_id, published_ms, document_id' },
  // The featured list across boards: rank ascending (unranked last), then newest.
  { name: 'feed_entries_featured_idx', columns: 'featured_live, rank_missing, featured_rank, published_ms DESC, document_id DESC' },
  // A board's featured posts first (featuredFirst=true), same order within the board.
  { name: 'feed_entries_board_featured_idx', columns: 'board_id, featured_live, rank_missing, featured_rank, published_ms DESC, document_id DESC' },
  // When the next featured window closes, and which ones have closed (the sweep).
  { name: 'feed_entries_featured_until_idx', columns: 'featured_live, featured_until_ms' },
  // A board's posts of one kind (?kind=event), newest first.
  { name: 'feed_entries_board_kind_published_idx', columns: 'board_id, kind, published_ms, document_id' },
];

/** The kind column's width: the longest kind name, with room to grow. */
const KIND_COLUMN_LENGTH = 16;

/**
 * Adds the kind column (news for every row it finds: posts written before
 * kinds existed are news) unless it is there. Idempotent; the migration of
 * kinds (database/migrations) runs it on databases whose table predates it.
 */
export async function addFeedKindColumn(knex: Knex | Knex.Transaction): Promise<boolean> {
  if (await knex.schema.hasColumn(FEED_TABLE, 'kind')) return false;
  await knex.schema.alterTable(FEED_TABLE, (t) => {
    t.string('kind', KIND_COLUMN_LENGTH).notNullable().defaultTo(DEFAULT_POST_KIND);
  });
  return true;
}

/** The Strapi tables the feed reads, as Strapi 5 names them for this app's content types (resolved from its metadata). */
export interface FeedTables {
  posts: string;
  boards: string;
  users: string;
  comments: string;
  files: string;
  postBoard: Link;
  postAuthor: Link;
  commentPost: Link;
}

export interface Link {
  table: string;
  own: string;
  other: string;
}

export const POST_UID = 'api::post.post';
export const COMMENT_UID = 'api::comment.comment';
export const BOARD_UID = 'api::board.board';
export const USER_UID = 'plugin::users-permissions.user';
export const FILE_UID = 'plugin::upload.file';
/** Media hang off this polymorphic join table (Strapi 5's upload plugin). */
export const FILE_MORPH = { table: 'files_related_mph', file: 'file_id', related: 'related_id', type: 'related_type', field: 'field' };

interface Metadata {
  get(uid: string): { tableName: string; attributes: Record<string, any> };
}

function link(metadata: Metadata, uid: string, attribute: string): Link {
  const joinTable = metadata.get(uid).attributes[attribute]?.joinTable;
  if (!joinTable) throw new Error(`The feed expects ${uid}.${attribute} to be a relation with a join table.`);
  return { table: joinTable.name, own: joinTable.joinColumn.name, other: joinTable.inverseJoinColumn.name };
}

export function resolveFeedTables(metadata: Metadata): FeedTables {
  const table = (uid: string) => metadata.get(uid).tableName;
  return {
    posts: table(POST_UID),
    boards: table(BOARD_UID),
    users: table(USER_UID),
    comments: table(COMMENT_UID),
    files: table(FILE_UID),
    postBoard: link(metadata, POST_UID, 'board'),
    postAuthor: link(metadata, POST_UID, 'author'),
    commentPost: link(metadata, COMMENT_UID, 'post'),
  };
}

/** Creates the feed table and its indexes unless they exist (idempotent: safe on every boot and in every migration). */
export async function createFeedTable(knex: Knex | Knex.Transaction): Promise<void> {
  if (!(await knex.schema.hasTable(FEED_TABLE))) {
    await knex.schema.createTable(FEED_TABLE, (t) => {
      t.string('document_id', 255).notNullable().primary();
      t.integer('post_id').notNullable();
      t.integer('board_id').notNullable();
      t.integer('author_id').nullable();
      t.bigInteger('published_ms').notNullable();
      // 1 while an editor features the post and its window (if any) had not closed when the row was written;
      // reads still compare featured_until_ms with the time, so a row is never shown featured past its window.
      t.integer('featured_live').notNullable().defaultTo(0);
      t.bigInteger('featured_until_ms').nullable();
      // Featured order: a rank sorts before no rank (rank_missing 0, then 1), ranks ascending.
      t.integer('rank_missing').notNullable().defaultTo(1);
      t.integer('featured_rank').notNullable().defaultTo(0);
      t.integer('comment_count').notNullable().defaultTo(0);
    });
  }
  await addFeedKindColumn(knex);
  // Both SQLite and PostgreSQL take IF NOT EXISTS and per-column directions.
  for (const index of FEED_INDEXES) await knex.raw(`CREATE INDEX IF NOT EXISTS ${index.name} ON ${FEED_TABLE} (${index.columns})`);
}

/** Epoch milliseconds of a datetime as a driver returns it (SQLite: a number; PostgreSQL: a Date; strings parsed). */
export function toEpochMs(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  const text = String(value);
  return /^\d+$/.test(text) ? Number(text) : Date.parse(text);
}

/** A published post row as the feed reads it from Strapi's tables. */
export interface PublishedRow {
  id: number;
  document_id: string;
  published_at: unknown;
  featured: unknown;
  featured_rank: unknown;
  featured_until: unknown;
  board_id: number | null;
  author_id: number | null;
  /** Absent when read from a database whose posts predate kinds. */
  kind?: unknown;
}

export interface FeedEntry {
  document_id: string;
  post_id: number;
  board_id: number;
  author_id: number | null;
  published_ms: number;
  featured_live: number;
  featured_until_ms: number | null;
  rank_missing: number;
  featured_rank: number;
  comment_count: number;
  kind: string;
}

const truthy = (value: unknown) => value === true || value === 1 || value === '1' || value === 't';

/**
 * The entry a document's published rows make, or null when it has none on a
 * board (a draft, or a post without a board: neither is listed). Pure: the
 * rule for what is listed and how it sorts, without a database.
 */
export function entryFor(rows: PublishedRow[], commentCount: number, now: number): FeedEntry | null {
  // One published row per document and locale; should a publish leave two for a moment, the newest counts.
  const row = rows.filter((r) => r.board_id != null).sort((a, b) => Number(b.id) - Number(a.id))[0];
  if (!row) return null;
  const until = row.featured_until == null ? null : toEpochMs(row.featured_until);
  const rank = row.featured_rank == null ? null : Number(row.featured_rank);
  const live = truthy(row.featured) && (until === null || until > now);
  return {
    document_id: row.document_id,
    post_id: Number(row.id),
    board_id: Number(row.board_id),
    author_id: row.author_id == null ? null : Number(row.author_id),
    published_ms: toEpochMs(row.published_at),
    featured_live: live ? 1 : 0,
    featured_until_ms: until,
    rank_missing: rank === null ? 1 : 0,
    featured_rank: rank ?? 0,
    comment_count: commentCount,
    kind: kindOf(row.kind),
  };
}

const ENTRY_COLUMNS: Array<keyof FeedEntry> = [
  'document_id',
  'post_id',
  'board_id',
  'author_id',
  'published_ms',
  'featured_live',
  'featured_until_ms',
  'rank_missing',
  'featured_rank',
  'comment_count',
  'kind',
];

/** Whether two entries would list and sort the same (comment_count aside: counts are merged per request). */
export function sameListing(a: FeedEntry | null, b: FeedEntry | null): boolean {
  if (!a || !b) return a === b;
  if (kindOf(a.kind) !== kindOf(b.kind)) return false;
  return ENTRY_COLUMNS.every((column) => column === 'comment_count' || column === 'kind' || Number(a[column] ?? -1) === Number(b[column] ?? -1));
}

/** Published rows (with board and author) of these documents. */
export async function readPublishedRows(knex: Knex | Knex.Transaction, T: FeedTables, documentIds: string[], withKind = true): Promise<PublishedRow[]> {
  if (documentIds.length === 0) return [];
  return publishedRowsQuery(knex, T, withKind).whereIn('p.document_id', documentIds);
}

/** `withKind` false: the posts table predates kinds (a migration before Strapi's schema sync added the column). */
function publishedRowsQuery(knex: Knex | Knex.Transaction, T: FeedTables, withKind = true) {
  const query = knex(`${T.posts} as p`)
    .leftJoin(`${T.postBoard.table} as pb`, `pb.${T.postBoard.own}`, 'p.id')
    .leftJoin(`${T.postAuthor.table} as pa`, `pa.${T.postAuthor.own}`, 'p.id')
    .whereNotNull('p.published_at')
    .select(
      'p.id',
      'p.document_id',
      'p.published_at',
      'p.featured',
      'p.featured_rank',
      'p.featured_until',
      `pb.${T.postBoard.other} as board_id`,
      `pa.${T.postAuthor.other} as author_id`,
    );
  return withKind ? query.select('p.kind') : query;
}

/** Visible comments per document (comments link to a post's draft and published rows: each counted once). */
export async function countVisibleComments(knex: Knex | Knex.Transaction, T: FeedTables, documentIds: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (documentIds.length === 0) return counts;
  const rows: Array<{ document_id: string; n: number | string }> = await knex(`${T.comments} as c`)
    .join(`${T.commentPost.table} as cp`, `cp.${T.commentPost.own}`, 'c.id')
    .join(`${T.posts} as p`, 'p.id', `cp.${T.commentPost.other}`)
    .whereIn('p.document_id', documentIds)
    .where((visible) => visible.where('c.hidden', false).orWhereNull('c.hidden'))
    .groupBy('p.document_id')
    .select('p.document_id')
    .countDistinct({ n: 'c.id' });
  for (const row of rows) counts.set(row.document_id, Number(row.n));
  return counts;
}

const group = <T>(rows: T[], key: (row: T) => string) => {
  const out = new Map<string, T[]>();
  for (const row of rows) out.set(key(row), [...(out.get(key(row)) ?? []), row]);
  return out;
};

async function upsert(knex: Knex | Knex.Transaction, entries: FeedEntry[]): Promise<void> {
  // Small batches: SQLite binds at most 32,766 variables per statement, PostgreSQL 65,535.
  for (let i = 0; i < entries.length; i += 500) {
    await knex(FEED_TABLE).insert(entries.slice(i, i + 500)).onConflict('document_id').merge();
  }
}

export interface EntryChange {
  documentId: string;
  before: FeedEntry | null;
  after: FeedEntry | null;
}

/**
 * Brings these documents' entries in line with Strapi's tables: listed while
 * published on a board, gone otherwise, with the current sort keys and
 * comment count. Run inside the transaction of the write that changed them.
 * Returns each document's entry before and after, for invalidation.
 */
export async function syncFeedEntries(knex: Knex | Knex.Transaction, T: FeedTables, documentIds: string[], now = Date.now()): Promise<EntryChange[]> {
  const ids = [...new Set(documentIds.filter((id) => typeof id === 'string' && id.length > 0))];
  if (ids.length === 0) return [];
  const [rows, counts, existing] = await Promise.all([
    readPublishedRows(knex, T, ids),
    countVisibleComments(knex, T, ids),
    knex(FEED_TABLE).whereIn('document_id', ids).select('*') as Promise<FeedEntry[]>,
  ]);
  const rowsOf = group(rows, (r) => r.document_id);
  const before = new Map(existing.map((e) => [e.document_id, e]));
  const changes: EntryChange[] = [];
  const upserts: FeedEntry[] = [];
  const removals: string[] = [];
  for (const id of ids) {
    const after = entryFor(rowsOf.get(id) ?? [], counts.get(id) ?? 0, now);
    const previous = before.get(id) ?? null;
    if (after) upserts.push(after);
    else if (previous) removals.push(id);
    changes.push({ documentId: id, before: previous, after });
  }
  await upsert(knex, upserts);
  if (removals.length) await knex(FEED_TABLE).whereIn('document_id', removals).delete();
  return changes;
}

/** Recounts the visible comments of these documents' entries (a comment was written, hidden or deleted). */
export async function refreshCommentCounts(knex: Knex | Knex.Transaction, T: FeedTables, documentIds: string[]): Promise<void> {
  const ids = [...new Set(documentIds)];
  if (ids.length === 0) return;
  const counts = await countVisibleComments(knex, T, ids);
  for (const id of ids) await knex(FEED_TABLE).where('document_id', id).update({ comment_count: counts.get(id) ?? 0 });
}

/**
 * Fills the feed table from Strapi's tables, a thousand published posts at a
 * time: for a database written before the table existed. Idempotent (an
 * upsert per document), so a second run changes nothing. Returns how many
 * entries it wrote.
 */
export async function backfillFeedEntries(knex: Knex | Knex.Transaction, T: FeedTables, now = Date.now()): Promise<number> {
  let written = 0;
  let afterId = 0;
  const withKind = await knex.schema.hasColumn(T.posts, 'kind');
  for (;;) {
    const batch: PublishedRow[] = await publishedRowsQuery(knex, T, withKind).where('p.id', '>', afterId).orderBy('p.id', 'asc').limit(1000);
    if (batch.length === 0) return written;
    afterId = Number(batch[batch.length - 1].id);
    const byDocument = group(batch, (r) => r.document_id);
    // A document's other published rows (locales, a publish caught halfway) may sit outside this batch.
    const rows = await readPublishedRows(knex, T, [...byDocument.keys()], withKind);
    const counts = await countVisibleComments(knex, T, [...byDocument.keys()]);
    const entries = [...group(rows, (r) => r.document_id)].map(([id, docRows]) => entryFor(docRows, counts.get(id) ?? 0, now)).filter((e): e is FeedEntry => e !== null);
    await upsert(knex, entries);
    written += entries.length;
  }
}

/** Whether the tables the feed derives from exist yet (a fresh database runs migrations before Strapi creates them). */
export async function contentTablesExist(knex: Knex | Knex.Transaction, T: FeedTables): Promise<boolean> {
  for (const table of [T.posts, T.postBoard.table, T.postAuthor.table, T.comments, T.commentPost.table]) {
    if (!(await knex.schema.hasTable(table))) return false;
  }
  return true;
}
