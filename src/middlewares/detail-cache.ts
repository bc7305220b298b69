/**
 * The post detail's fast path. An anonymous reader's `GET /api/posts/:id` is
 * answered from the detail cache before routing, so a hit skips the router,
 * users-permissions' lookup of the Public role's permissions and the
 * controller — the bulk of a read's cost once the answer is known.
 *
 * Only answers the full route computed for an anonymous request are cached
 * (src/api/post/controllers/post.ts), and every write through Strapi's query
 * layer empties the cache (src/api/feed/lib/invalidation.ts) — a change to
 * the Public role's permissions included — so a hit is always what the full
 * route would answer now. Requests with an Authorization header take the
 * full route, so their token is checked as before. The cache holds at most
 * FEED_CACHE_MAX_ENTRIES answers and FEED_CACHE_MAX_BYTES of them, keyed by
 * the post and its normalized query.
 */
const DETAIL_PATH = /^\/api\/posts\/([a-z0-9]+)$/;

/**
 * A query string in one form per meaning: parameters ordered by name (repeats
 * keep their order), percent-encoding made uniform — `?b=2&a=1`, `?a=1&b=2`
 * and `?a=%31&b=2` are one cache entry, not three.
 */
export function normalizeQueryString(querystring: string | undefined): string {
  if (!querystring) return '';
  const params = [...new URLSearchParams(querystring)];
  params.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new URLSearchParams(params).toString();
}

/** The cache key of one detail answer: the post and its normalized query. */
export const detailCacheKey = (documentId: string, querystring: string | undefined) => `${documentId}\u0000${normalizeQueryString(querystring)}`;

export default (_config: unknown, { strapi }: { strapi: any }) =>
  async (ctx: any, next: () => Promise<void>) => {
    if (ctx.method === 'GET' && !ctx.get('authorization')) {
      const match = DETAIL_PATH.exec(ctx.path);
      if (match) {
        const json = strapi.service('api::feed.feed').peekDetail(detailCacheKey(match[1], ctx.querystring));
        if (json !== undefined) {
          ctx.status = 200;
          ctx.type = 'application/json';
          ctx.set('X-Quanzi-Cache', 'hit');
          ctx.body = json;
          return;
        }
      }
    }
    await next();
  };
