import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { CursorKey, CursorKeyType } from './cursor';
import { FEED_TABLE, FILE_MORPH, POST_UID, resolveFeedTables, toEpochMs, type FeedTables } from './feed-table';

export { toEpochMs };

/**
 * The feed's SQL (knex, so the same code runs on SQLite and PostgreSQL). A
 * page reads an index range of the feed table (feed-table.ts) — `limit + 1`
 * rows in the list's order — and only then joins those rows to Strapi's
 * tables for what an item shows (title, excerpt, author, cover). Its cost is
 * O(log N + page) whatever the number of posts and boards: no scan, no sort.
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

export interface FeedRow {
  document_id: string;
  title: string;
  slug: string | null;
  excerpt: string | null;
  body_head: string | null;
  tags: unknown;
  featured_now: number;
  published_ms: number | string;
  comment_count: number | string;
  board_id: number;
  author_id: number | null;
  author_username: string | null;
  author_display_name: string | null;
  cover_id: number | null;
  cover_url: string | null;
  cover_formats: unknown;
  [sortKey: string]: unknown;
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

/** A feed entry is featured right now: flagged live and its window (if any) still open at `now`. */
function whereFeaturedNow(q: Knex.QueryBuilder, now: number): void {
  q.where('fe.featured_live', 1).andWhere((w) => w.whereNull('fe.featured_until_ms').orWhere('fe.featured_until_ms', '>', now));
}

function whereNotFeaturedNow(q: Knex.QueryBuilder, now: number): void {
  q.where((w) => w.where('fe.featured_live', 0).orWhere('fe.featured_until_ms', '<=', now));
}

/**
 * Strictly after (published, documentId) in newest-first order. The plain
 * `published_ms <= ?` is redundant with the rest but gives the index a range
 * to start from, so a deep page costs what the first does.
 */
function whereBeforeNewest(q: Knex.QueryBuilder, published: number, documentId: string): void {
  q.where('fe.published_ms', '<=', published).andWhere((w) => w.where('fe.published_ms', '<', published).orWhere('fe.document_id', '<', documentId));
}

/** Strictly after (rankMissing, rank, published, documentId) in featured order. */
function whereAfterFeatured(q: Knex.QueryBuilder, rankMissing: number, rank: number, published: number, documentId: string): void {
  q.where((w) =>
    w
      .where('fe.rank_missing', '>', rankMissing)
      .orWhere((same) => same.where('fe.rank_missing', rankMissing).andWhere('fe.featured_rank', '>', rank))
      .orWhere((same) =>
        same
          .where('fe.rank_missing', rankMissing)
          .andWhere('fe.featured_rank', rank)
          .andWhere((w2) => w2.where('fe.published_ms', '<', published).orWhere((tie) => tie.where('fe.published_ms', published).andWhere('fe.document_id', '<', documentId))),
      ),
  );
}

const NEWEST: Array<[string, 'asc' | 'desc']> = [
  ['fe.published_ms', 'desc'],
  ['fe.document_id', 'desc'],
];
const FEATURED_ORDER: Array<[string, 'asc' | 'desc']> = [
  ['fe.rank_missing', 'asc'],
  ['fe.featured_rank', 'asc'],
  ['fe.published_ms', 'desc'],
  ['fe.document_id', 'desc'],
];

