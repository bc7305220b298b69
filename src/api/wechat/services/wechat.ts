import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { createKeyedLock } from '../../../utils/keyed-lock';

const USER = 'plugin::users-permissions.user';
const withLock = createKeyedLock();

/** A failed exchange, with the HTTP status and the message the mini program's developer will read. */
export class WechatLoginError extends Error {
  constructor(
    readonly status: 400 | 403 | 429 | 502 | 503,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = { 400: 'ValidationError', 403: 'ForbiddenError', 429: 'RateLimitError', 502: 'BadGatewayError', 503: 'ServiceUnavailableError' }[status];
  }
}

/** WeChat's error codes for jscode2session (developers.weixin.qq.com, code2Session). */
const INVALID_CODE = 40029;
const CODE_USED = 40163;
const RATE_LIMITED = 45011;
const BLOCKED_USER = 40226;
const SYSTEM_BUSY = -1;

export interface WechatSession {
  openid: string;
  unionid?: string;
}

function settings() {
  return {
    base: (process.env.WECHAT_API_BASE || 'https://api.weixin.qq.com').replace(/\/+$/, ''),
    appId: process.env.WECHAT_APP_ID,
    appSecret: process.env.WECHAT_APP_SECRET,
    timeoutMs: Number(process.env.WECHAT_TIMEOUT_MS) > 0 ? Number(process.env.WECHAT_TIMEOUT_MS) : 5000,
  };
}

/**
 * WeChat mini-program login (code2Session): the mini program sends the code
 * from wx.login; the server trades it, with the app id and secret, for the
 * member's openid. The session_key WeChat also returns is neither kept nor
 * passed on: Quanzi needs nothing encrypted from WeChat.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async exchangeCode(code: string): Promise<WechatSession> {
    const { base, appId, appSecret, timeoutMs } = settings();
    if (!appId || !appSecret) {
      throw new WechatLoginError(503, 'WeChat login is not set up on this server: the administrator must set WECHAT_APP_ID and WECHAT_APP_SECRET.');
    }
    const url = `${base}/sns/jscode2session?${new URLSearchParams({ appid: appId, secret: appSecret, js_code: code, grant_type: 'authorization_code' })}`;

    let text: string;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
      text = await response.text();
      if (!response.ok) throw new WechatLoginError(502, `WeChat's login service answered HTTP ${response.status}: try again in a moment.`);
    } catch (error) {
      if (error instanceof WechatLoginError) throw error;
      const timedOut = (error as Error)?.name === 'TimeoutError' || (error as Error)?.name === 'AbortError';
      strapi.log.warn(`WeChat login: ${base} ${timedOut ? `did not answer within ${timeoutMs} ms` : `unreachable (${(error as any)?.cause?.code ?? (error as Error).message})`}`);
      throw new WechatLoginError(
        502,
        timedOut
          ? `WeChat's login service did not answer within ${Math.round(timeoutMs / 1000)} s: try again in a moment.`
          : "Could not reach WeChat's login service: try again in a moment.",
      );
    }

    let answer: { openid?: string; unionid?: string; errcode?: number; errmsg?: string };
    try {
      answer = JSON.parse(text);
    } catch {
      throw new WechatLoginError(502, "WeChat's login service sent an answer this server cannot read: try again in a moment.");
    }
    const errcode = Number(answer.errcode ?? 0);
    if (errcode === INVALID_CODE || errcode === CODE_USED) {
      throw new WechatLoginError(400, 'This login code is invalid or expired: ask WeChat for a new one (wx.login)', { errcode });
    }
    if (errcode === RATE_LIMITED) throw new WechatLoginError(429, 'WeChat limits logins for this mini program right now: try again in a minute.', { errcode, retryAfter: 60 });
    if (errcode === BLOCKED_USER) throw new WechatLoginError(403, 'WeChat refused this login: the WeChat account is restricted.', { errcode });
    if (errcode === SYSTEM_BUSY) throw new WechatLoginError(502, 'WeChat is busy: try again in a moment.', { errcode });
    if (errcode !== 0 || !answer.openid) {
      strapi.log.warn(`WeChat login: unexpected answer errcode=${errcode} errmsg=${answer.errmsg ?? ''}`);
      throw new WechatLoginError(502, `WeChat's login service refused the exchange (errcode ${errcode}): check WECHAT_APP_ID and WECHAT_APP_SECRET.`, { errcode });
    }
    return { openid: answer.openid, unionid: answer.unionid };
  },

  /** The member with this openid, created on first login when sign-up is open (users-permissions' "allow register"). */
  async findOrCreateMember(openid: string, unionid?: string): Promise<any> {
    return withLock(openid, async () => {
      const existing = await strapi.db.query(USER).findOne({ where: { wechatOpenId: openid }, populate: ['role'] });
      if (existing) {
        // WeChat sends the unionid once the mini program is bound to an Open Platform account: kept when it arrives.
        if (unionid && existing.wechatUnionId !== unionid) await strapi.db.query(USER).update({ where: { id: existing.id }, data: { wechatUnionId: unionid } });
        return existing;
      }

      const advanced: any = (await strapi.store({ type: 'plugin', name: 'users-permissions', key: 'advanced' }).get({})) ?? {};
      if (advanced.allow_register === false) {
        throw new WechatLoginError(403, 'Sign-up is closed on this server: ask the community admin for an account.');
      }
      const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: advanced.default_role ?? 'authenticated' } });
      // A stable, meaningless handle: the openid itself never leaves the server.
      const handle = `wx_${crypto.createHash('sha256').update(openid).digest('hex').slice(0, 12)}`;
      const taken = await strapi.db.query(USER).findOne({ where: { username: handle } });
      const username = taken ? `${handle}_${crypto.randomBytes(3).toString('hex')}` : handle;
      return (strapi.plugin('users-permissions').service('user') as any).add({
        username,
        email: `${username}@wechat.invalid`,
        provider: 'wechat',
        confirmed: true,
        blocked: false,
        role: role?.id,
        // WeChat no longer gives nicknames: the member chooses one (and a picture) with PUT /api/me after signing in.
        displayName: '微信用户',
        wechatOpenId: openid,
        ...(unionid ? { wechatUnionId: unionid } : {}),
      });
    });
  },
});
