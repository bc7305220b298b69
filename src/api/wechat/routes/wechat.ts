import { rateLimited } from '../../../middlewares/rate-limit';
import { documented } from '../../../openapi/registry';
import { authResponseSchema } from '../../../openapi/schemas';
import { wechatLoginSchema } from '../../../validation/auth';

/** Mini-program login beside users-permissions' /api/auth/local (public, like it). */
export default {
  routes: [
    {
      method: 'POST',
      path: '/auth/wechat',
      handler: 'wechat.login',
      config: {
        auth: false,
        middlewares: [rateLimited('logins', 'auth-wechat')],
        openapi: documented({
          summary: 'Log in with WeChat (mini program)',
          description:
            'Send the code from wx.login. The server exchanges it with WeChat (code2Session) for the member\'s openid, signs the member up on first login, and answers { jwt, user } like POST /api/auth/local. The openid and WeChat\'s session_key are never returned.',
          tags: ['Auth'],
          access: 'public',
          body: wechatLoginSchema,
          responses: {
            200: { description: 'Logged in.', schema: authResponseSchema },
            400: { description: 'No code, or WeChat says the code is invalid or expired (errcode 40029/40163): call wx.login again.' },
            403: { description: 'The account is blocked, or sign-up is closed and this WeChat user has no account.' },
            429: { description: 'Too many logins from this address, or WeChat rate-limits the mini program (errcode 45011): see Retry-After.' },
            502: { description: "WeChat's login service is unreachable, timed out or answered unexpectedly." },
            503: { description: 'WeChat login is not configured (WECHAT_APP_ID / WECHAT_APP_SECRET).' },
          },
        }),
      },
    },
  ],
};
