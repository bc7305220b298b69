import { z } from 'zod';
import { commentCreateSchema } from './post';

export const threadQuerySchema = z
  .object({
    cursor: z.string().max(200, 'This cursor is not valid: pass on the "meta.nextCursor" you received.').optional(),
    limit: z.coerce
      .number({ invalid_type_error: '"limit" is a whole number from 1 to 50.' })
      .int('"limit" is a whole number from 1 to 50.')
      .min(1, '"limit" is a whole number from 1 to 50.')
      .max(50, '"limit" is at most 50.')
      .default(20),
    order: z.enum(['newest', 'oldest'], { errorMap: () => ({ message: '"order" is newest or oldest.' }) }).default('newest'),
  })
  .strict();

/** A comment on the post named in the path: its body, and the comment it answers. */
export const postCommentSchema = z
  .object({
    body: commentCreateSchema.shape.body,
    parent: z.string({ invalid_type_error: '"parent" is the documentId of the comment you answer.' }).min(1).max(64).optional(),
  })
  .strict();
