import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { chainStatuses, likeInfo, type ChainStatus } from '../../../utils/hive-smt-hooks';
import { FeaturedClock, TaggedCache } from '../lib/cache';
import { decodeCursor, encodeCursor } from '../lib/cursor';
import { listExcerpt } from '../lib/excerpt';
import type { CursorKey } from '../lib/cursor';
import { createFeedQueries, cursorKeys, SORT_KEYS, toEpochMs, type BoardRow, type EntryRow, type ItemRow, type ListKind } from '../lib/queries';
import { TAG, type Tags } from '../lib/tags';
import { kindView, type PostKind } from '../../../posts/kinds';

/** The rows a post detail shows beside the post (src/api/post/services/detail.ts): its cache entry is tagged with them. */
export interface DetailRelated {
  userIds?: number[];
  boardIds?: number[];
  fileIds?: number[];
}

export interface FeedItem {
  documentId: string;
  title: string;
  excerpt: string;
  slug: string | null;
  coverThumbnailUrl: string | null;
  author: { displayName: string } | null;
  board: { slug: string; name: string };
  publishedAt: string;
  tags: string[];
  /** The post's kind, and its object under the kind's name (`sale`, `service`, `event`, `request`). */
  kind: PostKind;
  featured: boolean;
  likeCount: number;
  commentCount: number;
  likedByMe?: boolean;
  chain: ChainStatus | null;
}

/** What changes often about a post — counted and merged into cached pages per request, never a reason to forget a page. */
interface PostCounts {
  likeCount: number;
  commentCount: number;
  chain: ChainStatus | null;
  /** `,"likeCount":…,"commentCount":…,"chain":…` — the end of an item's JSON. */
  json: string;
}

/** What a list item shows of a post, as JSON up to (not including) `featured`: `{"documentId":…,"tags":[…]`. */
interface ItemHead {
  json: string;
}

/** A page: which posts, in which order, and what its cursor is. What each post shows is kept per post. */
interface Page {
  ids: string[];
  /** Featured right now is a question of time: each entry's flag and window, asked again at every answer. */
  featuredLive: boolean[];
  featuredUntil: Array<number | null>;
  nextCursor: string | null;
  limit: number;
  /** The last anonymous answer and what it was made of (reused while those are the same objects). */
  rendered?: { json: string; heads: ItemHead[]; counts: PostCounts[]; flags: boolean[] };
}

/** An anonymous post detail and its JSON. */
interface CachedDetail {
  answer: unknown;
  json: string;
}

export interface PageRequest {
  cursor?: string;
  limit: number;
  /** The users-permissions id of the reader, when a member is logged in. */
  memberId?: number;
  /** Posts of this kind only. */
  kind?: PostKind;
}

const parseJson = (value: unknown): any => {
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
};

function coverThumbnail(row: ItemRow): string | null {
  const formats = parseJson(row.cover_formats);
  return formats?.thumbnail?.url ?? formats?.small?.url ?? row.cover_url ?? null;
}

/** A list item without `featured` and its counts (both asked per answer). */
function itemHead(row: ItemRow, board: { slug: string; name: string }): Omit<FeedItem, 'featured' | 'likeCount' | 'commentCount' | 'chain'> & Record<string, unknown> {
  const tags = parseJson(row.tags);
  return {
    documentId: row.document_id,
    title: row.title,
    excerpt: listExcerpt(row.excerpt, row.body_head),
    slug: row.slug ?? null,
    coverThumbnailUrl: coverThumbnail(row),
    author: row.author_username ? { displayName: row.author_display_name || row.author_username } : null,
    board,
    publishedAt: new Date(toEpochMs(row.published_ms)).toISOString(),
    tags: Array.isArray(tags) ? tags.filter((tag) => typeof tag === 'string') : [],
    ...(kindView(row) as { kind: PostKind }),
  };
}

function countsOf(likeCount: number, commentCount: number, chain: ChainStatus | null): PostCounts {
  return { likeCount, commentCount, chain, json: `,"likeCount":${likeCount},"commentCount":${commentCount},"chain":${JSON.stringify(chain)}` };
}

const envInt = (name: string, fallback: number) => {
  const value = Number.parseInt(process.env[name] ?? '', 10);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
};

