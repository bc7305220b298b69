import type { Core } from '@strapi/strapi';
import { buildSessionMetadata } from '@strapi/utils';
import { SESSION_MODES } from './session-settings';

/** What a login answers besides the member: the access token, and with refresh-token sessions the refresh token. */
export interface MemberTokens {
  jwt: string;
  refreshToken?: string;
}

/**
 * Signs a member in for a login route of our own (WeChat), answering as
 * users-permissions' `POST /api/auth/local` does in the current mode: with
 * sessions, a new session (its device id, and the login time and device name
 * the sessions list shows, made as users-permissions makes them) with its
 * access and refresh tokens, replacing that device's earlier session; without, a JWT.
 */
export async function signInMember(strapi: Core.Strapi, userId: number, device: { deviceId?: string; userAgent?: string } = {}): Promise<MemberTokens> {
  const mode: string = strapi.config.get('plugin::users-permissions.jwtManagement', SESSION_MODES.legacy);
  if (mode !== SESSION_MODES.refresh) return { jwt: await (strapi.plugin('users-permissions').service('jwt') as any).issue({ id: userId }) };
  const sessions = (strapi as any).sessionManager('users-permissions');
  // A mini program logs in again with wx.login whenever its storage is cleared: that device's earlier session ends.
  if (device.deviceId) await sessions.invalidateRefreshToken(String(userId), device.deviceId);
  const metadata = buildSessionMetadata({ userAgent: device.userAgent });
  const refresh = await sessions.generateRefreshToken(String(userId), device.deviceId, { type: 'refresh', metadata });
  const access = await sessions.generateAccessToken(refresh.token);
  if ('error' in access) throw new Error(`the session manager would not make an access token: ${access.error}`);
  return { jwt: access.token, refreshToken: refresh.token };
}
