import type { Core } from '@strapi/strapi';
import { bodyData, parseInput, requireMember } from '../../../utils/request';
import { postCommentSchema, threadQuerySchema } from '../../../validation/comments';

/** GET/POST /api/posts/:documentId/comments: a post's threads, and writing into them. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: any) {
    const query = parseInput(threadQuerySchema, ctx.query);
    ctx.body = await strapi.service('api::comment.thread').threads(ctx.params.documentId, query);
  },

  async create(ctx: any) {
    const member = requireMember(ctx);
    const input = parseInput(postCommentSchema, bodyData(ctx));
    const thread = strapi.service('api::comment.thread') as any;
    await thread.visiblePost(ctx.params.documentId);
    const created: any = await strapi.service('api::comment.comment').createForMember(member, { ...input, post: ctx.params.documentId });
    const moderation = created.hidden === true ? (created.moderation !== 'published' ? created.moderation : 'awaiting-editor') : 'published';
    ctx.body = { data: await thread.one(created.documentId), meta: { moderation } };
  },
});
