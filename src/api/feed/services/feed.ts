import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { chainStatuses, likeInfo, type ChainStatus } from '../../../utils/hive-smt-hooks';
import { FeedCache } from '../lib/cache';
import { decodeCursor, encodeCursor } from '../lib/cursor';
import { listExcerpt } from '../lib/excerpt';
import { createFeedQueries, SORT_KEYS, toEpochMs, type FeedRow, type ListKind } from '../lib/queries';

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

/** An anonymous post detail and its JSON. */
interface CachedDetail {
  answer: unknown;
  json: string;
}

/** A page as every reader sees it; a member's own like state is laid over it per request. */
interface Page {
  items: FeedItem[];
  nextCursor: string | null;
  limit: number;
  /** The anonymous response, serialized once. */
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

function toItem(row: FeedRow, commentCount: number, likeCount: number, chain: ChainStatus | null): FeedItem {
  const tags = parseJson(row.tags);
  return {
    documentId: row.document_id,
    title: row.title,
    excerpt: listExcerpt(row.excerpt, row.body_head),
    slug: row.slug ?? null,
    coverThumbnailUrl: coverThumbnail(row),
    author: row.author_username ? { displayName: row.author_display_name || row.author_username } : null,
    board: { slug: row.board_slug, name: row.board_name },
    publishedAt: new Date(toEpochMs(row.published_at)).toISOString(),
    tags: Array.isArray(tags) ? tags.filter((tag) => typeof tag === 'string') : [],
    featured: Number(row.featured_now) === 1 || row.featured_now === true,
    likeCount,
    commentCount,
    chain,
  };
}

const envInt = (name: string, fallback: number) => {
  const value = Number.parseInt(process.env[name] ?? '', 10);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
};

/**
 * Feeds for frontends: a board's posts newest first (featured first on request)
 * and the featured list across boards, with keyset cursors and small items.
 * A cache miss costs two queries (the page, its comment counts) plus whatever
 * the hive-smt plugin's like and chain hooks do; a hit costs none for readers
 * and one like lookup for members.
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
  const cache = new FeedCache<Page>({ ...limits, sizeOf: (page) => stringBytes(page.json) });

  // Anonymous post-detail answers, emptied with the pages: a detail read after any write is fresh too.
  // Kept with their JSON, which the fast path sends as is, and which is what they weigh.
  const details = new FeedCache<CachedDetail>({ ...limits, sizeOf: (detail) => stringBytes(detail.json) });

  async function loadPage(kind: ListKind, request: PageRequest, boardSlug?: string): Promise<Page> {
    const keys = SORT_KEYS[kind];
    const after = request.cursor ? decodeCursor(request.cursor, kind, keys.map((key) => key.type)) : undefined;
    const cacheKey = `${kind}\u0000${boardSlug ?? ''}\u0000${request.limit}\u0000${request.cursor ?? ''}`;
    const hit = cache.get(cacheKey);
    if (hit) return hit;

    const generation = cache.generation;
    const now = new Date();
    // Items say whether they are featured right now: the cache must not outlive the next featuredUntil.
    if (cache.enabled && !cache.expiryKnown) cache.setNextExpiry(await queries.nextFeaturedExpiry(now), generation);

    const rows = await queries.page(kind, { now, limit: request.limit, after, boardSlug });
    if (rows.length === 0 && boardSlug !== undefined && !after && !(await queries.activeBoardExists(boardSlug))) {
      throw new errors.NotFoundError(`No active board with the slug "${boardSlug}".`);
    }
    const pageRows = rows.slice(0, request.limit);
    const ids = pageRows.map((row) => row.document_id);
    const [comments, likes, chain] = await Promise.all([queries.commentCounts(ids), likeInfo(strapi, ids), chainStatuses(strapi, ids)]);
    const items = pageRows.map((row) =>
      toItem(row, comments.get(row.document_id) ?? 0, likes.get(row.document_id)?.count ?? 0, chain.get(row.document_id) ?? null),
    );
    const last = pageRows[pageRows.length - 1];
    const nextCursor =
      rows.length > request.limit && last
        ? encodeCursor(
            kind,
            keys.map((key) => (key.type === 's' ? String(last[key.column]) : toEpochMs(last[key.column]))),
          )
        : null;
    const meta = { nextCursor, limit: request.limit };
    const page: Page = { items, nextCursor, limit: request.limit, json: JSON.stringify({ data: items, meta }) };
    cache.set(cacheKey, page, generation);
    return page;
  }

  /** The response body: the shared page for readers, with the member's likes laid over it for members. */
  async function render(page: Page, memberId?: number): Promise<string> {
    if (memberId === undefined) return page.json;
    const likes = await likeInfo(
      strapi,
      page.items.map((item) => item.documentId),
      memberId,
    );
    const data = page.items.map((item) => {
      const like = likes.get(item.documentId);
      return { ...item, likeCount: like?.count ?? item.likeCount, likedByMe: like?.likedByMe ?? false };
    });
    return JSON.stringify({ data, meta: { nextCursor: page.nextCursor, limit: page.limit } });
  }

  return {
    async boardFeed(request: PageRequest & { board: string; featuredFirst: boolean }): Promise<string> {
      const page = await loadPage(request.featuredFirst ? 'board-featured-first' : 'board', request, request.board);
      return render(page, request.memberId);
    },

    async featured(request: PageRequest): Promise<string> {
      return render(await loadPage('featured', request), request.memberId);
    },

    /** A cached anonymous post detail as JSON, or undefined: what the detail fast path (global::detail-cache) serves. */
    peekDetail(key: string): string | undefined {
      return details.get(key)?.json;
    },

    /**
     * An anonymous reader's post detail, computed once per cache generation. A load
     * that raced with a write is not stored (the generation it began in is gone).
     */
    async cachedDetail<T>(key: string, load: () => Promise<T>): Promise<T> {
      const hit = details.get(key);
      if (hit !== undefined) return hit.answer as T;
      const generation = details.generation;
      const answer = await load();
      details.set(key, { answer, json: JSON.stringify(answer) }, generation);
      return answer;
    },

    /** Forget every cached page. Called on every write Strapi's query layer sees; raw-SQL writers must call it too. */
    invalidate(): void {
      cache.invalidate();
      details.invalidate();
    },

    /** For tests and diagnostics. */
    cacheStats() {
      return {
        generation: cache.generation,
        size: cache.size,
        bytes: cache.bytes,
        enabled: cache.enabled,
        details: { size: details.size, bytes: details.bytes },
      };
    },
  };
};
