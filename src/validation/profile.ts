import { z } from 'zod';

export const DISPLAY_NAME_MAX = 40;
export const BIO_MAX = 280;

/** What a member may change on their profile; each field optional, at least one sent. */
export const profileUpdateSchema = z
  .object({
    displayName: z
      .string({ invalid_type_error: 'The name must be text.' })
      .trim()
      .min(1, 'The name cannot be empty.')
      .max(DISPLAY_NAME_MAX, `The name is at most ${DISPLAY_NAME_MAX} characters.`)
      // eslint-disable-next-line no-control-regex -- control characters are exactly what a name may not hold
      .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), { message: 'The name cannot hold control characters.' })
      .optional(),
    bio: z.string({ invalid_type_error: 'The bio must be text.' }).trim().max(BIO_MAX, `The bio is at most ${BIO_MAX} characters.`).optional(),
    avatar: z
      .union([z.number({ invalid_type_error: '"avatar" is the id of a picture you uploaded (POST /api/me/uploads), or null.' }).int().positive(), z.null()])
      .optional(),
    notifications: z
      .object({ wechat: z.boolean({ invalid_type_error: '"notifications.wechat" must be true or false.' }) })
      .strict()
      .optional()
      .describe('wechat: true once the member accepted the subscribe-message prompt (wx.requestSubscribeMessage); notifications then also go out as WeChat subscribe messages.'),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'Send at least one of displayName, bio, avatar, notifications.' });
