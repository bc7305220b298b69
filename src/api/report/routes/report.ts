import { factories } from '@strapi/strapi';
import { rateLimited } from '../../../middlewares/rate-limit';
import { documented } from '../../../openapi/registry';
import { reportSchema } from '../../../openapi/schemas';
import { reportCreateSchema } from '../../../validation/report';
import { z } from 'zod';

/** Only the create route is open to members; reading reports is for editors in the admin panel. */
export default factories.createCoreRouter('api::report.report' as any, {
  only: ['create'],
  config: {
    create: {
      middlewares: [rateLimited('writes', 'reports')],
      openapi: documented({
        summary: 'Report a post or a comment',
        description:
          'One open report per member and post or comment: reporting the same thing again answers 200 with the open report and meta.alreadyReported=true, and stores nothing new.',
        tags: ['Report'],
        access: 'member',
        body: z.object({ data: reportCreateSchema }),
        responses: {
          200: { description: 'The report (new, or the open one this member already made).', schema: reportSchema },
          400: { description: 'Nothing or both of post/comment, an unknown target, a reason outside the list, details over 1,000 characters.' },
          403: { description: 'Not logged in.' },
          429: { description: 'Too many reports in a short time: see Retry-After.' },
        },
      }),
    } as any,
  },
});
