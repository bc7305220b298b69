/** Who passes WeChat's content checks: members who signed in with WeChat (default), everyone, or nobody. */
export type CheckAudience = 'wechat' | 'everyone' | 'off';

export interface WechatSettings {
  base: string;
  appId?: string;
  appSecret?: string;
  timeoutMs: number;
  audience: CheckAudience;
  /** The openid content of members without one is checked under (audience `everyone`): an editor's, say. */
  fallbackOpenid?: string;
  /** The token configured for WeChat's message push (the signature check of pushed events). */
  pushToken?: string;
  retryMs: number;
  templates: Partial<Record<'reply' | 'mention' | 'like' | 'reward' | 'moderation', string>>;
  /** Where WeChat fetches pictures for mediaCheckAsync: the server's public address. */
  publicUrl?: string;
}

const positive = (value: string | undefined, fallback: number) => (Number(value) > 0 ? Number(value) : fallback);

export function wechatSettings(env: NodeJS.ProcessEnv = process.env): WechatSettings {
  const audience = (env.WECHAT_CONTENT_CHECK ?? 'wechat') as CheckAudience;
  return {
    base: (env.WECHAT_API_BASE || 'https://api.weixin.qq.com').replace(/\/+$/, ''),
    appId: env.WECHAT_APP_ID || undefined,
    appSecret: env.WECHAT_APP_SECRET || undefined,
    timeoutMs: positive(env.WECHAT_TIMEOUT_MS, 5000),
    audience: ['wechat', 'everyone', 'off'].includes(audience) ? audience : 'wechat',
    fallbackOpenid: env.WECHAT_CHECK_OPENID || undefined,
    pushToken: env.WECHAT_PUSH_TOKEN || undefined,
    retryMs: positive(env.WECHAT_CHECK_RETRY_MS, 30000),
    templates: {
      reply: env.WECHAT_TEMPLATE_REPLY || undefined,
      mention: env.WECHAT_TEMPLATE_MENTION || undefined,
      like: env.WECHAT_TEMPLATE_LIKE || undefined,
      reward: env.WECHAT_TEMPLATE_REWARD || undefined,
      moderation: env.WECHAT_TEMPLATE_MODERATION || undefined,
    },
    publicUrl: env.PUBLIC_URL || undefined,
  };
}

export const wechatConfigured = (s: WechatSettings) => Boolean(s.appId && s.appSecret);
