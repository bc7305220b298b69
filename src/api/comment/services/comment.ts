import { factories } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { FAST_INSERT, type FastInsertPlan } from './fast-insert';

const UID = 'api::comment.comment';

/** Replies nest at most this deep; Hive's own soft limit is far higher, readers' screens are not. */
export const MAX_THREAD_DEPTH = 8;

export default factories.createCoreService(UID, ({ strapi }) => ({
  /**
   * Creates a member's comment or reply on a published post, checking the
   * thread. Through the Document Service (its middlewares run: mutes, the
   * rewards ledger), written at its innermost layer with the rows already
   * looked up here (fast-insert.ts).
   */
  async createForMember(member: { id: number; documentId: string; username?: string }, input: { post: string; body: string; parent?: string }) {
    const postTable = strapi.db.metadata.get('api::post.post' as any).tableName;
    const rows: Array<{ id: number; published_at: unknown }> = await strapi.db.connection(postTable).where({ document_id: input.post }).select('id', 'published_at');
    if (!rows.some((row) => row.published_at != null)) {
      throw new errors.ValidationError(`Unknown post "${input.post}": comments go on published posts.`, {
        errors: [{ path: ['post'], message: 'Unknown or unpublished post', name: 'ValidationError' }],
      });
    }
    const parent = input.parent ? await this.assertReplyable(input.parent, input.post) : null;
    const plan: FastInsertPlan = {
      post: { documentId: input.post, rowIds: rows.map((row) => Number(row.id)) },
      author: { id: member.id, documentId: member.documentId, username: member.username },
      parent: parent ? { id: Number(parent.id), documentId: parent.documentId } : null,
    };
    return strapi.documents(UID).create({
      data: {
        body: input.body,
        post: input.post,
        author: member.documentId,
        parent: input.parent ?? null,
        source: 'quanzi',
      } as any,
      populate: { author: { fields: ['username'] }, parent: { fields: ['documentId'] } } as any,
      [FAST_INSERT]: plan,
    } as any);
  },

  /** A reply's parent must be a visible comment on the same post, not too deep in its thread; returns the parent. */
  async assertReplyable(parentDocumentId: string, postDocumentId: string): Promise<{ id: number; documentId: string }> {
    let depth = 0;
    let cursor: any = await strapi.documents(UID).findOne({
      documentId: parentDocumentId,
      populate: { post: { fields: ['documentId'] }, parent: { fields: ['documentId'] } } as any,
    });
    const parent = cursor;
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
    return parent;
  },
}));
