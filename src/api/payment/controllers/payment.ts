import type { Core } from '@strapi/strapi';
import { parseInput, requireMember } from '../../../utils/request';
import { confirmPaymentSchema, payCodeSchema, paymentRequestSchema, refundPaymentSchema, statementQuerySchema } from '../../../validation/payments';

const payments = (strapi: Core.Strapi) => strapi.service('api::payment.payment') as any;

/** Paying merchants in the board's token, as the current member (staff or payer). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async createRequest(ctx: any) {
    const member = requireMember(ctx);
    const input = parseInput(paymentRequestSchema, ctx.request.body ?? {});
    ctx.body = { data: await payments(strapi).createRequest(ctx.params.documentId, member.id, input.amount) };
  },

  async pay(ctx: any) {
    const member = requireMember(ctx);
    const input = parseInput(payCodeSchema, ctx.request.body ?? {});
    ctx.body = { data: await payments(strapi).pay(input.code, member.id) };
  },

  async findOne(ctx: any) {
    const member = requireMember(ctx);
    ctx.body = { data: await payments(strapi).find(ctx.params.documentId, member.id) };
  },

  async confirm(ctx: any) {
    const member = requireMember(ctx);
    const input = parseInput(confirmPaymentSchema, ctx.request.body ?? {});
    ctx.body = { data: await payments(strapi).confirm(ctx.params.documentId, member.id, input.txId) };
  },

  async refund(ctx: any) {
    const member = requireMember(ctx);
    const input = parseInput(refundPaymentSchema, ctx.request.body ?? {});
    ctx.body = { data: await payments(strapi).refund(ctx.params.documentId, member.id, input.txId) };
  },

  async statement(ctx: any) {
    const member = requireMember(ctx);
    const input = parseInput(statementQuerySchema, ctx.query ?? {});
    ctx.body = { data: await payments(strapi).statement(ctx.params.documentId, member.id, input.day) };
  },
});
