import type { Core } from '@strapi/strapi';
import type { CursorKey, CursorKeyType } from './cursor';
import { FEED_TABLE, FILE_MORPH, POST_UID, resolveFeedTables, toEpochMs, type FeedTables } from './feed-table';
import { createSqlReader, type SqlReader } from './reader';

export { toEpochMs };

/**
 * The feed's SQL, written once per list in SQL both SQLite and PostgreSQL
 * read, run by reader.ts. A page is an index range of the feed table
 * (feed-table.ts): `limit + 1` entries in the list's order, read from the
 * index alone. What an item shows (title, excerpt, author, cover) is read
 * from Strapi's tables for those posts only, when the per-post cache lacks
 * it. Either way the cost is O(log N + page), whatever the number of posts and
 * boards: no scan, no sort.
 */

/** Characters of body read for an excerpt when the post has none. */
const BODY_HEAD_CHARS = 600;

/** One sort key of a list: the column of the page query and its direction. */
export interface SortKey {
  column: string;
  direction: 'asc' | 'desc';
  /** How the key travels in a cursor: 'd' a date as epoch ms, 'n' a whole number, 's' a string (cursor.ts). */
  type: CursorKeyType;
}

/** A row of the feed table: what a list filters and sorts on (feed-table.ts). */
export interface EntryRow {
  document_id: string;
  board_id: number | string;
  author_id: number | string | null;
  published_ms: number | string;
  featured_live: number | string;
  featured_until_ms: number | string | null;
  rank_missing: number | string;
  featured_rank: number | string;
  comment_count: number | string;
}

/** What a list item shows of a post, from Strapi's tables. */
export interface ItemRow {
  document_id: string;
  board_id: number | string;
  published_ms: number | string;
  title: string;
  slug: string | null;
  excerpt: string | null;
  body_head: string | null;
  tags: unknown;
  author_id: number | string | null;
  author_username: string | null;
  author_display_name: string | null;
  cover_id: number | string | null;
  cover_url: string | null;
  cover_formats: unknown;
  kind: string | null;
  sale: unknown;
  service: unknown;
  event: unknown;
  request: unknown;
}

export interface BoardRow {
  id: number;
  slug: string;
  name: string;
  active: boolean;
}

export type ListKind = 'board' | 'board-featured-first' | 'featured';

/**
 * Sort keys per list, outermost first (the cursor's shape). Featured: rank
 * ascending (no rank last), then newest. A board with featured first: the
 * posts featured now (group 0) in that order, then the rest (group 1, rank
 * keys 0) newest first.
 */
export const SORT_KEYS: Record<ListKind, SortKey[]> = {
  board: [
    { column: 'k_published', direction: 'desc', type: 'd' },
    { column: 'k_document', direction: 'desc', type: 's' },
  ],
  'board-featured-first': [
    { column: 'k_group', direction: 'asc', type: 'n' },
    { column: 'k_rank_missing', direction: 'asc', type: 'n' },
    { column: 'k_rank', direction: 'asc', type: 'n' },
    { column: 'k_published', direction: 'desc', type: 'd' },
    { column: 'k_document', direction: 'desc', type: 's' },
  ],
  featured: [
    { column: 'k_rank_missing', direction: 'asc', type: 'n' },
    { column: 'k_rank', direction: 'asc', type: 'n' },
    { column: 'k_published', direction: 'desc', type: 'd' },
    { column: 'k_document', direction: 'desc', type: 's' },
  ],
};

/** The cursor keys of an entry in a list, in SORT_KEYS order. */
export function cursorKeys(kind: ListKind, entry: EntryRow & { group?: 0 | 1 }): CursorKey[] {
  const newest: CursorKey[] = [toEpochMs(entry.published_ms), String(entry.document_id)];
  const rank: CursorKey[] = [Number(entry.rank_missing), Number(entry.featured_rank)];
  if (kind === 'board') return newest;
  if (kind === 'featured') return [...rank, ...newest];
  // Outside the featured group the rank keys are 0 (what cursors of this list have always carried).
  return entry.group === 0 ? [0, ...rank, ...newest] : [1, 0, 0, ...newest];
}

interface Sql {
  text: string;
  params: unknown[];
}

/** The keyset after a cursor, as SQL over the feed table (alias fe). */
function newestAfter(after: CursorKey[] | undefined): Sql {
  if (!after) return { text: '', params: [] };
  const [published, documentId] = after as [number, string];
  // `published_ms <= ?` is implied by the rest; it gives the index a range to start from, so a deep page costs what the first does.
  return { text: ' AND fe.published_ms <= ? AND (fe.published_ms < ? OR fe.document_id < ?)', params: [published, published, documentId] };
}

