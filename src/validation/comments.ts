import { z } from 'zod';
import { pageCursor, pageLimit } from './paging';
import { commentCreateSchema } from './post';

export const threadQuerySchema = z
  .object({
    cursor: pageCursor(),
    limit: pageLimit,
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
