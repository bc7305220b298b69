import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { bodyData, parseInput, requireMember } from '../../../utils/request';
import { profileUpdateSchema } from '../../../validation/profile';

export const myPostsQuerySchema = z.object({
  page: z.coerce.number({ invalid_type_error: '"page" is a whole number from 1.' }).int('"page" is a whole number from 1.').min(1, '"page" is a whole number from 1.').default(1),
  pageSize: z.coerce
    .number({ invalid_type_error: '"pageSize" is a whole number from 1 to 100.' })
    .int('"pageSize" is a whole number from 1 to 100.')
    .min(1, '"pageSize" is a whole number from 1 to 100.')
    .max(100, '"pageSize" is at most 100.')
    .default(20),
});

const oneFile = (files: unknown) => {
  const list = Array.isArray(files) ? files : files ? [files] : [];
  const message = 'Send one picture as multipart/form-data in the field "files".';
  if (list.length !== 1) throw new errors.ValidationError(list.length ? 'Send one picture at a time.' : message, { errors: [{ path: ['files'], message, name: 'ValidationError' }] });
  return list[0];
};

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async posts(ctx: any) {
    const member = requireMember(ctx);
    const query = parseInput(myPostsQuerySchema, ctx.query);
    ctx.body = await strapi.service('api::me.me').postsOf(member.id, query);
  },

  async profile(ctx: any) {
    const member = requireMember(ctx);
    ctx.body = { data: await strapi.service('api::me.profile').read(member.id), meta: {} };
  },

  async updateProfile(ctx: any) {
    const member = requireMember(ctx);
    const change = parseInput(profileUpdateSchema, bodyData(ctx));
    ctx.body = { data: await strapi.service('api::me.profile').update(member, change), meta: {} };
  },

  async upload(ctx: any) {
    const member = requireMember(ctx);
    const file = oneFile(ctx.request.files?.files);
    try {
      ctx.body = { data: await strapi.service('api::me.uploads').uploadPicture(member.id, file), meta: {} };
    } catch (error) {
      if (error instanceof errors.RateLimitError) ctx.set('Retry-After', String((error as any).details?.retryAfter ?? 3600));
      throw error;
    }
  },
});
