import { errors } from '@strapi/utils';

/** Deeper JSON than this is refused: no member payload needs it, and recursive validators overflow on it. */
export const MAX_JSON_DEPTH = 32;

/** How deeply a parsed JSON value nests, counted without recursion (a hostile body must not overflow the stack). */
export function jsonDepth(value: unknown, limit = Infinity): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(node as Record<string, unknown>)) stack.push([child, depth + 1]);
  }
  return deepest;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Runs after strapi::body: a JSON body sent to the REST API must be an object
 * and nest at most MAX_JSON_DEPTH levels, so malformed input gets a 400 with a
 * reason instead of reaching (and crashing) a handler.
 */
export default () => async (ctx: any, next: () => Promise<void>) => {
  if (WRITES.has(ctx.method) && ctx.path.startsWith('/api/') && ctx.is('json')) {
    const body = ctx.request.body;
    if (body !== undefined && (body === null || typeof body !== 'object' || Array.isArray(body))) {
      throw new errors.ValidationError('The request body must be a JSON object, e.g. { "data": { ... } }.');
    }
    if (body && jsonDepth(body, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
      throw new errors.ValidationError(`The request body nests deeper than ${MAX_JSON_DEPTH} levels.`);
    }
  }
  await next();
};
