import { documented } from '../../../openapi/registry';
import { checkinCodeSchema, checkinResponseSchema, rsvpCancelSchema, rsvpResponseSchema } from '../../../openapi/schemas';
import { rateLimited } from '../../../middlewares/rate-limit';
import { checkinSchema } from '../../../validation/events';
import { CHECKIN_CODE_TTL_SECONDS } from '../../../events/checkin-code';

const writes = [rateLimited('writes', 'events')];
const params = { documentId: 'The event post.' };
const NOT_FOUND = { description: 'No published post with this id.' };
const NOT_AN_EVENT = { description: 'The post is not an event.' };

/** Events (users-permissions actions api::event.event.*, granted to members and editors). */
export default {
  routes: [
    {
      method: 'POST',
      path: '/posts/:documentId/rsvp',
      handler: 'event.rsvp',
      config: {
        middlewares: writes,
        openapi: documented({
          summary: 'Reply "going" to an event',
          description:
            'Going while seats are left (no capacity: always), else on the waiting list with its position. Replying again answers your current reply. Closed once the event starts or after its rsvpDeadline.',
          tags: ['Events'],
          access: 'member',
          params,
          responses: {
            200: { description: 'Your reply.', schema: rsvpResponseSchema },
            400: NOT_AN_EVENT,
            403: { description: 'Not logged in.' },
            404: NOT_FOUND,
            409: { description: 'Replies are closed: the event started, or its rsvpDeadline passed.' },
            429: { description: 'Too many writes in a short time: see Retry-After.' },
          },
        }),
      },
    },
    {
      method: 'DELETE',
      path: '/posts/:documentId/rsvp',
      handler: 'event.cancelRsvp',
      config: {
        middlewares: writes,
        openapi: documented({
          summary: 'Cancel your reply',
          description: 'A seat freed goes to the first member on the waiting list, who is notified.',
          tags: ['Events'],
          access: 'member',
          params,
          responses: {
            200: { description: 'Cancelled.', schema: rsvpCancelSchema },
            400: NOT_AN_EVENT,
            403: { description: 'Not logged in.' },
            404: { description: 'No published post with this id, or you had not replied.' },
            429: { description: 'Too many writes in a short time: see Retry-After.' },
          },
        }),
      },
    },
    {
      method: 'GET',
      path: '/posts/:documentId/checkin-code',
      handler: 'event.checkinCode',
      config: {
        openapi: documented({
          summary: "The organiser's check-in code, for the QR code shown at the event",
          description: `A code signed by the server, valid for ${CHECKIN_CODE_TTL_SECONDS / 60} minutes: ask for a new one when it expires.`,
          tags: ['Events'],
          access: 'member',
          params,
          responses: {
            200: { description: 'The code and the QR payload.', schema: checkinCodeSchema },
            400: NOT_AN_EVENT,
            403: { description: "Not logged in, or not the event's organiser." },
            404: NOT_FOUND,
          },
        }),
      },
    },
    {
      method: 'POST',
      path: '/posts/:documentId/checkin',
      handler: 'event.checkin',
      config: {
        middlewares: writes,
        openapi: documented({
          summary: 'Check in at an event with the scanned code',
          description: "Send `{ code }` from the organiser's QR code. Recorded once per member; a repeat answers first: false.",
          tags: ['Events'],
          access: 'member',
          params,
          body: checkinSchema,
          responses: {
            200: { description: 'Checked in.', schema: checkinResponseSchema },
            400: { description: 'Not a check-in code of this event, or the post is not an event.' },
            403: { description: 'Not logged in, or the organiser (who hosts and does not check in).' },
            404: NOT_FOUND,
            410: { description: 'The code expired: scan a fresh one.' },
            429: { description: 'Too many writes in a short time: see Retry-After.' },
          },
        }),
      },
    },
  ],
};
