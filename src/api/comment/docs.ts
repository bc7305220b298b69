import { z } from 'zod';
import { documented } from '../../openapi/registry';
import { commentCreateSchema, commentModerationSchema, commentUpdateSchema } from '../../validation/post';

/** OpenAPI for the comment write routes, from the validators members' input goes through. */
export const commentDocs = {
  create: documented({
    summary: 'Comment on a published post, or reply to a comment',
    tags: ['Comment'],
    access: 'member',
    body: z.object({ data: commentCreateSchema }),
    responses: {
      400: { description: 'Invalid input: unknown post, empty body, a parent on another post or too deep.' },
      403: { description: 'Not logged in.' },
      429: { description: 'Too many writes in a short time: see Retry-After.' },
    },
  }),
  update: documented({
    summary: 'Edit your comment, or (editors) hide any comment',
    tags: ['Comment'],
    access: 'member',
    params: { id: 'The comment documentId.' },
    body: z.object({ data: z.union([commentUpdateSchema, commentModerationSchema]) }),
    responses: {
      400: { description: 'Invalid input.' },
      403: { description: 'Not your comment (and not an editor), or not logged in.' },
      404: { description: 'No comment with this id.' },
      429: { description: 'Too many writes in a short time: see Retry-After.' },
    },
  }),
  delete: documented({
    summary: 'Delete your comment',
    tags: ['Comment'],
    access: 'member',
    params: { id: 'The comment documentId.' },
    responses: {
      204: { description: 'Deleted.' },
      403: { description: 'Not your comment, or not logged in.' },
      404: { description: 'No comment with this id.' },
      429: { description: 'Too many writes in a short time: see Retry-After.' },
    },
  }),
};
