import { z } from 'zod';
import { documented } from '../../../openapi/registry';
import { commentThreadPageSchema, postedCommentSchema } from '../../../openapi/community-schemas';
import { rateLimited } from '../../../middlewares/rate-limit';
import { postCommentSchema, threadQuerySchema } from '../../../validation/comments';

/** A post's comments as threads (reading is public: auth false; writing: users-permissions action api::comment.thread.create). */
export default {
  routes: [
    {
      method: 'GET',
      path: '/posts/:documentId/comments',
      handler: 'thread.list',
      config: {
        auth: false,
        openapi: documented({
          summary: "A post's comments, threaded",
          description:
            'Top-level comments newest (default) or oldest first, each with its visible replies nested (oldest first) to the thread depth limit. Hidden comments and comments waiting for an editor are left out, with their replies. ' +
            'Cursor pagination over top-level comments: pass `meta.nextCursor` as `cursor`.',
          tags: ['Comments'],
          access: 'public',
          params: { documentId: 'The post.' },
          query: threadQuerySchema,
          responses: {
            200: { description: 'One page of threads.', schema: commentThreadPageSchema },
            400: { description: 'A bad cursor, limit or order.' },
            404: { description: 'No published post with this id.' },
          },
        }),
      },
    },
    {
      method: 'POST',
      path: '/posts/:documentId/comments',
      handler: 'thread.create',
      config: {
        middlewares: [rateLimited('writes', 'comments')],
        openapi: documented({
          summary: 'Comment on a post, or reply',
          description:
            'Send `{ data: { body, parent? } }`; `parent` is the documentId of the comment answered. On a board whose comments wait for review the comment is kept for an editor (`meta.moderation: awaiting-editor`).',
          tags: ['Comments'],
          access: 'member',
          params: { documentId: 'The post.' },
          // Strapi's { data } wrapper, as the controller reads it (bodyData).
          body: z.object({ data: postCommentSchema }),
          responses: {
            200: { description: 'The comment.', schema: postedCommentSchema },
            400: { description: 'An empty or too long body, or a parent that is not a visible comment of this post.' },
            403: { description: 'Not logged in, or muted by an editor.' },
            404: { description: 'No published post with this id.' },
          },
        }),
      },
    },
  ],
};