export function createFeedQueries(strapi: Core.Strapi) {
  let tables: FeedTables | null = null;
  const t = () => (tables ??= resolveFeedTables(strapi.db.metadata as any));
  const knex = () => strapi.db.connection;

  /** The entries' display fields from Strapi's tables, in the entries' order. */
  function withDisplayFields(entries: Knex.QueryBuilder, now: number, order: Array<[string, 'asc' | 'desc']>, extra: Array<string | Knex.Raw> = []): Knex.QueryBuilder {
    const k = knex();
    const T = t();
    const q = k
      .from(entries.as('fe'))
      .join(`${T.posts} as p`, 'p.id', 'fe.post_id')
      .leftJoin(`${T.postAuthor.table} as pa`, `pa.${T.postAuthor.own}`, 'p.id')
      .leftJoin(`${T.users} as u`, 'u.id', `pa.${T.postAuthor.other}`)
      .leftJoin(`${FILE_MORPH.table} as fm`, function joinCover() {
        this.on(`fm.${FILE_MORPH.related}`, '=', 'p.id')
          .andOn(`fm.${FILE_MORPH.type}`, '=', k.raw('?', [POST_UID]))
          .andOn(`fm.${FILE_MORPH.field}`, '=', k.raw('?', ['cover']));
      })
      .leftJoin(`${T.files} as f`, 'f.id', `fm.${FILE_MORPH.file}`)
      .select(
        'fe.document_id',
        'fe.board_id',
        'fe.comment_count',
        'fe.published_ms',
        'p.title',
        'p.slug',
        'p.excerpt',
        'p.tags',
        `pa.${T.postAuthor.other} as author_id`,
        'u.username as author_username',
        'u.display_name as author_display_name',
        'f.id as cover_id',
        'f.url as cover_url',
        'f.formats as cover_formats',
        // Only the start of the body, and only when there is no excerpt: bodies run to 60 kB.
        k.raw(`case when p.excerpt is null or p.excerpt = '' then substr(p.body, 1, ${BODY_HEAD_CHARS}) end as body_head`),
        k.raw('case when fe.featured_live = 1 and (fe.featured_until_ms is null or fe.featured_until_ms > ?) then 1 else 0 end as featured_now', [now]),
        'fe.published_ms as k_published',
        'fe.document_id as k_document',
        'fe.rank_missing as k_rank_missing',
        'fe.featured_rank as k_rank',
        ...extra,
      );
    for (const [column, direction] of order) q.orderBy(column, direction);
    return q;
  }

  const entries = () => knex()(`${FEED_TABLE} as fe`).select('fe.*');

  return {
    /** A board by slug: its id, name and whether it is active (null: none). */
    async board(slug: string): Promise<BoardRow | null> {
      const row: any = await knex()(t().boards).where({ slug }).first('id', 'slug', 'name', 'active');
      return row ? { id: Number(row.id), slug: row.slug, name: row.name, active: row.active === true || row.active === 1 } : null;
    },

    /** Boards by id (for lists across boards). */
    async boards(ids: number[]): Promise<Map<number, BoardRow>> {
      const out = new Map<number, BoardRow>();
      if (ids.length === 0) return out;
      const rows: any[] = await knex()(t().boards).whereIn('id', [...new Set(ids)]).select('id', 'slug', 'name', 'active');
      for (const row of rows) out.set(Number(row.id), { id: Number(row.id), slug: row.slug, name: row.name, active: row.active === true || row.active === 1 });
      return out;
    },

    /** One page of a board, newest first: `limit + 1` rows, so the caller knows whether another page follows. */
    async boardPage(boardId: number, options: { now: number; limit: number; after?: CursorKey[] }): Promise<FeedRow[]> {
      const page = entries().where('fe.board_id', boardId);
      if (options.after) whereBeforeNewest(page, options.after[0] as number, options.after[1] as string);
      for (const [column, direction] of NEWEST) page.orderBy(column, direction);
      return withDisplayFields(page.limit(options.limit + 1), options.now, NEWEST);
    },

    /**
     * A board with the posts featured now first. Two index ranges: the board's
     * featured posts in featured order (few), then the rest newest first,
     * continuing from the cursor's group.
     */
    async boardFeaturedFirstPage(boardId: number, options: { now: number; limit: number; after?: CursorKey[] }): Promise<FeedRow[]> {
      const want = options.limit + 1;
      const [group, rankMissing, rank, published, documentId] = (options.after ?? []) as [number, number, number, number, string];
      const rows: FeedRow[] = [];
      if (!options.after || group === 0) {
        const featured = entries().where('fe.board_id', boardId);
        whereFeaturedNow(featured, options.now);
        if (options.after) whereAfterFeatured(featured, rankMissing, rank, published, documentId);
        for (const [column, direction] of FEATURED_ORDER) featured.orderBy(column, direction);
        rows.push(...(await withDisplayFields(featured.limit(want), options.now, FEATURED_ORDER, [knex().raw('0 as k_group')])));
      }
      if (rows.length < want) {
        const rest = entries().where('fe.board_id', boardId);
        whereNotFeaturedNow(rest, options.now);
        if (options.after && group === 1) whereBeforeNewest(rest, published, documentId);
        for (const [column, direction] of NEWEST) rest.orderBy(column, direction);
        const tail: FeedRow[] = await withDisplayFields(rest.limit(want - rows.length), options.now, NEWEST, [knex().raw('1 as k_group')]);
        // Outside the featured group the rank keys are 0 (what cursors of this list have always carried).
        rows.push(...tail.map((row) => ({ ...row, k_rank_missing: 0, k_rank: 0 })));
      }
      return rows;
    },

    /** One page of the featured list across active boards. */
    async featuredPage(options: { now: number; limit: number; after?: CursorKey[] }): Promise<FeedRow[]> {
      const T = t();
      const page = entries().join(`${T.boards} as b`, 'b.id', 'fe.board_id').where('b.active', true);
      whereFeaturedNow(page, options.now);
      if (options.after) whereAfterFeatured(page, ...(options.after as [number, number, number, string]));
      for (const [column, direction] of FEATURED_ORDER) page.orderBy(column, direction);
      return withDisplayFields(page.limit(options.limit + 1), options.now, FEATURED_ORDER);
    },

    /** Visible comments per document, as the feed table counts them. */
    async commentCounts(documentIds: string[]): Promise<Map<string, number>> {
      const counts = new Map<string, number>();
      if (documentIds.length === 0) return counts;
      const rows: Array<{ document_id: string; comment_count: number | string }> = await knex()(FEED_TABLE).whereIn('document_id', documentIds).select('document_id', 'comment_count');
      for (const row of rows) counts.set(row.document_id, Number(row.comment_count));
      return counts;
    },

    /** The next moment a featured window closes (epoch ms), or null when none is pending. */
    async nextFeaturedExpiry(now: number): Promise<number | null> {
      const row: any = await knex()(FEED_TABLE).where('featured_live', 1).where('featured_until_ms', '>', now).min({ next: 'featured_until_ms' }).first();
      return row?.next == null ? null : Number(row.next);
    },

    /**
     * Entries whose featured window has closed stop being "live", so the
     * featured indexes hold only what may be listed (reads check the window
     * anyway: this keeps their range short, not their answers right).
     */
    async sweepClosedFeatured(now: number): Promise<number> {
      return knex()(FEED_TABLE).where('featured_live', 1).where('featured_until_ms', '<=', now).update({ featured_live: 0 });
    },

    /** Which board each document is listed on (for tags of post details). */
    async entryOf(documentId: string): Promise<{ boardId: number; authorId: number | null } | null> {
      const row: any = await knex()(FEED_TABLE).where('document_id', documentId).first('board_id', 'author_id');
      return row ? { boardId: Number(row.board_id), authorId: row.author_id == null ? null : Number(row.author_id) } : null;
    },
  };
}

export type FeedQueries = ReturnType<typeof createFeedQueries>;
