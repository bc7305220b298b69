import type { Core } from '@strapi/strapi';
import { parseInput, requireMember } from '../../../utils/request';
import { markReadSchema, notificationsQuerySchema } from '../../../validation/notifications';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: any) {
    const member = requireMember(ctx);
    const query = parseInput(notificationsQuerySchema, ctx.query);
    ctx.body = await strapi.service('api::notification.notification').list(member.id, query);
  },

  async read(ctx: any) {
    const member = requireMember(ctx);
    const input = parseInput(markReadSchema, ctx.request.body ?? {});
    const service = strapi.service('api::notification.notification') as any;
    const marked = await service.markRead(member.id, input);
    ctx.body = { data: { marked, unread: await service.unreadCount(member.id) }, meta: {} };
  },
});