/**
 * Feeds for frontends: a board's posts newest first (featured first on
 * request) and the featured list across boards, with keyset cursors and small
 * items. A page is one index range of the feed table: which posts, in which
 * order. What each post shows (title, excerpt, author, cover, board) and its
 * counts (likes, visible comments, chain status) are kept per post and merged
 * into the page at every answer. Each is cached with tags (lib/tags.ts) and
 * forgotten only when what it was read from changes: a like or a comment
 * forgets one post's counts, an edit one post's item, a publish its board's
 * pages — never every page.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const queries = createFeedQueries(strapi);
  const limits = {
    ttlMs: envInt('FEED_CACHE_TTL_MS', 10_000),
    maxEntries: envInt('FEED_CACHE_MAX_ENTRIES', 1_000),
    maxBytes: envInt('FEED_CACHE_MAX_BYTES', 32 * 1024 * 1024),
  };
  // What a string holds in memory at most: two bytes per UTF-16 code unit.
  const stringBytes = (text: string) => text.length * 2;
  const pages = new TaggedCache<Page>({ ...limits, sizeOf: (page) => 64 * page.ids.length + (page.rendered ? stringBytes(page.rendered.json) : 0) });
  // Anonymous post-detail answers, kept with their JSON (what the fast path sends, and what they weigh).
  const details = new TaggedCache<CachedDetail>({ ...limits, sizeOf: (detail) => stringBytes(detail.json) });
  // Per post (FEED_ITEM_CACHE_TTL_MS, their own TTL: it also bounds how late a chain status written with raw SQL shows):
  // what its list item shows, and its counts. Small entries, many of them, forgotten one post at a time.
  const itemTtlMs = envInt('FEED_ITEM_CACHE_TTL_MS', 10_000);
  const itemLimits = { ttlMs: itemTtlMs, maxEntries: envInt('FEED_ITEM_CACHE_MAX_ENTRIES', 20_000), maxBytes: limits.maxBytes };
  const heads = new TaggedCache<ItemHead>({ ...itemLimits, sizeOf: (head) => stringBytes(head.json) });
  const counts = new TaggedCache<PostCounts>({ ...itemLimits, sizeOf: (c) => stringBytes(c.json) });
  // Boards by slug (id, name, active): every page request starts here; forgotten when the board changes.
  const boards = new TaggedCache<BoardRow>({ ttlMs: itemTtlMs, maxEntries: 10_000 });
  const featuredClock = new FeaturedClock();
  /** Other instances hear of this instance's invalidations through this (set by the cluster bus at bootstrap). */
  let broadcast: ((tags: Tags | undefined) => void) | null = null;

  function invalidateLocal(tags?: Tags): void {
    const list = tags ? [...tags] : undefined;
    for (const cache of [pages, details, heads, counts, boards]) cache.invalidate(list);
    if (!list || list.includes(TAG.featured)) featuredClock.forget();
  }

  async function resolveBoard(slug: string): Promise<BoardRow> {
    const key = `slug\u0000${slug}`;
    let board = boards.get(key);
    if (!board) {
      const ticket = boards.ticket();
      const found = await queries.board(slug);
      // An unknown slug is not remembered: a board created next is served at once.
      if (found) boards.set(key, found, ticket, [TAG.board(found.id), TAG.boards]);
      board = found ?? undefined;
    }
    if (!board || !board.active) throw new errors.NotFoundError(`No active board with the slug "${slug}".`);
    return board;
  }

  /** The closing of a featured window changes featured lists by itself: forget them at that moment. */
  async function watchFeaturedWindows(now: number): Promise<void> {
    if (featuredClock.passed()) {
      invalidateLocal([TAG.featured]);
      queries.sweepClosedFeatured(now).catch((error) => strapi.log.warn(`[feed] could not mark closed featured windows: ${(error as Error).message}`));
    }
    if (!pages.enabled || featuredClock.known) return;
    const ticket = pages.ticket();
    const next = await queries.nextFeaturedExpiry(now);
    if (pages.fresh(ticket, [TAG.featured])) featuredClock.learn(next);
  }

  /** What these posts' list items show, from the per-post cache where it has them, else read (and cached) in one query. */
  async function headsFor(ids: string[], board: BoardRow | null): Promise<Map<string, ItemHead>> {
    const out = new Map<string, ItemHead>();
    const missing = ids.filter((id) => {
      const hit = heads.get(id);
      if (hit) out.set(id, hit);
      return !hit;
    });
    if (missing.length === 0) return out;
    const ticket = heads.ticket();
    const rows = await queries.items(missing);
    const boardOf = board ? new Map([[board.id, board]]) : await queries.boards(rows.map((row) => Number(row.board_id)));
    for (const row of rows) {
      const b = boardOf.get(Number(row.board_id));
      const head = { json: JSON.stringify(itemHead(row, { slug: b?.slug ?? '', name: b?.name ?? '' })).slice(0, -1) };
      // What the item was read from: the post, its board, its author, its cover.
      const tags = [TAG.post(row.document_id), TAG.board(Number(row.board_id)), TAG.items];
      if (row.author_id != null) tags.push(TAG.user(Number(row.author_id)));
      if (row.cover_id != null) tags.push(TAG.file(Number(row.cover_id)));
      heads.set(row.document_id, head, ticket, tags);
      out.set(row.document_id, head);
    }
    return out;
  }

  /** Counts for these posts, from the per-post cache where it has them, else read (and cached) in one go. */
  async function countsFor(ids: string[], seed?: { comments: Map<string, number>; ticket: number }): Promise<Map<string, PostCounts>> {
    const out = new Map<string, PostCounts>();
    const missing = ids.filter((id) => {
      const hit = counts.get(id);
      if (hit) out.set(id, hit);
      return !hit;
    });
    if (missing.length === 0) return out;
    // Comment counts read with the page's entries were read under the ticket taken before them: a comment written since is caught.
    const useSeed = seed !== undefined && missing.every((id) => seed.comments.has(id));
    const ticket = useSeed ? seed.ticket : counts.ticket();
    const [comments, likes, chain] = await Promise.all([useSeed ? seed.comments : queries.commentCounts(missing), likeInfo(strapi, missing), chainStatuses(strapi, missing)]);
    for (const id of missing) {
      const value = countsOf(likes.get(id)?.count ?? 0, comments.get(id) ?? 0, chain.get(id) ?? null);
      counts.set(id, value, ticket, [TAG.post(id), TAG.counts]);
      out.set(id, value);
    }
    return out;
  }

  async function readEntries(kind: ListKind, board: BoardRow | null, now: number, limit: number, after?: CursorKey[], postKind?: PostKind): Promise<Array<EntryRow & { group?: 0 | 1 }>> {
    if (kind === 'featured') return queries.featuredPage({ now, limit, after });
    if (kind === 'board-featured-first') return queries.boardFeaturedFirstPage(board!.id, { now, limit, after, kind: postKind });
    return queries.boardPage(board!.id, { now, limit, after, kind: postKind });
  }

  interface Loaded {
    page: Page;
    heads: Map<string, ItemHead>;
    counts: Map<string, PostCounts>;
  }

  async function loadPage(kind: ListKind, request: PageRequest, boardSlug?: string): Promise<Loaded> {
    const keys = SORT_KEYS[kind];
    const after = request.cursor ? decodeCursor(request.cursor, kind, keys.map((key) => key.type)) : undefined;
    const board = boardSlug !== undefined ? await resolveBoard(boardSlug) : null;
    const now = Date.now();
    await watchFeaturedWindows(now);
    const cacheKey = `${kind}\u0000${board?.id ?? ''}\u0000${request.limit}\u0000${request.cursor ?? ''}\u0000${request.kind ?? ''}`;
    const hit = pages.get(cacheKey);
    if (hit) {
      const [h, c] = await Promise.all([headsFor(hit.ids, board), countsFor(hit.ids)]);
      return { page: hit, heads: h, counts: c };
    }

    const ticket = pages.ticket();
    const countsTicket = counts.ticket();
    const entries = await readEntries(kind, board, now, request.limit, after, request.kind);
    const pageEntries = entries.slice(0, request.limit);
    const last = pageEntries[pageEntries.length - 1];
    const page: Page = {
      ids: pageEntries.map((entry) => entry.document_id),
      featuredLive: pageEntries.map((entry) => Number(entry.featured_live) === 1),
      featuredUntil: pageEntries.map((entry) => (entry.featured_until_ms == null ? null : Number(entry.featured_until_ms))),
      nextCursor: entries.length > request.limit && last ? encodeCursor(kind, cursorKeys(kind, last)) : null,
      limit: request.limit,
    };
    // Which posts and in which order depend on the board's entries — and on what is featured, for these lists or when one is shown.
    const tags = new Set<string>([TAG.pages]);
    if (board) tags.add(TAG.board(board.id));
    for (const entry of pageEntries) tags.add(TAG.board(Number(entry.board_id)));
    if (kind !== 'board' || page.featuredLive.some(Boolean)) tags.add(TAG.featured);
    pages.set(cacheKey, page, ticket, [...tags]);
    const comments = new Map(pageEntries.map((entry) => [entry.document_id, Number(entry.comment_count)]));
    const [h, c] = await Promise.all([headsFor(page.ids, board), countsFor(page.ids, { comments, ticket: countsTicket })]);
    return { page, heads: h, counts: c };
  }

  /** The response body: the page's items and counts for readers, with the member's own like state laid over them for members. */
  async function render({ page, heads: itemHeads, counts: current }: Loaded, memberId?: number): Promise<string> {
    const now = Date.now();
    const meta = `"meta":${JSON.stringify({ nextCursor: page.nextCursor, limit: page.limit })}`;
    // A post unpublished since the page was read has no item: it is left out (its board's pages are being forgotten).
    const shown = page.ids.map((id, i) => ({ id, i, head: itemHeads.get(id), count: current.get(id) })).filter((x) => x.head && x.count) as Array<{
      id: string;
      i: number;
      head: ItemHead;
      count: PostCounts;
    }>;
    const flags = shown.map(({ i }) => page.featuredLive[i] && (page.featuredUntil[i] === null || page.featuredUntil[i]! > now));
    if (memberId === undefined) {
      const memo = page.rendered;
      if (memo && memo.heads.length === shown.length && shown.every((x, k) => memo.heads[k] === x.head && memo.counts[k] === x.count && memo.flags[k] === flags[k])) {
        return memo.json;
      }
      const json = `{"data":[${shown.map((x, k) => `${x.head.json},"featured":${flags[k]}${x.count.json}}`).join(',')}],${meta}}`;
      page.rendered = { json, heads: shown.map((x) => x.head), counts: shown.map((x) => x.count), flags };
      return json;
    }
    const mine = await likeInfo(
      strapi,
      shown.map((x) => x.id),
      memberId,
    );
    const data = shown.map(({ id, head, count }, k) => {
      const like = mine.get(id);
      return `${head.json},"featured":${flags[k]},"likeCount":${like?.count ?? count.likeCount},"commentCount":${count.commentCount},"chain":${JSON.stringify(count.chain)},"likedByMe":${like?.likedByMe === true}}`;
    });
    return `{"data":[${data.join(',')}],${meta}}`;
  }

  return {
    async boardFeed(request: PageRequest & { board: string; featuredFirst: boolean }): Promise<string> {
      return render(await loadPage(request.featuredFirst ? 'board-featured-first' : 'board', request, request.board), request.memberId);
    },

    async featured(request: PageRequest): Promise<string> {
      return render(await loadPage('featured', request), request.memberId);
    },

    /** A cached anonymous post detail as JSON, or undefined: what the fast path (global::fast-read) serves. */
    peekDetail(key: string): string | undefined {
      return details.get(key)?.json;
    },

    /**
     * An anonymous reader's post detail, computed once until the post, its
     * board, author, cover or chain status (or readers' permissions) change.
     * A load that raced with such a write is not stored.
     */
    async cachedDetail<T>(key: string, documentId: string, load: () => Promise<{ answer: T; related?: DetailRelated }>): Promise<T> {
      const hit = details.get(key);
      if (hit !== undefined) return hit.answer as T;
      const ticket = details.ticket();
      const { answer, related } = await load();
      const tags = [TAG.details, TAG.post(documentId)];
      const entry = await queries.entryOf(documentId);
      if (entry) tags.push(TAG.board(entry.boardId), ...(entry.authorId != null ? [TAG.user(entry.authorId)] : []));
      // The rows the page shows (its author's card, board and cover): a change to them shows too.
      for (const id of related?.userIds ?? []) tags.push(TAG.user(id));
      for (const id of related?.boardIds ?? []) tags.push(TAG.board(id));
      for (const id of related?.fileIds ?? []) tags.push(TAG.file(id));
      details.set(key, { answer, json: JSON.stringify(answer) }, ticket, tags);
      return answer;
    },

    /**
     * Forget what these tags name (lib/tags.ts), or everything, here and on
     * every other instance. Writes through Strapi's query layer do this by
     * themselves (lib/invalidation.ts); code writing with raw SQL calls it.
     */
    invalidate(tags?: Tags): void {
      invalidateLocal(tags);
      broadcast?.(tags);
    },

    /** Forget what another instance (or a transaction of this one, at commit) changed: this instance only. */
    invalidateLocal,

    /** Where invalidations go to reach other instances (the cluster bus). */
    setBroadcast(send: ((tags: Tags | undefined) => void) | null): void {
      broadcast = send;
    },

    /** The SQL of a board's first page (EXPLAIN in tests and the bench). */
    boardPageSql: () => queries.boardPageSql(),

    /** Closes the feed's own read connection (SQLite). */
    close(): void {
      queries.close();
    },

    /** For tests and diagnostics. */
    cacheStats() {
      return {
        size: pages.size,
        bytes: pages.bytes,
        enabled: pages.enabled,
        details: { size: details.size, bytes: details.bytes },
        items: { size: heads.size, bytes: heads.bytes },
        counts: { size: counts.size },
      };
    },
  };
};
