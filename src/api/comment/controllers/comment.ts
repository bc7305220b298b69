import { factories } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { bodyData, forbidden, isEditor, parseInput, requireMember } from '../../../utils/request';
import { moderated } from '../../../utils/hive-smt-hooks';
import { commentCreateSchema, commentModerationSchema, commentUpdateSchema } from '../../../validation/post';

const UID = 'api::comment.comment';

/**
 * Comments over REST: members comment on published posts, reply in threads,
 * and edit or delete their own; editors hide. What readers see (visible
 * comments on visible posts) is the read rule's (src/read-rule).
 */
export default factories.createCoreController(UID, ({ strapi }) => ({
  async findOne(ctx) {
    const response = await super.findOne(ctx);
    if (!response?.data) throw new errors.NotFoundError('No visible comment with this id.');
    return response;
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
    let moderating = false;
    if (ownsComment && data && typeof data === 'object' && 'body' in data) {
      change = parseInput(commentUpdateSchema, data);
    } else if (isEditor(ctx)) {
      change = parseInput(commentModerationSchema, data);
      moderating = true;
    } else {
      throw forbidden('You can only edit your own comments.');
    }
    const write = () => strapi.documents(UID).update({ documentId: ctx.params.id, data: change as any });
    // An editor's moderation is written to the moderation log with it.
    const updated = moderating ? await moderated(strapi, member, { action: 'comment.moderate', subject: { type: 'comment', documentId: ctx.params.id } }, write) : await write();
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
