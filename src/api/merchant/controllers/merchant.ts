import type { Core } from '@strapi/strapi';

const merchants = (strapi: Core.Strapi) => strapi.service('api::merchant.merchant') as any;

/** Merchants over REST: the public list of a board's (managed by admins in the Content Manager). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async listForBoard(ctx: any) {
    ctx.body = { data: await merchants(strapi).listForBoard(String(ctx.params.slug)) };
  },
});
