import { z } from 'zod';
import { documented } from '../../../openapi/registry';
import { myPostsPageSchema } from '../../../openapi/schemas';
import { profileSchema, uploadResponseSchema } from '../../../openapi/community-schemas';
import { rateLimited } from '../../../middlewares/rate-limit';
import { profileUpdateSchema } from '../../../validation/profile';
import { myPostsQuerySchema } from '../controllers/me';

const NOT_LOGGED_IN = { description: 'Not logged in.' };

/** The member's own things (users-permissions actions api::me.me.*, granted to members and editors). */
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
            403: NOT_LOGGED_IN,
          },
        }),
      },
    },
    {
      method: 'GET',
      path: '/me',
      handler: 'me.profile',
      config: {
        openapi: documented({
          summary: 'My profile',
          description: 'The member\'s name, picture, bio, linked Hive account and how many notifications are unread.',
          tags: ['Me'],
          access: 'member',
          responses: { 200: { description: 'The profile.', schema: profileSchema }, 403: NOT_LOGGED_IN },
        }),
      },
    },
    {
      method: 'PUT',
      path: '/me',
      handler: 'me.updateProfile',
      config: {
        middlewares: [rateLimited('writes', 'profile')],
        openapi: documented({
          summary: 'Change my profile',
          description:
            'Send `{ data: { displayName?, bio?, avatar?, notifications? } }`. `avatar` is the id of a picture the member uploaded (POST /api/me/uploads) or null. ' +
            'Members who signed in with WeChat choose their name and picture here (the mini program\'s chooseAvatar button and nickname input); their name and bio pass WeChat\'s content check.',
          tags: ['Me'],
          access: 'member',
          // Strapi's { data } wrapper, as the controller reads it (bodyData).
          body: z.object({ data: profileUpdateSchema }),
          responses: {
            200: { description: 'The profile after the change.', schema: profileSchema },
            400: { description: 'A field out of bounds, someone else\'s picture, or text WeChat\'s content check refused.' },
            403: NOT_LOGGED_IN,
          },
        }),
      },
    },
    {
      method: 'POST',
      path: '/me/uploads',
      handler: 'me.upload',
      config: {
        middlewares: [rateLimited('writes', 'uploads')],
        openapi: documented({
          summary: 'Upload a picture',
          description:
            'multipart/form-data with one file in the field `files`: JPEG, PNG, WebP or GIF (told by content), at most 5 MB. The picture is re-encoded without its metadata ' +
            '(EXIF: GPS position, camera, time) and gets thumbnail formats. A daily quota per member applies (UPLOADS_PER_MEMBER_PER_DAY). Only the uploader may use it as avatar, cover or in a post body.',
          tags: ['Me'],
          access: 'member',
          responses: {
            200: { description: 'The stored picture.', schema: uploadResponseSchema },
            400: { description: 'No file, more than one, not a picture, damaged, or over 5 MB.' },
            403: NOT_LOGGED_IN,
            429: { description: 'The daily quota is used up (Retry-After).' },
          },
        }),
      },
    },
  ],
};
