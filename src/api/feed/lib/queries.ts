import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { CursorKey, CursorKeyType } from './cursor';

/**
 * The feed's SQL, on the tables Strapi made for the content types (knex, so the
 * same code runs on SQLite and PostgreSQL). A page is one query with joins
 * (post, board, author, cover) plus one grouped query for comment counts.
 *
 * Storage facts this relies on (Strapi 5): every post document has a draft row
 * and, once published, a published row (published_at not null); relations are
 * join tables named <table>_<field>_lnk, resolved from Strapi's metadata below;
 * media hang off files_related_mph; comments link to both rows of a post.
 */
const POST = 'api::post.post';
const COMMENT = 'api::comment.comment';
const BOARD = 'api::board.board';
const USER = 'plugin::users-permissions.user';
const FILE = 'plugin::upload.file';
const FILE_MORPH = { table: 'files_related_mph', file: 'file_id', related: 'related_id', type: 'related_type', field: 'field' };

/** Characters of body read for an excerpt when the post has none. */
const BODY_HEAD_CHARS = 600;

interface Link {
  table: string;
  own: string;
  other: string;
}

interface Tables {
  posts: string;
  boards: string;
  users: string;
  comments: string;
  files: string;
  postBoard: Link;
  postAuthor: Link;
  commentPost: Link;
}

function link(strapi: Core.Strapi, uid: string, attribute: string): Link {
  const joinTable = (strapi.db.metadata.get(uid as any).attributes as any)[attribute]?.joinTable;
  if (!joinTable) throw new Error(`The feed expects ${uid}.${attribute} to be a relation with a join table.`);
  return { table: joinTable.name, own: joinTable.joinColumn.name, other: joinTable.inverseJoinColumn.name };
}

function resolveTables(strapi: Core.Strapi): Tables {
  const table = (uid: string) => strapi.db.metadata.get(uid as any).tableName;
  return {
    posts: table(POST),
    boards: table(BOARD),
    users: table(USER),
    comments: table(COMMENT),
    files: table(FILE),
    postBoard: link(strapi, POST, 'board'),
    postAuthor: link(strapi, POST, 'author'),
    commentPost: link(strapi, COMMENT, 'post'),
  };
}

/** One sort key of a list: the SQL column of the page query and its direction. */
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
  featured_now: number | boolean;
  published_at: unknown;
  author_username: string | null;
  author_display_name: string | null;
  board_slug: string;
  board_name: string;
  cover_url: string | null;
  cover_formats: unknown;
  [sortKey: string]: unknown;
}

export type ListKind = 'board' | 'board-featured-first' | 'featured';

/** Sort keys per list, outermost first. Featured: rank ascending (no rank last), then newest. */
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

/** Epoch milliseconds of a datetime as the driver returns it (SQLite: a number; PostgreSQL: a Date). */
export function toEpochMs(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return NaN;
}

/** Keys are bound as the column's type: dates go back as Date so each driver stores and compares them natively. */
function bindKey(key: SortKey, value: CursorKey): unknown {
  return key.column === 'k_published' ? new Date(value as number) : value;
}

/** WHERE (k1, k2, …) comes strictly after the cursor's keys, each key in its own direction. */
function whereAfter(builder: Knex.QueryBuilder, keys: SortKey[], values: CursorKey[], index = 0): void {
  const key = keys[index];
  const op = key.direction === 'asc' ? '>' : '<';
  const value = bindKey(key, values[index]);
  if (index === keys.length - 1) {
    builder.where(key.column, op, value as any);
    return;
  }
  builder.where((outer) => {
    outer.where(key.column, op, value as any).orWhere((tie) => {
      tie.where(key.column, '=', value as any).andWhere((rest) => whereAfter(rest, keys, values, index + 1));
    });
  });
}

