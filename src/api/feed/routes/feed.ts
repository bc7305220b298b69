import { documented } from '../../../openapi/registry';
import { feedPageSchema } from '../../../openapi/schemas';
import { boardFeedQuerySchema, featuredQuerySchema } from '../../../validation/feed';

const CURSORS =
  'Cursor pagination: pass `meta.nextCursor` as `cursor` for the next page; `null` means the last page. ' +
  'Cursors hold the last item\'s sort values, so new posts never shift later pages and a cursor still works after its post was deleted. No total count is computed.';

/**
 * Public lists (auth: false skips users-permissions' per-request permission
 * lookup; a member token is read by the controller to add `likedByMe`).
 */
export default {
  routes: [
    {
      method: 'GET',
      path: '/feed',
      handler: 'feed.find',
      config: {
        auth: false,
        openapi: documented({
          summary: "A board's feed",
          description: `Published posts of an active board, newest first; with featuredFirst=true the posts editors feature right now come first, by featuredRank; with kind= only posts of that kind. Each item carries its kind and the kind's object. ${CURSORS}`,
          tags: ['Feed'],
          access: 'optional',
          query: boardFeedQuerySchema,
          responses: {
            200: { description: 'One page of the feed.', schema: feedPageSchema },
            400: { description: 'A bad limit, cursor or kind, or a missing board.' },
            401: { description: 'The Authorization header holds an invalid or expired token.' },
            404: { description: 'No active board with this slug.' },
          },
        }),
      },
    },
    {
      method: 'GET',
      path: '/featured',
      handler: 'feed.featured',
      config: {
        auth: false,
        openapi: documented({
          summary: 'The featured list across boards',
          description: `Posts editors feature (featured=true and featuredUntil unset or ahead) on active boards, by featuredRank ascending (unranked last), then newest. ${CURSORS}`,
          tags: ['Feed'],
          access: 'optional',
          query: featuredQuerySchema,
          responses: {
            200: { description: 'One page of the featured list.', schema: feedPageSchema },
            400: { description: 'A bad limit or cursor.' },
            401: { description: 'The Authorization header holds an invalid or expired token.' },
          },
        }),
      },
    },
  ],
};
