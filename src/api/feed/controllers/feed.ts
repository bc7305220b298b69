import type { Core } from '@strapi/strapi';
import { optionalMemberId, sendJson } from '../../../utils/auth';
import { parseInput } from '../../../utils/request';
import { boardFeedQuerySchema, featuredQuerySchema } from '../../../validation/feed';

/** Public lists; a member token adds the member's own like state. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: any) {
    const query = parseInput(boardFeedQuerySchema, ctx.query);
    const memberId = await optionalMemberId(strapi, ctx);
    sendJson(ctx, await strapi.service('api::feed.feed').boardFeed({ ...query, featuredFirst: query.featuredFirst === 'true', memberId }));
  },

  async featured(ctx: any) {
    const query = parseInput(featuredQuerySchema, ctx.query);
    const memberId = await optionalMemberId(strapi, ctx);
    sendJson(ctx, await strapi.service('api::feed.feed').featured({ ...query, memberId }));
  },
});
