import type { Core } from '@strapi/strapi';
import { parseInput, requireMember } from '../../../utils/request';
import { confirmRedemptionSchema, redemptionRequestSchema } from '../../../validation/redemptions';

const redemptions = (strapi: Core.Strapi) => strapi.service('api::redemption.redemption') as any;

/** Merchants' tokens bought back by the board's treasury, as the current member (the merchant's staff). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async request(ctx: any) {
    const member = requireMember(ctx);
    const input = parseInput(redemptionRequestSchema, ctx.request.body ?? {});
    ctx.body = { data: await redemptions(strapi).request(ctx.params.documentId, member.id, input.amount) };
  },

  async confirm(ctx: any) {
    const member = requireMember(ctx);
    const input = parseInput(confirmRedemptionSchema, ctx.request.body ?? {});
    ctx.body = { data: await redemptions(strapi).confirm(ctx.params.documentId, member.id, input.txId) };
  },

  async list(ctx: any) {
    const member = requireMember(ctx);
    ctx.body = { data: await redemptions(strapi).listForMerchant(ctx.params.documentId, member.id) };
  },
});
