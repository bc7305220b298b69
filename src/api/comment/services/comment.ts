import { factories } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { startOf, type CheckGate } from '../../../moderation/decide';

const UID = 'api::comment.comment';

/** Replies nest at most this deep; Hive's own soft limit is far higher, readers' screens are not. */
export const MAX_THREAD_DEPTH = 8;

export default factories.createCoreService(UID, ({ strapi }) => ({
  /** Creates a member's comment or reply on a published post, checking the thread. */
  async createForMember(member: { id?: number; documentId: string }, input: { post: string; body: string; parent?: string }) {
    const post: any = await strapi.documents('api::post.post').findOne({ documentId: input.post, status: 'published', fields: ['documentId'], populate: { board: { fields: ['documentId', 'commentModeration', 'contentCheckFailure'] } } as any });
    if (!post) {
      throw new errors.ValidationError(`Unknown post "${input.post}": comments go on published posts.`, {
        errors: [{ path: ['post'], message: 'Unknown or unpublished post', name: 'ValidationError' }],
      });
    }
    if (input.parent) {
      await this.assertReplyable(input.parent, input.post);
    }
    const checks = strapi.service('api::wechat.content-check') as any;
    const gate: CheckGate = member.id != null && checks ? await checks.gate(member.id, 'comment', { content: input.body }) : 'skipped';
    const board = post.board ?? {};
    const boardReviews = board.commentModeration === 'review';
    const start = startOf({ boardReviews, gate, failClosed: board.contentCheckFailure === 'closed' });
    const created = await strapi.documents(UID).create({
      data: {
        body: input.body,
        post: input.post,
        author: member.documentId,
        parent: input.parent ?? null,
        source: 'quanzi',
        // Held for an editor (or a check), or hidden as risky: the board's comment moderation applies on top (src/moderation/comments.ts).
        ...(start.visible ? {} : { hidden: true, reviewState: start.moderation === 'hidden' ? 'rejected' : 'pending' }),
      } as any,
      populate: { author: { fields: ['username'] }, parent: { fields: ['documentId'] } } as any,
    });
    if (member.id != null && checks) await checks.record(gate, start, { type: 'comment', documentId: created.documentId, authorId: member.id, board, boardReviews });
    return Object.assign(created, { moderation: start.moderation });
  },

  /** A reply's parent must be a visible comment on the same post, not too deep in its thread. */
  async assertReplyable(parentDocumentId: string, postDocumentId: string) {
    let depth = 0;
    let cursor: any = await strapi.documents(UID).findOne({
      documentId: parentDocumentId,
      populate: { post: { fields: ['documentId'] }, parent: { fields: ['documentId'] } } as any,
    });
    const reject = (message: string) => {
      throw new errors.ValidationError(message, { errors: [{ path: ['parent'], message, name: 'ValidationError' }] });
    };
    if (!cursor || cursor.hidden) reject('The comment you reply to does not exist or was hidden.');
    if (cursor.post?.documentId !== postDocumentId) reject('A reply must be on the same post as the comment it answers.');
    while (cursor?.parent) {
      depth += 1;
      if (depth >= MAX_THREAD_DEPTH) reject(`Threads are at most ${MAX_THREAD_DEPTH} replies deep.`);
      cursor = await strapi.documents(UID).findOne({ documentId: cursor.parent.documentId, populate: { parent: { fields: ['documentId'] } } as any });
    }
  },
}));
