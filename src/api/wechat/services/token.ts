import type { Core } from '@strapi/strapi';
import { STABLE_TOKEN_PATH, TOKEN_REFRESH_MARGIN_S } from '../../../wechat/protocol';
import { wechatSettings } from '../../../wechat/settings';

const KEY = 'access-token';

/** WeChat did not give a token: the reason, for the log and the retry queue (never the secret). */
export class WechatUnavailableError extends Error {}

interface Cached {
  token: string;
  expiresAt: number;
}

/**
 * The mini program's access_token from stable_token, kept in the database so
 * every instance uses the one token (WeChat keeps a stable token valid for
 * every caller until it expires, so instances refreshing at once still agree),
 * and in memory between reads. Refreshed ahead of expiry; force_refresh only
 * when WeChat says the token it gave is no longer good.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'core', name: 'quanzi-wechat' });
  let memory: Cached | null = null;
  let inFlight: Promise<string> | null = null;
  const fresh = (c: Cached | null | undefined): c is Cached => Boolean(c?.token && c.expiresAt - TOKEN_REFRESH_MARGIN_S * 1000 > Date.now());

  async function fetchToken(forceRefresh: boolean): Promise<string> {
    const s = wechatSettings();
    if (!s.appId || !s.appSecret) throw new WechatUnavailableError('WECHAT_APP_ID and WECHAT_APP_SECRET are not set');
    let answer: any;
    try {
      const response = await fetch(`${s.base}${STABLE_TOKEN_PATH}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credential', appid: s.appId, secret: s.appSecret, force_refresh: forceRefresh }),
        signal: AbortSignal.timeout(s.timeoutMs),
      });
      if (!response.ok) throw new WechatUnavailableError(`stable_token answered HTTP ${response.status}`);
      answer = JSON.parse(await response.text());
    } catch (error) {
      if (error instanceof WechatUnavailableError) throw error;
      throw new WechatUnavailableError(`stable_token unreachable (${(error as any)?.cause?.code ?? (error as Error).name})`);
    }
    if (!answer?.access_token) throw new WechatUnavailableError(`stable_token refused: errcode ${answer?.errcode ?? '?'} ${answer?.errmsg ?? ''}`.trim());
    const cached = { token: String(answer.access_token), expiresAt: Date.now() + Number(answer.expires_in ?? 7200) * 1000 };
    await store().set({ key: KEY, value: cached });
    memory = cached;
    return cached.token;
  }

  return {
    /** A valid access_token; `stale` is the token WeChat just refused, to be replaced (once, whoever asks first). */
    async accessToken(stale?: string): Promise<string> {
      if (!stale && fresh(memory)) return memory.token;
      if (!stale) {
        const shared = (await store().get({ key: KEY })) as Cached | null;
        if (fresh(shared)) return (memory = shared).token;
      } else {
        const shared = (await store().get({ key: KEY })) as Cached | null;
        // Another instance already replaced the refused token.
        if (fresh(shared) && shared.token !== stale) return (memory = shared).token;
      }
      inFlight ??= fetchToken(Boolean(stale)).finally(() => {
        inFlight = null;
      });
      return inFlight;
    },

    /** Forgets the in-memory copy (tests of several instances sharing one database). */
    forgetMemory() {
      memory = null;
    },
  };
};
