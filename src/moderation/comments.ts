import type { Core } from '@strapi/strapi';
import { announceComment } from '../notifications/comment-notices';

const COMMENT = 'api::comment.comment';
const POST = 'api::post.post';

/** The board's comment moderation for a post: `review` keeps new comments for an editor. */
async function commentModerationOf(strapi: Core.Strapi, postRef: unknown): Promise<string | null> {
  const documentId = typeof postRef === 'string' ? postRef : (postRef as any)?.documentId ?? (postRef as any)?.connect?.[0]?.documentId;
  if (typeof documentId !== 'string') return null;
  const post: any = await strapi.db.query(POST).findOne({ where: { documentId }, select: ['id'], populate: { board: { select: ['commentModeration'] } } });
  return post?.board?.commentModeration ?? null;
}

/**
 * Every new comment — a member's, or a reply imported from Hive — follows its
 * board's comment moderation: on a `review` board it is created hidden and
 * pending, for an editor's "Waiting for review" list. A comment readers can see
 * is announced (replies, mentions) once it is written.
 */
export function registerCommentModeration(strapi: Core.Strapi): void {
  // On SQLite the comment and its notices commit together: one commit (one disk sync) per comment instead of two.
  // On PostgreSQL a failed statement aborts the whole transaction, so the notices keep their own, after the comment's.
  const together = () => strapi.db.dialect.client === 'sqlite';
  strapi.documents.use(async (context: any, next: () => Promise<any>) => {
    if (context.uid !== COMMENT || context.action !== 'create') return next();
    const create = async () => {
      const data = context.params?.data;
      if (data && data.hidden !== true && data.reviewState == null && (await commentModerationOf(strapi, data.post)) === 'review') {
        data.hidden = true;
        data.reviewState = 'pending';
      }
      const created = await next();
      if (created?.documentId && data?.reviewState === 'pending' && data?.source === 'hive') {
        // A reply imported from Hive waits on the editors' list like a member's comment would.
        const post: any = await strapi.db.query(POST).findOne({ where: { documentId: typeof data.post === 'string' ? data.post : data.post?.documentId }, select: ['id'], populate: { board: { select: ['documentId'] } } });
        await (strapi.service('api::moderation-case.moderation') as any).hold({ targetType: 'comment', targetDocumentId: created.documentId, boardDocumentId: post?.board?.documentId ?? null, authorId: null }, 'board-review');
      }
      return created;
    };
    const announce = async (created: any) => {
      if (!created?.documentId || created.hidden === true) return;
      try {
        await announceComment(strapi, created.documentId);
      } catch (error) {
        strapi.log.warn(`Comment ${created.documentId}: notifications not written (${(error as Error).message})`);
      }
    };
    if (together()) {
      return strapi.db.transaction(async () => {
        const created = await create();
        await announce(created);
        return created;
      });
    }
    const created = await create();
    await announce(created);
    return created;
  });
}
