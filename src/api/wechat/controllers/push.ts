import type { Core } from '@strapi/strapi';
import { MEDIA_CHECK_EVENT } from '../../../wechat/protocol';
import { wechatSettings } from '../../../wechat/settings';
import { pushSignatureValid, verdictOf } from '../../../wechat/verdicts';

function refuse(ctx: any, status: number, name: string, message: string) {
  ctx.status = status;
  ctx.body = { data: null, error: { status, name, message, details: {} } };
}

/**
 * WeChat's message push (the mini program's "消息推送" setting, JSON data
 * format, plaintext mode): GET is WeChat's URL check (answer `echostr`), POST
 * carries events — here the asynchronous result of a picture's content check.
 * Every request's signature is checked against WECHAT_PUSH_TOKEN first.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async verify(ctx: any) {
    const token = wechatSettings().pushToken;
    // Without a token no signature can be right: refused as any unsigned caller is, saying what is missing.
    if (!token) return refuse(ctx, 403, 'ForbiddenError', 'WeChat message push is not set up on this server: set WECHAT_PUSH_TOKEN to the token configured in the mini program.');
    if (!pushSignatureValid(token, ctx.query)) return refuse(ctx, 403, 'ForbiddenError', 'The signature does not match WECHAT_PUSH_TOKEN.');
    ctx.type = 'text/plain';
    ctx.body = String(ctx.query.echostr ?? '');
  },

  async receive(ctx: any) {
    const token = wechatSettings().pushToken;
    // Without a token no signature can be right: refused as any unsigned caller is, saying what is missing.
    if (!token) return refuse(ctx, 403, 'ForbiddenError', 'WeChat message push is not set up on this server: set WECHAT_PUSH_TOKEN to the token configured in the mini program.');
    if (!pushSignatureValid(token, ctx.query)) return refuse(ctx, 403, 'ForbiddenError', 'The signature does not match WECHAT_PUSH_TOKEN.');
    const event = ctx.request.body;
    if (!event || typeof event !== 'object' || Array.isArray(event)) return refuse(ctx, 400, 'ValidationError', 'Send the pushed event as JSON (the message push\'s data format must be JSON).');
    if (event.Event === MEDIA_CHECK_EVENT) {
      const verdict = verdictOf(event);
      if (typeof event.trace_id !== 'string' || !verdict) return refuse(ctx, 400, 'ValidationError', 'A wxa_media_check event needs trace_id and result.suggest (pass, review or risky).');
      const known = await (strapi.service('api::wechat.content-check') as any).receiveMediaResult(event.trace_id, verdict);
      if (!known) strapi.log.warn(`WeChat push: media check result for an unknown trace id ${event.trace_id.slice(0, 40)}`);
    }
    // WeChat retries a push until it reads "success".
    ctx.type = 'text/plain';
    ctx.body = 'success';
  },
});
