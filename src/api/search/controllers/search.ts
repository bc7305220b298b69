import type { Core } from '@strapi/strapi';
import { parseInput } from '../../../utils/request';
import { searchQuerySchema } from '../../../validation/search';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: any) {
    const query = parseInput(searchQuerySchema, ctx.query);
    ctx.body = await strapi.service('api::search.search').search(query);
  },
});
