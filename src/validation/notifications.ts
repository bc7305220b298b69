import { z } from 'zod';
import { pageCursor, pageLimit } from './paging';

export const notificationsQuerySchema = z
  .object({
    cursor: pageCursor(),
    limit: pageLimit,
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