export function createFeedQueries(strapi: Core.Strapi) {
  let tables: Tables | null = null;
  const t = () => (tables ??= resolveTables(strapi));
  const knex = () => strapi.db.connection;

  /** Published rows of active boards with everything a list item shows, and the list's sort keys. */
  function listQuery(kind: ListKind, now: Date, boardSlug?: string): Knex.QueryBuilder {
    const k = knex();
    const T = t();
    // Featured right now: flagged by an editor and its featuredUntil (if any) still ahead.
    const FEATURED = '(p.featured = ? and (p.featured_until is null or p.featured_until > ?))';
    const featuredBindings = [true, now];
    const q = k(`${T.posts} as p`)
      .join(`${T.postBoard.table} as pb`, `pb.${T.postBoard.own}`, 'p.id')
      .join(`${T.boards} as b`, 'b.id', `pb.${T.postBoard.other}`)
      .leftJoin(`${T.postAuthor.table} as pa`, `pa.${T.postAuthor.own}`, 'p.id')
      .leftJoin(`${T.users} as u`, 'u.id', `pa.${T.postAuthor.other}`)
      .leftJoin(`${FILE_MORPH.table} as fm`, function joinCover() {
        this.on(`fm.${FILE_MORPH.related}`, '=', 'p.id')
          .andOn(`fm.${FILE_MORPH.type}`, '=', k.raw('?', [POST]))
          .andOn(`fm.${FILE_MORPH.field}`, '=', k.raw('?', ['cover']));
      })
      .leftJoin(`${T.files} as f`, 'f.id', `fm.${FILE_MORPH.file}`)
      .whereNotNull('p.published_at')
      .where('b.active', true)
      .select(
        'p.document_id',
        'p.title',
        'p.slug',
        'p.excerpt',
        'p.tags',
        'p.published_at',
        'u.username as author_username',
        'u.display_name as author_display_name',
        'b.slug as board_slug',
        'b.name as board_name',
        'f.url as cover_url',
        'f.formats as cover_formats',
        // Only the start of the body, and only when there is no excerpt: bodies run to 60 kB.
        k.raw(`case when p.excerpt is null or p.excerpt = '' then substr(p.body, 1, ${BODY_HEAD_CHARS}) end as body_head`),
        k.raw(`case when ${FEATURED} then 1 else 0 end as featured_now`, featuredBindings),
        'p.published_at as k_published',
        'p.document_id as k_document',
      );
    if (boardSlug !== undefined) q.where('b.slug', boardSlug);
    if (kind === 'featured') {
      q.whereRaw(FEATURED, featuredBindings);
      q.select(k.raw('case when p.featured_rank is null then 1 else 0 end as k_rank_missing'), k.raw('coalesce(p.featured_rank, 0) as k_rank'));
    }
    if (kind === 'board-featured-first') {
      q.select(
        k.raw(`case when ${FEATURED} then 0 else 1 end as k_group`, featuredBindings),
        k.raw(`case when ${FEATURED} and p.featured_rank is null then 1 else 0 end as k_rank_missing`, featuredBindings),
        k.raw(`case when ${FEATURED} then coalesce(p.featured_rank, 0) else 0 end as k_rank`, featuredBindings),
      );
    }
    return q;
  }

  return {
    /** One page of a list, `limit + 1` rows so the caller knows whether another page follows. */
    async page(kind: ListKind, options: { now: Date; limit: number; after?: CursorKey[]; boardSlug?: string }): Promise<FeedRow[]> {
      const keys = SORT_KEYS[kind];
      const q = knex().select('*').from(listQuery(kind, options.now, options.boardSlug).as('q'));
      if (options.after) whereAfter(q, keys, options.after);
      for (const key of keys) q.orderBy(key.column, key.direction);
      return q.limit(options.limit + 1);
    },

    /** Visible comments per post documentId (comments link to a post's draft and published rows: count each once). */
    async commentCounts(documentIds: string[]): Promise<Map<string, number>> {
      const counts = new Map<string, number>();
      if (documentIds.length === 0) return counts;
      const T = t();
      const rows: Array<{ document_id: string; n: number | string }> = await knex()(`${T.comments} as c`)
        .join(`${T.commentPost.table} as cp`, `cp.${T.commentPost.own}`, 'c.id')
        .join(`${T.posts} as p`, 'p.id', `cp.${T.commentPost.other}`)
        .whereIn('p.document_id', documentIds)
        .where((visible) => visible.where('c.hidden', false).orWhereNull('c.hidden'))
        .groupBy('p.document_id')
        .select('p.document_id')
        .countDistinct({ n: 'c.id' });
      for (const row of rows) counts.set(row.document_id, Number(row.n));
      return counts;
    },

    /** Whether a board with this slug is active (asked only when its first page is empty). */
    async activeBoardExists(slug: string): Promise<boolean> {
      const row = await knex()(t().boards).where({ slug, active: true }).first('id');
      return Boolean(row);
    },

    /** The next moment a featured window closes (epoch ms), or null when none is pending. */
    async nextFeaturedExpiry(now: Date): Promise<number | null> {
      const row = await knex()(t().posts)
        .whereNotNull('published_at')
        .where('featured', true)
        .where('featured_until', '>', now)
        .min({ next: 'featured_until' })
        .first();
      const next = row?.next;
      return next == null ? null : toEpochMs(next);
    },
  };
}

export type FeedQueries = ReturnType<typeof createFeedQueries>;