function featuredAfter(after: CursorKey[] | undefined): Sql {
  if (!after) return { text: '', params: [] };
  const [rankMissing, rank, published, documentId] = after as [number, number, number, string];
  return {
    text:
      ' AND (fe.rank_missing > ? OR (fe.rank_missing = ? AND fe.featured_rank > ?)' +
      ' OR (fe.rank_missing = ? AND fe.featured_rank = ? AND (fe.published_ms < ? OR (fe.published_ms = ? AND fe.document_id < ?))))',
    params: [rankMissing, rankMissing, rank, rankMissing, rank, published, published, documentId],
  };
}

/** A list of one kind only (?kind=), or every kind. */
const kindFilter = (kind: string | undefined): Sql => (kind ? { text: ' AND fe.kind = ?', params: [kind] } : { text: '', params: [] });

const FEATURED_NOW = '(fe.featured_live = 1 AND (fe.featured_until_ms IS NULL OR fe.featured_until_ms > ?))';
const NEWEST_ORDER = 'fe.published_ms DESC, fe.document_id DESC';
const FEATURED_ORDER = 'fe.rank_missing ASC, fe.featured_rank ASC, fe.published_ms DESC, fe.document_id DESC';

export function createFeedQueries(strapi: Core.Strapi) {
  let tables: FeedTables | null = null;
  const t = () => (tables ??= resolveFeedTables(strapi.db.metadata as any));
  let reader: SqlReader | null = null;
  const sql = () => (reader ??= createSqlReader(strapi));
  const knex = () => strapi.db.connection;
  const TRUE = () => (strapi.db.dialect.client === 'postgres' ? 'true' : '1');

  const ENTRY_COLUMNS = 'fe.document_id, fe.board_id, fe.author_id, fe.published_ms, fe.featured_live, fe.featured_until_ms, fe.rank_missing, fe.featured_rank, fe.comment_count';
  const range = (where: string, order: string) => `SELECT ${ENTRY_COLUMNS} FROM ${FEED_TABLE} fe ${where} ORDER BY ${order} LIMIT ?`;

  const boardOf = (row: any): BoardRow => ({ id: Number(row.id), slug: row.slug, name: row.name, active: row.active === true || row.active === 1 });

  return {
    /** A board by slug: its id, name and whether it is active (null: none). */
    async board(slug: string): Promise<BoardRow | null> {
      const rows = await sql().all(`SELECT id, slug, name, active FROM ${t().boards} WHERE slug = ? LIMIT 1`, [slug]);
      return rows[0] ? boardOf(rows[0]) : null;
    },

    /** Boards by id (for lists across boards). */
    async boards(ids: number[]): Promise<Map<number, BoardRow>> {
      const unique = [...new Set(ids)];
      if (unique.length === 0) return new Map();
      const rows = await sql().all(`SELECT id, slug, name, active FROM ${t().boards} WHERE id IN (${unique.map(() => '?').join(', ')})`, unique);
      return new Map(rows.map((row) => [Number(row.id), boardOf(row)]));
    },

    /** One page of a board, newest first: `limit + 1` entries, so the caller knows whether another page follows. */
    async boardPage(boardId: number, options: { now: number; limit: number; after?: CursorKey[]; kind?: string }): Promise<EntryRow[]> {
      const after = newestAfter(options.after);
      // One kind (?kind=): its own index range (feed_entries_board_kind_published_idx), as cheap as the whole board's.
      const kind = kindFilter(options.kind);
      return sql().all(range(`WHERE fe.board_id = ?${kind.text}${after.text}`, NEWEST_ORDER), [boardId, ...kind.params, ...after.params, options.limit + 1]);
    },

    /**
     * A board with the posts featured now first. Two index ranges: the board's
     * featured posts in featured order (few), then the rest newest first,
     * continuing from the cursor's group. Each entry says its group.
     */
    async boardFeaturedFirstPage(boardId: number, options: { now: number; limit: number; after?: CursorKey[]; kind?: string }): Promise<Array<EntryRow & { group: 0 | 1 }>> {
      const want = options.limit + 1;
      const kind = kindFilter(options.kind);
      const [group, ...rest] = (options.after ?? []) as [number, number, number, number, string];
      const rows: Array<EntryRow & { group: 0 | 1 }> = [];
      if (!options.after || group === 0) {
        const after = featuredAfter(options.after ? rest : undefined);
        const featured = await sql().all<EntryRow>(range(`WHERE fe.board_id = ?${kind.text} AND ${FEATURED_NOW}${after.text}`, FEATURED_ORDER), [boardId, ...kind.params, options.now, ...after.params, want]);
        rows.push(...featured.map((row) => ({ ...row, group: 0 as const })));
      }
      if (rows.length < want) {
        const after = newestAfter(options.after && group === 1 ? [rest[2], rest[3]] : undefined);
        const others = await sql().all<EntryRow>(range(`WHERE fe.board_id = ?${kind.text} AND NOT ${FEATURED_NOW}${after.text}`, NEWEST_ORDER), [boardId, ...kind.params, options.now, ...after.params, want - rows.length]);
        rows.push(...others.map((row) => ({ ...row, group: 1 as const })));
      }
      return rows;
    },

    /** One page of the featured list across active boards. */
    async featuredPage(options: { now: number; limit: number; after?: CursorKey[] }): Promise<EntryRow[]> {
      const after = featuredAfter(options.after);
      const where = `JOIN ${t().boards} b ON b.id = fe.board_id WHERE ${FEATURED_NOW} AND b.active = ${TRUE()}${after.text}`;
      return sql().all(range(where, FEATURED_ORDER), [options.now, ...after.params, options.limit + 1]);
    },

    /** What list items show of these posts (their published rows, author and cover), in no particular order. */
    async items(documentIds: string[]): Promise<ItemRow[]> {
      if (documentIds.length === 0) return [];
      const T = t();
      return sql().all(
        `SELECT fe.document_id, fe.board_id, fe.published_ms, p.title, p.slug, p.excerpt, p.tags, ` +
          // Only the start of the body, and only when there is no excerpt: bodies run to 60 kB.
          `CASE WHEN p.excerpt IS NULL OR p.excerpt = '' THEN substr(p.body, 1, ${BODY_HEAD_CHARS}) END AS body_head, ` +
          `fe.author_id, u.username AS author_username, u.display_name AS author_display_name, ` +
          `f.id AS cover_id, f.url AS cover_url, f.formats AS cover_formats, ` +
          `p.kind, p.sale, p.service, p.event, p.request ` +
          `FROM ${FEED_TABLE} fe ` +
          `JOIN ${T.posts} p ON p.id = fe.post_id ` +
          `LEFT JOIN ${T.users} u ON u.id = fe.author_id ` +
          `LEFT JOIN ${FILE_MORPH.table} fm ON fm.${FILE_MORPH.related} = p.id AND fm.${FILE_MORPH.type} = '${POST_UID}' AND fm.${FILE_MORPH.field} = 'cover' ` +
          `LEFT JOIN ${T.files} f ON f.id = fm.${FILE_MORPH.file} ` +
          `WHERE fe.document_id IN (${documentIds.map(() => '?').join(', ')})`,
        documentIds,
      );
    },

    /** Visible comments per document, as the feed table counts them. */
    async commentCounts(documentIds: string[]): Promise<Map<string, number>> {
      if (documentIds.length === 0) return new Map();
      const rows = await sql().all(`SELECT document_id, comment_count FROM ${FEED_TABLE} WHERE document_id IN (${documentIds.map(() => '?').join(', ')})`, documentIds);
      return new Map(rows.map((row) => [row.document_id as string, Number(row.comment_count)]));
    },

    /** The next moment a featured window closes (epoch ms), or null when none is pending. */
    async nextFeaturedExpiry(now: number): Promise<number | null> {
      const rows = await sql().all(`SELECT min(featured_until_ms) AS next FROM ${FEED_TABLE} WHERE featured_live = 1 AND featured_until_ms > ?`, [now]);
      return rows[0]?.next == null ? null : Number(rows[0].next);
    },

    /**
     * Entries whose featured window has closed stop being "live", so the
     * featured indexes hold only what may be listed (reads check the window
     * anyway: this keeps their range short, not their answers right).
     */
    async sweepClosedFeatured(now: number): Promise<number> {
      return knex()(FEED_TABLE).where('featured_live', 1).where('featured_until_ms', '<=', now).update({ featured_live: 0 });
    },

    /** Which board (and author) a document is listed with (for tags of post details). */
    async entryOf(documentId: string): Promise<{ boardId: number; authorId: number | null } | null> {
      const rows = await sql().all(`SELECT board_id, author_id FROM ${FEED_TABLE} WHERE document_id = ?`, [documentId]);
      const row = rows[0];
      return row ? { boardId: Number(row.board_id), authorId: row.author_id == null ? null : Number(row.author_id) } : null;
    },

    /** The SQL of a board's first page (binds: board id, limit), for EXPLAIN in tests and the bench. */
    boardPageSql(): string {
      return range('WHERE fe.board_id = ?', NEWEST_ORDER);
    },

    close(): void {
      reader?.close();
      reader = null;
    },
  };
}

export type FeedQueries = ReturnType<typeof createFeedQueries>;
