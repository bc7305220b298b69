import { z } from 'zod';
import { documented } from '../../openapi/registry';
import { postDetailSchema } from '../../openapi/schemas';
import { editorCurationSchema, memberPostCreateSchema, memberPostUpdateSchema } from '../../validation/post';

/** OpenAPI for the post routes where Quanzi's rules differ from Strapi's generated description. */
export const postDocs = {
  findOne: documented({
    summary: 'A published post, with its body as sanitized HTML',
    description: 'Published posts of active boards only. Beside the markdown `body`: `bodyHtml` (safe to insert as HTML), `chain` (the post on Hive), and `kind` with its object (an event carries its going and waitlisted counts; its organiser also gets the list).',
    tags: ['Post'],
    access: 'public',
    params: { id: 'The post documentId.' },
    responses: {
      200: { description: 'The post.', schema: postDetailSchema },
      404: { description: 'No published post with this id (drafts and posts of inactive boards are not shown).' },
    },
  }),
  create: documented({
    summary: 'Write a post',
    description:
      'Published at once on a "direct" board; kept as a draft for an editor on a "review" board. For members whose content WeChat checks: kept for an editor when the check asks for review, hidden when it finds the text risky, and — when WeChat cannot be reached — published (fail-open board) or held until the check passes (fail-closed). meta.moderation says which: published, awaiting-editor, awaiting-check or hidden. `cover` and images in the body must be the member\'s own uploads (POST /api/me/uploads). Members never set featured, featuredRank or featuredUntil. `kind` (default news) is one the board allows, with its object under the kind\'s name: `sale` { price, currency: CNY or the board\'s token, condition, status }, `service` { category, price, unit, area }, `event` { startsAt, endsAt, place, capacity?, rsvpDeadline? }, `request` { budget?, currency? }. A bad field is a 400 naming it, and nothing is written.',
    tags: ['Post'],
    access: 'member',
    body: z.object({ data: memberPostCreateSchema }),
    responses: {
      400: { description: 'Invalid input: error.details.errors names each field.' },
      403: { description: 'Not logged in.' },
      413: { description: 'The request body is over 256 kB.' },
      429: { description: 'Too many writes in a short time: see Retry-After.' },
    },
  }),
  update: documented({
    summary: 'Edit your post, or (editors) curate any post',
    description: 'The author sends title/body/excerpt/tags/slug/cover and the object of the post\'s kind (or a new `kind` with its object); an editor sends featured/featuredRank/featuredUntil only.',
    tags: ['Post'],
    access: 'member',
    params: { id: 'The post documentId.' },
    body: z.object({ data: z.union([memberPostUpdateSchema, editorCurationSchema]) }),
    responses: {
      400: { description: 'Invalid input.' },
      403: { description: 'Not your post (and not an editor), or not logged in.' },
      404: { description: 'No post with this id.' },
      429: { description: 'Too many writes in a short time: see Retry-After.' },
    },
  }),
  delete: documented({
    summary: 'Delete your post',
    tags: ['Post'],
    access: 'member',
    params: { id: 'The post documentId.' },
    responses: {
      204: { description: 'Deleted.' },
      403: { description: 'Not your post, or not logged in.' },
      404: { description: 'No post with this id.' },
      429: { description: 'Too many writes in a short time: see Retry-After.' },
    },
  }),
};
