import type { Core } from '@strapi/strapi';
import { MAX_CHECK_TEXT, MEDIA_CHECK_ASYNC_PATH, MEDIA_TYPE_IMAGE, MSG_SEC_CHECK_PATH, SEC_CHECK_VERSION, SUBSCRIBE_SEND_PATH, SYSTEM_BUSY, TOKEN_ERRCODES } from '../../../wechat/protocol';
import { wechatSettings } from '../../../wechat/settings';
import { verdictOf, type Verdict } from '../../../wechat/verdicts';
import { WechatUnavailableError } from './token';

/** WeChat answered, and refused the call itself (not the content): the errcode says why. */
export class WechatRefusedError extends Error {
  constructor(
    readonly errcode: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The WeChat server APIs behind content checks and subscribe messages, each
 * called with the shared access_token (replaced once when WeChat says it went
 * bad). Unreachable, timed out, 5xx or "system busy": WechatUnavailableError,
 * which the check queue retries.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const tokens = () => strapi.service('api::wechat.token') as any;

  async function call(path: string, body: Record<string, unknown>): Promise<any> {
    const s = wechatSettings();
    let token: string = await tokens().accessToken();
    for (let attempt = 0; attempt < 2; attempt++) {
      let answer: any;
      try {
        const response = await fetch(`${s.base}${path}?access_token=${encodeURIComponent(token)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(s.timeoutMs),
        });
        if (!response.ok) throw new WechatUnavailableError(`${path} answered HTTP ${response.status}`);
        answer = JSON.parse(await response.text());
      } catch (error) {
        if (error instanceof WechatUnavailableError) throw error;
        throw new WechatUnavailableError(`${path} unreachable (${(error as any)?.cause?.code ?? (error as Error).name})`);
      }
      const errcode = Number(answer?.errcode ?? 0);
      if (errcode === 0) return answer;
      if (TOKEN_ERRCODES.has(errcode) && attempt === 0) {
        token = await tokens().accessToken(token);
        continue;
      }
      if (errcode === SYSTEM_BUSY) throw new WechatUnavailableError(`${path}: WeChat is busy`);
      throw new WechatRefusedError(errcode, `${path} refused: errcode ${errcode} ${answer?.errmsg ?? ''}`.trim());
    }
    throw new WechatUnavailableError(`${path}: WeChat refused a fresh access_token`);
  }

  return {
    /** msgSecCheck 2.0 on a member's text: pass, review or risky (WeChat's `result.suggest`). */
    async checkText(input: { openid: string; scene: number; content: string; title?: string; nickname?: string; signature?: string }): Promise<{ verdict: Verdict; label: number | null; traceId: string | null }> {
      const answer = await call(MSG_SEC_CHECK_PATH, { version: SEC_CHECK_VERSION, ...input, content: Array.from(input.content).slice(0, MAX_CHECK_TEXT).join('') });
      const verdict = verdictOf(answer);
      if (!verdict) throw new WechatUnavailableError('msg_sec_check answered without result.suggest');
      return { verdict, label: answer.result?.label ?? null, traceId: answer.trace_id ?? null };
    },

    /** mediaCheckAsync 2.0 on a picture WeChat fetches from `mediaUrl`: the trace id its pushed result will carry. */
    async checkPicture(input: { openid: string; scene: number; mediaUrl: string }): Promise<string> {
      const answer = await call(MEDIA_CHECK_ASYNC_PATH, { version: SEC_CHECK_VERSION, media_type: MEDIA_TYPE_IMAGE, media_url: input.mediaUrl, scene: input.scene, openid: input.openid });
      if (!answer.trace_id) throw new WechatUnavailableError('media_check_async answered without a trace_id');
      return String(answer.trace_id);
    },

    /** subscribeMessage.send: one message of an accepted template. */
    async sendSubscribeMessage(input: { openid: string; templateId: string; page?: string; data: Record<string, { value: string }> }): Promise<void> {
      await call(SUBSCRIBE_SEND_PATH, { touser: input.openid, template_id: input.templateId, page: input.page, data: input.data, miniprogram_state: 'formal', lang: 'zh_CN' });
    },
  };
};
