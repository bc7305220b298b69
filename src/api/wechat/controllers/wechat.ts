import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { forbidden, parseInput } from '../../../utils/request';
import { wechatLoginSchema } from '../../../validation/auth';
import { WechatLoginError } from '../services/wechat';
import { signInMember } from '../../../auth/sessions';

/** Errors Strapi has no class for (502, 503) are written in its error shape directly. */
function toHttpError(ctx: any, error: WechatLoginError): void {
  if (error.status === 400) throw new errors.ValidationError(error.message, { ...error.details, errors: [{ path: ['code'], message: error.message, name: 'ValidationError' }] });
  if (error.status === 403) throw forbidden(error.message);
  if (error.status === 429) {
    ctx.set('Retry-After', String(error.details.retryAfter ?? 60));
    throw new errors.RateLimitError(error.message, error.details);
  }
  ctx.status = error.status;
  ctx.body = { data: null, error: { status: error.status, name: error.name, message: error.message, details: error.details } };
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** { code, deviceId? } -> { jwt, refreshToken?, user }, like POST /api/auth/local. */
  async login(ctx: any) {
    const { code, deviceId } = parseInput(wechatLoginSchema, ctx.request.body ?? {});
    const wechat = strapi.service('api::wechat.wechat') as any;
    try {
      const { openid, unionid } = await wechat.exchangeCode(code);
      const user = await wechat.findOrCreateMember(openid, unionid);
      if (user.blocked) throw new WechatLoginError(403, 'This account is blocked: ask the community admin.');
      const tokens = await signInMember(strapi, user.id, { deviceId, userAgent: ctx.request.headers['user-agent'] });
      const sanitized = await strapi.contentAPI.sanitize.output(user, strapi.getModel('plugin::users-permissions.user'), { auth: ctx.state.auth });
      ctx.body = { ...tokens, user: sanitized };
    } catch (error) {
      if (error instanceof WechatLoginError) return toHttpError(ctx, error);
      throw error;
    }
  },
});
