import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { parseInput, requireMember } from '../../../utils/request';

export const myPostsQuerySchema = z.object({
  page: z.coerce.number({ invalid_type_error: '"page" is a whole number from 1.' }).int('"page" is a whole number from 1.').min(1, '"page" is a whole number from 1.').default(1),
  pageSize: z.coerce
    .number({ invalid_type_error: '"pageSize" is a whole number from 1 to 100.' })
    .int('"pageSize" is a whole number from 1 to 100.')
    .min(1, '"pageSize" is a whole number from 1 to 100.')
    .max(100, '"pageSize" is at most 100.')
    .default(20),
});

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async posts(ctx: any) {
    const member = requireMember(ctx);
    const query = parseInput(myPostsQuerySchema, ctx.query);
    ctx.body = await strapi.service('api::me.me').postsOf(member.id, query);
  },
});
