import { documented } from '../../../openapi/registry';
import { markReadResponseSchema, notificationPageSchema } from '../../../openapi/community-schemas';
import { markReadSchema, notificationsQuerySchema } from '../../../validation/notifications';

/** The member's notifications (users-permissions actions api::notification.notification.*, granted to members and editors). */
export default {
  routes: [
    {
      method: 'GET',
      path: '/me/notifications',
      handler: 'notification.list',
      config: {
        openapi: documented({
          summary: 'My notifications',
          description:
            'Replies to the member\'s posts and comments, @mentions, likes on their posts (grouped per post until read), rewards paid, editors\' decisions; newest first. ' +
            'Cursor pagination: pass `meta.nextCursor` as `cursor`; null on the last page.',
          tags: ['Me'],
          access: 'member',
          query: notificationsQuerySchema,
          responses: { 200: { description: 'One page.', schema: notificationPageSchema }, 400: { description: 'A bad cursor or limit.' }, 403: { description: 'Not logged in.' } },
        }),
      },
    },
    {
      method: 'POST',
      path: '/me/notifications/read',
      handler: 'notification.read',
      config: {
        openapi: documented({
          summary: 'Mark notifications read',
          description: '`{ ids: [..] }` (the member\'s own; others are ignored) or `{ all: true }`.',
          tags: ['Me'],
          access: 'member',
          body: markReadSchema,
          responses: { 200: { description: 'How many were marked, how many are still unread.', schema: markReadResponseSchema }, 400: { description: 'Neither ids nor all, or both.' }, 403: { description: 'Not logged in.' } },
        }),
      },
    },
  ],
};
