import { z } from 'zod';

/** POST /api/auth/wechat: the code wx.login gave the mini program (valid 5 minutes, once). */
export const wechatLoginSchema = z
  .object({
    code: z
      .string({ required_error: 'Send the code from wx.login: { "code": "…" }.', invalid_type_error: '"code" must be the text wx.login returned.' })
      .trim()
      .min(1, 'Send the code from wx.login: { "code": "…" }.')
      .max(256, '"code" is too long to be a wx.login code.'),
    /** Names this device's session (as users-permissions' logins take it): a second login from it replaces that session. */
    deviceId: z.string({ invalid_type_error: '"deviceId" must be text naming this device.' }).trim().min(1, '"deviceId" must not be empty: leave it out instead.').max(200, '"deviceId" is too long (200 characters at most).').optional(),
  })
  .strict();
