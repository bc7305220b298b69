import { z } from 'zod';

export const notificationsQuerySchema = z
  .object({
    cursor: z.string().max(200, 'This cursor is not valid: pass on the "meta.nextCursor" you received.').optional(),
    limit: z.coerce
      .number({ invalid_type_error: '"limit" is a whole number from 1 to 50.' })
      .int('"limit" is a whole number from 1 to 50.')
      .min(1, '"limit" is a whole number from 1 to 50.')
      .max(50, '"limit" is at most 50.')
      .default(20),
  })
  .strict();

/** { ids: [1, 2] } or { all: true }: which notifications to mark read. */
export const markReadSchema = z
  .object({
    ids: z.array(z.number({ invalid_type_error: 'Notification ids are whole numbers.' }).int().positive(), { invalid_type_error: '"ids" is a list of notification ids.' }).min(1, 'Name at least one notification, or send { "all": true }.').max(100, 'At most 100 ids at once: send { "all": true } to mark everything read.').optional(),
    all: z.literal(true, { errorMap: () => ({ message: '"all" can only be true.' }) }).optional(),
  })
  .strict()
  .refine((v) => (v.ids ? 1 : 0) + (v.all ? 1 : 0) === 1, { message: 'Send either { "ids": [...] } or { "all": true }.' });
