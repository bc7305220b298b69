import { createSecretKey, type KeyObject } from 'crypto';
import jwt from 'jsonwebtoken';
import type { Core } from '@strapi/strapi';

/**
 * A member's users-permissions JWT, verified as users-permissions verifies it
 * (jsonwebtoken, the plugin's secret and algorithm) but with the secret held
 * as a key object: given a string, jsonwebtoken first tries to read it as a
 * PEM public key on every call, which costs more than the rest of a like.
 * The refresh-token mode (sessions in the database) is left to the plugin.
 */
let cached: { secret: string; key: KeyObject } | null = null;

function keyFor(secret: string): KeyObject {
  if (cached?.secret !== secret) cached = { secret, key: createSecretKey(Buffer.from(secret, 'utf8')) };
  return cached.key;
}

/** The token's payload, or null when it is not a valid, unexpired token of this app. */
export async function verifyMemberToken(strapi: Core.Strapi, token: string): Promise<{ id?: unknown } | null> {
  const mode: string = strapi.config.get('plugin::users-permissions.jwtManagement', 'legacy-support');
  if (mode === 'refresh') {
    try {
      return await (strapi.plugin('users-permissions').service('jwt') as any).verify(token);
    } catch {
      return null;
    }
  }
  const secret: string = strapi.config.get('plugin::users-permissions.jwtSecret');
  const algorithm = (strapi.config.get('plugin::users-permissions.jwt', {}) as { algorithm?: jwt.Algorithm })?.algorithm || 'HS256';
  // An asymmetric algorithm needs the plugin's own key handling.
  if (!/^HS(256|384|512)$/.test(algorithm)) {
    try {
      return await (strapi.plugin('users-permissions').service('jwt') as any).verify(token);
    } catch {
      return null;
    }
  }
  try {
    const payload = jwt.verify(token, keyFor(secret), { algorithms: [algorithm] });
    return typeof payload === 'object' && payload !== null ? (payload as { id?: unknown }) : null;
  } catch {
    return null;
  }
}

/** The Bearer token of a request, as users-permissions reads it (exactly "Bearer <token>"). */
export function bearerToken(ctx: any): string | null {
  const header: unknown = ctx.request?.header?.authorization;
  if (typeof header !== 'string') return null;
  const parts = header.split(/\s+/);
  return parts.length === 2 && parts[0].toLowerCase() === 'bearer' ? parts[1] : null;
}
