import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { chainStatuses, likeInfo, type ChainStatus } from '../../../utils/hive-smt-hooks';
import { FeaturedClock, TaggedCache } from '../lib/cache';
import { decodeCursor, encodeCursor } from '../lib/cursor';
import { listExcerpt } from '../lib/excerpt';
import { createFeedQueries, SORT_KEYS, toEpochMs, type BoardRow, type FeedRow, type ListKind } from '../lib/queries';
import { TAG, type Tags } from '../lib/tags';

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

/** A page as every reader sees it, without its counts. */
interface Page {
  ids: string[];
  /** Each item's JSON up to (not including) its counts: `{"documentId":…,"featured":true`. */
  heads: string[];
  items: Array<Omit<FeedItem, 'likeCount' | 'commentCount' | 'chain'>>;
  nextCursor: string | null;
  limit: number;
  /** The last anonymous answer and the counts it was made with (reused while they are the same objects). */
  rendered?: { json: string; counts: PostCounts[] };
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
}

const parseJson = (value: unknown): any => {
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
};

function coverThumbnail(row: FeedRow): string | null {
  const formats = parseJson(row.cover_formats);
  return formats?.thumbnail?.url ?? formats?.small?.url ?? row.cover_url ?? null;
}

function stableItem(row: FeedRow, board: { slug: string; name: string }): Page['items'][number] {
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
    featured: Number(row.featured_now) === 1,
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
 * items. A page is one index range of the feed table plus the display fields
 * of its rows; it is cached with tags (its board, the featured list, its
 * authors and covers) and forgotten only when one of those changes. Likes,
 * comment counts and chain status come from a per-post cache merged into the
 * page on every answer, so engagement never empties a page.
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
  const pages = new TaggedCache<Page>({ ...limits, sizeOf: (page) => stringBytes(page.heads.join('')) + (page.rendered ? stringBytes(page.rendered.json) : 0) });
  // Anonymous post-detail answers, kept with their JSON (what the fast path sends, and what they weigh).
  const details = new TaggedCache<CachedDetail>({ ...limits, sizeOf: (detail) => stringBytes(detail.json) });
  // Per post: likes, visible comments, chain status. Small entries, many of them; forgotten one post at a time.
  const counts = new TaggedCache<PostCounts>({ ttlMs: envInt('FEED_COUNTS_TTL_MS', limits.ttlMs), maxEntries: envInt('FEED_COUNTS_MAX_ENTRIES', 50_000) });
  // Boards by slug (id, name, active): every page request starts here.
  const boards = new TaggedCache<BoardRow>({ ttlMs: limits.ttlMs, maxEntries: 10_000 });
  const featuredClock = new FeaturedClock();
  /** Other instances hear of this instance's invalidations through this (set by the cluster bus at bootstrap). */
  let broadcast: ((tags: Tags | undefined) => void) | null = null;

  function invalidateLocal(tags?: Tags): void {
    const list = tags ? [...tags] : undefined;
    pages.invalidate(list);
    details.invalidate(list);
    counts.invalidate(list);
    boards.invalidate(list);
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

  /** Counts for these posts, from the per-post cache where it has them, else read (and cached) in one go. */
  async function countsFor(ids: string[], seed?: { comments: Map<string, number>; ticket: number }): Promise<Map<string, PostCounts>> {
    const out = new Map<string, PostCounts>();
    const missing: string[] = [];
    for (const id of ids) {
      const hit = counts.get(id);
      if (hit) out.set(id, hit);
      else missing.push(id);
    }
    if (missing.length === 0) return out;
    // Comment counts read with the page were read under the page's ticket: a comment written since then is caught by it.
    const useSeed = seed !== undefined && missing.every((id) => seed.comments.has(id));
    const ticket = useSeed ? seed.ticket : counts.ticket();
    const [comments, likes, chain] = await Promise.all([
      useSeed ? seed.comments : queries.commentCounts(missing),
      likeInfo(strapi, missing),
      chainStatuses(strapi, missing),
    ]);
    for (const id of missing) {
      const value = countsOf(likes.get(id)?.count ?? 0, comments.get(id) ?? 0, chain.get(id) ?? null);
      counts.set(id, value, ticket, [TAG.post(id), TAG.counts]);
      out.set(id, value);
    }
    return out;
  }

  async function readRows(kind: ListKind, board: BoardRow | null, now: number, limit: number, after?: (number | string)[]): Promise<FeedRow[]> {
    if (kind === 'featured') return queries.featuredPage({ now, limit, after });
    if (kind === 'board-featured-first') return queries.boardFeaturedFirstPage(board!.id, { now, limit, after });
    return queries.boardPage(board!.id, { now, limit, after });
  }

  async function loadPage(kind: ListKind, request: PageRequest, boardSlug?: string): Promise<{ page: Page; counts: Map<string, PostCounts> }> {
    const keys = SORT_KEYS[kind];
    const after = request.cursor ? decodeCursor(request.cursor, kind, keys.map((key) => key.type)) : undefined;
    const board = boardSlug !== undefined ? await resolveBoard(boardSlug) : null;
    const now = Date.now();
    await watchFeaturedWindows(now);
    const cacheKey = `${kind}\u0000${board?.id ?? ''}\u0000${request.limit}\u0000${request.cursor ?? ''}`;
    const hit = pages.get(cacheKey);
    if (hit) return { page: hit, counts: await countsFor(hit.ids) };

    const ticket = pages.ticket();
    const countsTicket = counts.ticket();
    const rows = await readRows(kind, board, now, request.limit, after);
    const pageRows = rows.slice(0, request.limit);
    const boardOf = board ? new Map([[board.id, board]]) : await queries.boards(pageRows.map((row) => row.board_id));
    const items = pageRows.map((row) => {
      const b = boardOf.get(Number(row.board_id));
      return stableItem(row, { slug: b?.slug ?? '', name: b?.name ?? '' });
    });
    const last = pageRows[pageRows.length - 1];
    const nextCursor =
      rows.length > request.limit && last
        ? encodeCursor(
            kind,
            keys.map((key) => (key.type === 's' ? String(last[key.column]) : key.type === 'd' ? toEpochMs(last[key.column]) : Number(last[key.column]))),
          )
        : null;
    const ids = items.map((item) => item.documentId);
    const page: Page = {
      ids,
      items,
      // JSON.stringify keeps insertion order: the counts go after `featured`, then `chain`, as documented.
      heads: items.map((item) => JSON.stringify(item).slice(0, -1)),
      nextCursor,
      limit: request.limit,
    };
    // What the page was read from: its board(s), its authors and covers, the featured list when it shows a featured post.
    const tags = new Set<string>([TAG.pages]);
    for (const row of pageRows) {
      tags.add(TAG.board(Number(row.board_id)));
      if (row.author_id != null) tags.add(TAG.user(Number(row.author_id)));
      if (row.cover_id != null) tags.add(TAG.file(Number(row.cover_id)));
    }
    if (board) tags.add(TAG.board(board.id));
    if (kind !== 'board' || items.some((item) => item.featured)) tags.add(TAG.featured);
    pages.set(cacheKey, page, ticket, [...tags]);
    const comments = new Map(pageRows.map((row) => [row.document_id, Number(row.comment_count)]));
    return { page, counts: await countsFor(ids, { comments, ticket: countsTicket }) };
  }

  /** The response body: the shared page with its counts for readers, with the member's own like state laid over it for members. */
  async function render({ page, counts: current }: { page: Page; counts: Map<string, PostCounts> }, memberId?: number): Promise<string> {
    const meta = `"meta":${JSON.stringify({ nextCursor: page.nextCursor, limit: page.limit })}`;
    if (memberId === undefined) {
      const used = page.ids.map((id) => current.get(id)!);
      const memo = page.rendered;
      if (memo && memo.counts.length === used.length && memo.counts.every((c, i) => c === used[i])) return memo.json;
      const json = `{"data":[${page.heads.map((head, i) => head + used[i].json + '}').join(',')}],${meta}}`;
      page.rendered = { json, counts: used };
      return json;
    }
    const mine = await likeInfo(strapi, page.ids, memberId);
    const data = page.heads.map((head, i) => {
      const id = page.ids[i];
      const c = current.get(id)!;
      const like = mine.get(id);
      return `${head},"likeCount":${like?.count ?? c.likeCount},"commentCount":${c.commentCount},"chain":${JSON.stringify(c.chain)},"likedByMe":${like?.likedByMe === true}}`;
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
    async cachedDetail<T>(key: string, documentId: string, load: () => Promise<T>): Promise<T> {
      const hit = details.get(key);
      if (hit !== undefined) return hit.answer as T;
      const ticket = details.ticket();
      const answer: any = await load();
      const data = answer?.data ?? {};
      const tags = [TAG.details, TAG.post(documentId)];
      const entry = await queries.entryOf(documentId);
      if (entry) tags.push(TAG.board(entry.boardId), ...(entry.authorId != null ? [TAG.user(entry.authorId)] : []));
      // Populated relations name their rows: a change to them shows too.
      if (data.board?.id != null) tags.push(TAG.board(Number(data.board.id)));
      if (data.author?.id != null) tags.push(TAG.user(Number(data.author.id)));
      if (data.cover?.id != null) tags.push(TAG.file(Number(data.cover.id)));
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

    /** For tests and diagnostics. */
    cacheStats() {
      return {
        size: pages.size,
        bytes: pages.bytes,
        enabled: pages.enabled,
        details: { size: details.size, bytes: details.bytes },
        counts: { size: counts.size },
      };
    },
  };
};
