import { factories } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { bodyData, forbidden, isEditor, parseInput, requireMember } from '../../../utils/request';
import { commentCreateSchema, commentModerationSchema, commentUpdateSchema } from '../../../validation/post';

const UID = 'api::comment.comment';

/** Visible comments: not hidden by an editor. */
function visibleFilters(filters: unknown): any {
  const visible = { hidden: { $eq: false } };
  if (!filters || (typeof filters === 'object' && Object.keys(filters as object).length === 0)) return visible;
  return { $and: [filters, visible] };
}

/**
 * Comments over REST: readers see visible comments; members comment on
 * published posts, reply in threads, and edit or delete their own; editors hide.
 */
export default factories.createCoreController(UID, ({ strapi }) => ({
  async find(ctx) {
    ctx.query = { ...ctx.query, filters: visibleFilters(ctx.query.filters) };
    return super.find(ctx);
  },

  async findOne(ctx) {
    const visible = await strapi.documents(UID).findFirst({ filters: visibleFilters({ documentId: ctx.params.id }), fields: ['documentId'] });
    if (!visible) throw new errors.NotFoundError('No visible comment with this id.');
    return super.findOne(ctx);
  },

  async create(ctx) {
    const member = requireMember(ctx);
    const input = parseInput(commentCreateSchema, bodyData(ctx));
    const comment = await strapi.service(UID).createForMember(member, input);
    return this.transformResponse(await this.sanitizeOutput(comment, ctx));
  },

  async update(ctx) {
    const member = requireMember(ctx);
    const existing = await strapi.documents(UID).findOne({ documentId: ctx.params.id, populate: { author: { fields: ['id'] } } as any });
    if (!existing) throw new errors.NotFoundError('No comment with this id.');
    const data = bodyData(ctx) as Record<string, unknown>;
    const ownsComment = (existing as any).author?.id === member.id;

    let change: Record<string, unknown>;
    if (ownsComment && data && typeof data === 'object' && 'body' in data) {
      change = parseInput(commentUpdateSchema, data);
    } else if (isEditor(ctx)) {
      change = parseInput(commentModerationSchema, data);
    } else {
      throw forbidden('You can only edit your own comments.');
    }
    const updated = await strapi.documents(UID).update({ documentId: ctx.params.id, data: change as any });
    return this.transformResponse(await this.sanitizeOutput(updated, ctx));
  },

  async delete(ctx) {
    const member = requireMember(ctx);
    const existing = await strapi.documents(UID).findOne({ documentId: ctx.params.id, populate: { author: { fields: ['id'] } } as any });
    if (!existing) throw new errors.NotFoundError('No comment with this id.');
    if ((existing as any).author?.id !== member.id) throw forbidden('You can only delete your own comments.');
    await strapi.documents(UID).delete({ documentId: ctx.params.id });
    ctx.status = 204;
    ctx.body = null;
  },
}));
