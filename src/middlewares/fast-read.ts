import { boardFeedQuerySchema, featuredQuerySchema } from '../validation/feed';
import { optionalMemberId, sendJson } from '../utils/auth';
import { parseInput } from '../utils/request';

/**
 * The public reads' fast path, early in the middleware stack (after logging,
 * errors, security headers and CORS; before query parsing, body parsing,
 * sessions and the router):
 *
 * - `GET /api/feed` and `GET /api/featured` are answered here by the feed
 *   service, exactly as their routes would (the same validation, the same
 *   optional member token, the same JSON). They are public routes
 *   (`auth: false`), so skipping the router skips no permission check.
 * - An anonymous `GET /api/posts/:documentId` whose answer is in the detail
 *   cache is sent from it. Only answers the full route computed for an
 *   anonymous request are cached (src/api/post/controllers/post.ts), and the
 *   cache forgets one whenever something it shows changes — readers'
 *   permissions included (src/api/feed/lib/invalidation.ts) — so a hit is
 *   what the full route would answer now. Requests with an Authorization
 *   header take the full route, so their token is checked as before.
 *
 * Everything else, and every method but GET, goes on down the stack.
 */
export const DETAIL_PATH = /^\/api\/posts\/([a-z0-9]+)$/;

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

/** The query as the feed's schemas read it: one value per name, a repeated name an array (as Strapi's qs parsing gives). */
export function plainQuery(querystring: string | undefined): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(querystring ?? '')) {
    const seen = out[name];
    out[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return out;
}

export default (_config: unknown, { strapi }: { strapi: any }) => {
  const feed = () => strapi.service('api::feed.feed');
  return async (ctx: any, next: () => Promise<void>) => {
    if (ctx.method !== 'GET') return next();
    const path: string = ctx.path;
    if (path === '/api/feed') {
      const query = parseInput(boardFeedQuerySchema, plainQuery(ctx.querystring));
      const memberId = await optionalMemberId(strapi, ctx);
      return sendJson(ctx, await feed().boardFeed({ ...query, featuredFirst: query.featuredFirst === 'true', memberId }));
    }
    if (path === '/api/featured') {
      const query = parseInput(featuredQuerySchema, plainQuery(ctx.querystring));
      const memberId = await optionalMemberId(strapi, ctx);
      return sendJson(ctx, await feed().featured({ ...query, memberId }));
    }
    if (!ctx.get('authorization')) {
      const match = DETAIL_PATH.exec(path);
      if (match) {
        const json = feed().peekDetail(detailCacheKey(match[1], ctx.querystring));
        if (json !== undefined) {
          ctx.status = 200;
          ctx.type = 'application/json';
          ctx.set('X-Quanzi-Cache', 'hit');
          ctx.body = json;
          return;
        }
      }
    }
    return next();
  };
};
