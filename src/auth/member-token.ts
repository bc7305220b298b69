import { createSecretKey, type KeyObject } from 'crypto';
import jwt from 'jsonwebtoken';
import type { Core } from '@strapi/strapi';

/**
 * A member's users-permissions JWT, verified as users-permissions verifies it
 * (jsonwebtoken, the plugin's secret and algorithm) but with the secret held
 * as a key object: given a string, jsonwebtoken first tries to read it as a
 * PEM public key on every call, which costs more than the rest of a like.
 * Both of users-permissions' modes: its legacy JWTs and, with refresh-token
 * sessions, the session manager's access tokens.
 */
let cached: { secret: string; key: KeyObject } | null = null;

function keyFor(secret: string): KeyObject {
  if (cached?.secret !== secret) cached = { secret, key: createSecretKey(Buffer.from(secret, 'utf8')) };
  return cached.key;
}

/** What a verified token names: the member, and in refresh mode the session it belongs to. */
export interface MemberToken {
  id: number;
  sessionId?: string;
}

const HMAC = /^HS(256|384|512)$/;

function verifyHmac(token: string, secret: string, algorithm: jwt.Algorithm): Record<string, unknown> | null {
  try {
    const payload = jwt.verify(token, keyFor(secret), { algorithms: [algorithm] });
    return typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

async function verifiedByPlugin(strapi: Core.Strapi, token: string): Promise<MemberToken | null> {
  try {
    const payload = await (strapi.plugin('users-permissions').service('jwt') as any).verify(token);
    const id = Number(payload?.id);
    return Number.isInteger(id) ? { id, ...(typeof payload.sessionId === 'string' ? { sessionId: payload.sessionId } : {}) } : null;
  } catch {
    return null;
  }
}

/**
 * The member a token names, or null when it is not a valid, unexpired token of this app.
 *
 * Refresh mode: an access token minted by the session manager for
 * users-permissions (its `type` is `access`; a refresh token is refused), with
 * the secret and algorithm users-permissions gave that origin. Legacy mode:
 * the plugin's JWT. Asymmetric algorithms are left to the plugin's own key handling.
 */
export async function verifyMemberToken(strapi: Core.Strapi, token: string): Promise<MemberToken | null> {
  const mode: string = strapi.config.get('plugin::users-permissions.jwtManagement', 'legacy-support');
  const algorithm = (strapi.config.get('plugin::users-permissions.jwt', {}) as { algorithm?: jwt.Algorithm })?.algorithm || 'HS256';
  if (!HMAC.test(algorithm)) return verifiedByPlugin(strapi, token);
  if (mode === 'refresh') {
    // users-permissions defines its session origin with its own secret, or the admin's when it has none.
    const secret: string = strapi.config.get('plugin::users-permissions.jwtSecret') || strapi.config.get('admin.auth.secret');
    const payload = verifyHmac(token, secret, algorithm);
    const id = Number(payload?.userId);
    if (!payload || payload.type !== 'access' || !Number.isInteger(id)) return null;
    return { id, ...(typeof payload.sessionId === 'string' ? { sessionId: payload.sessionId } : {}) };
  }
  const payload = verifyHmac(token, strapi.config.get('plugin::users-permissions.jwtSecret'), algorithm);
  const id = Number(payload?.id);
  return payload && Number.isInteger(id) ? { id } : null;
}

/** The Bearer token of a request, as users-permissions reads it (exactly "Bearer <token>"). */
export function bearerToken(ctx: any): string | null {
  const header: unknown = ctx.request?.header?.authorization;
  if (typeof header !== 'string') return null;
  const parts = header.split(/\s+/);
  return parts.length === 2 && parts[0].toLowerCase() === 'bearer' ? parts[1] : null;
}
