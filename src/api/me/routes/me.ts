import { documented } from '../../../openapi/registry';
import { myPostsPageSchema } from '../../../openapi/schemas';
import { myPostsQuerySchema } from '../controllers/me';

/** The member's own things (users-permissions action api::me.me.posts, granted to members and editors). */
export default {
  routes: [
    {
      method: 'GET',
      path: '/me/posts',
      handler: 'me.posts',
      config: {
        openapi: documented({
          summary: 'My posts, drafts included',
          description: 'Every post the member wrote, most recently changed first, with its status. Paged with page/pageSize (with a total).',
          tags: ['Me'],
          access: 'member',
          query: myPostsQuerySchema,
          responses: {
            200: { description: 'One page of the member\'s posts.', schema: myPostsPageSchema },
            400: { description: 'A bad page or pageSize.' },
            403: { description: 'Not logged in.' },
          },
        }),
      },
    },
  ],
};
