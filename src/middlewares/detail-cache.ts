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
 * full route, so their token is checked as before.
 */
const DETAIL_PATH = /^\/api\/posts\/([a-z0-9]+)$/;

/** The cache key of one detail answer: the post and the exact query string. */
export const detailCacheKey = (documentId: string, querystring: string | undefined) => `${documentId}\u0000${querystring ?? ''}`;

/** Each cached answer is turned into JSON once, not on every hit (a detail carries its body twice: markdown and HTML). */
const json = new WeakMap<object, string>();
function serialized(answer: unknown): string {
  if (typeof answer !== 'object' || answer === null) return JSON.stringify(answer);
  let text = json.get(answer);
  if (text === undefined) {
    text = JSON.stringify(answer);
    json.set(answer, text);
  }
  return text;
}

export default (_config: unknown, { strapi }: { strapi: any }) =>
  async (ctx: any, next: () => Promise<void>) => {
    if (ctx.method === 'GET' && !ctx.get('authorization')) {
      const match = DETAIL_PATH.exec(ctx.path);
      if (match) {
        const hit = strapi.service('api::feed.feed').peekDetail(detailCacheKey(match[1], ctx.querystring));
        if (hit !== undefined) {
          ctx.status = 200;
          ctx.type = 'application/json';
          ctx.set('X-Quanzi-Cache', 'hit');
          ctx.body = serialized(hit);
          return;
        }
      }
    }
    await next();
  };
