import type { Core } from '@strapi/strapi';
import { parseInput, requireMember } from '../../../utils/request';
import { checkinSchema } from '../../../validation/events';

const events = (strapi: Core.Strapi) => strapi.service('api::event.event') as any;

/** Replies to events and check-ins, as the current member. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async rsvp(ctx: any) {
    const member = requireMember(ctx);
    ctx.body = { data: await events(strapi).rsvp(ctx.params.documentId, member.id) };
  },

  async cancelRsvp(ctx: any) {
    const member = requireMember(ctx);
    ctx.body = { data: await events(strapi).cancelRsvp(ctx.params.documentId, member.id) };
  },

  async checkinCode(ctx: any) {
    const member = requireMember(ctx);
    ctx.body = { data: await events(strapi).checkinCode(ctx.params.documentId, member.id) };
  },

  async checkin(ctx: any) {
    const member = requireMember(ctx);
    const input = parseInput(checkinSchema, ctx.request.body ?? {});
    ctx.body = { data: await events(strapi).checkin(ctx.params.documentId, member.id, input.code) };
  },
});
