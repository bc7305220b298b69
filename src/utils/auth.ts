import type { Core } from '@strapi/strapi';
import { bearerToken, verifyMemberToken } from '../auth/member-token';

/**
 * The member id behind an optional Bearer token, for public routes (auth: false)
 * that add a member's own fields: no header -> undefined (a guest); a bad or
 * expired token -> 401, so a client learns its session ended instead of
 * silently reading as a guest. Only the token's signature is checked: enough
 * to show someone their own like state, never enough to let them write.
 */
export async function optionalMemberId(strapi: Core.Strapi, ctx: any): Promise<number | undefined> {
  if (!ctx.request.header.authorization) return undefined;
  const token = bearerToken(ctx);
  const payload = token ? await verifyMemberToken(strapi, token) : null;
  const id = Number(payload?.id);
  if (!payload || !Number.isInteger(id)) {
    // ctx.throw, not Strapi's UnauthorizedError: the route's authorize step turns that into a bare "Unauthorized".
    ctx.throw(401, 'Invalid or expired token: get a new one (POST /api/auth/refresh) or log in again, or send no Authorization header to read as a guest.');
  }
  return id;
}

/** Answers with JSON already serialized (cached pages). */
export function sendJson(ctx: any, json: string): void {
  ctx.type = 'application/json; charset=utf-8';
  ctx.body = json;
}
