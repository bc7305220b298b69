import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { announceComment } from '../../../notifications/comment-notices';
import { markdownToPlainText, truncateAtWord } from '../../feed/lib/excerpt';
import { memberCards } from '../../../people/cards';

const CASE = 'api::moderation-case.moderation-case';
const POST = 'api::post.post';
const COMMENT = 'api::comment.comment';
const BOARD = 'api::board.board';

export type CaseSource = 'board-review' | 'content-check' | 'awaiting-check';
export interface CaseTarget {
  targetType: 'post' | 'comment';
  targetDocumentId: string;
  boardDocumentId?: string | null;
  authorId?: number | null;
}

const notFound = () => new errors.NotFoundError('No post or comment is waiting for review under this id (an editor may have decided it already).');

/**
 * The moderation loop: what waits for an editor (posts on review boards,
 * comments on boards whose comments are reviewed, what WeChat's content check
 * sent for review) and the editor's decision — approve (the post is
 * published, the comment shown) or reject with a reason — told to the author.
 * What the check found risky is hidden at once, and the author told why.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const cases = () => strapi.db.query(CASE as any);
  const notify = (input: Record<string, unknown>) => (strapi.service('api::notification.notification') as any).notify(input);

  async function tell(target: CaseTarget, decision: 'approved' | 'rejected' | 'hidden', reason: string | null) {
    if (target.authorId == null) return;
    await notify({
      recipientId: target.authorId,
      kind: 'moderation',
      postDocumentId: target.targetType === 'post' ? target.targetDocumentId : await postOfComment(target.targetDocumentId),
      commentDocumentId: target.targetType === 'comment' ? target.targetDocumentId : null,
      payload: { target: target.targetType, decision, ...(reason ? { reason } : {}) },
    });
  }

  async function postOfComment(documentId: string): Promise<string | null> {
    const row: any = await strapi.db.query(COMMENT).findOne({ where: { documentId }, select: ['id'], populate: { post: { select: ['documentId'] } } });
    return row?.post?.documentId ?? null;
  }

  return {
    /** Puts a target on the editors' list (once: a target already waiting keeps its first case). */
    async hold(target: CaseTarget, source: CaseSource, reason: string | null = null) {
      const open = await cases().findOne({ where: { targetType: target.targetType, targetDocumentId: target.targetDocumentId, state: 'pending' } });
      if (open) {
        if (source === 'content-check' && open.source !== 'content-check') await cases().update({ where: { id: open.id }, data: { source, reason } });
        return open;
      }
      return cases().create({ data: { ...target, state: 'pending', source, reason } });
    },

    /** Records that the content check hid a target, closing whatever case waited for it, and tells the author. */
    async hidden(target: CaseTarget, reason: string) {
      await cases().updateMany({ where: { targetType: target.targetType, targetDocumentId: target.targetDocumentId, state: 'pending' }, data: { state: 'hidden', reason, decidedAt: new Date() } });
      await cases().create({ data: { ...target, state: 'hidden', source: 'content-check', reason, decidedAt: new Date() } });
      await tell(target, 'hidden', reason);
    },

    /** The target stopped waiting without an editor's decision here (published in the Content Manager, its check passed): closes its case. */
    async resolved(targetType: 'post' | 'comment', targetDocumentId: string, decidedBy: number | null = null, notifyAuthor = true) {
      const open: any[] = await cases().findMany({ where: { targetType, targetDocumentId, state: 'pending' } });
      if (open.length === 0) return;
      await cases().updateMany({ where: { id: { $in: open.map((c) => c.id) } }, data: { state: 'approved', decidedBy, decidedAt: new Date() } });
      if (notifyAuthor && open[0].source !== 'awaiting-check') await tell(open[0], 'approved', null);
    },

    /** What waits for an editor, oldest first, with enough to decide: title or text, board, author, why. */
    async pending({ limit = 50, targetType }: { limit?: number; targetType?: 'post' | 'comment' } = {}) {
      const rows: any[] = await cases().findMany({ where: { state: 'pending', ...(targetType ? { targetType } : {}) }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], limit });
      const postIds = rows.filter((r) => r.targetType === 'post').map((r) => r.targetDocumentId);
      const commentIds = rows.filter((r) => r.targetType === 'comment').map((r) => r.targetDocumentId);
      const boardIds = [...new Set(rows.map((r) => r.boardDocumentId).filter(Boolean))];
      const [posts, comments, boards, cards] = await Promise.all([
        postIds.length ? (strapi.db.query(POST).findMany({ where: { documentId: { $in: postIds }, publishedAt: { $null: true } }, select: ['documentId', 'title', 'body'] }) as Promise<any[]>) : [],
        commentIds.length ? (strapi.db.query(COMMENT).findMany({ where: { documentId: { $in: commentIds } }, select: ['documentId', 'body', 'hiveAuthor'], populate: { post: { select: ['documentId', 'title'] } } }) as Promise<any[]>) : [],
        boardIds.length ? (strapi.db.query(BOARD).findMany({ where: { documentId: { $in: boardIds } }, select: ['documentId', 'name', 'slug'] }) as Promise<any[]>) : [],
        memberCards(strapi, rows.map((r) => r.authorId).filter((id) => id != null)),
      ]);
      const post = new Map(posts.map((p) => [p.documentId, p]));
      const comment = new Map(comments.map((c) => [c.documentId, c]));
      const board = new Map(boards.map((b) => [b.documentId, b]));
      return rows
        .map((row) => {
          const target = row.targetType === 'post' ? post.get(row.targetDocumentId) : comment.get(row.targetDocumentId);
          if (!target) return null;
          const b = board.get(row.boardDocumentId);
          return {
            id: row.id,
            targetType: row.targetType,
            documentId: row.targetDocumentId,
            title: row.targetType === 'post' ? target.title : target.post?.title ?? null,
            text: truncateAtWord(markdownToPlainText(target.body ?? ''), 280),
            board: b ? { slug: b.slug, name: b.name } : null,
            author: row.authorId != null ? cards.get(row.authorId)?.displayName ?? null : target.hiveAuthor ? `@${target.hiveAuthor}` : null,
            source: row.source,
            reason: row.reason ?? null,
            since: new Date(row.createdAt).toISOString(),
          };
        })
        .filter(Boolean);
    },

    async approve(caseId: number, editorId: number | null) {
      const row: any = await cases().findOne({ where: { id: caseId, state: 'pending' } });
      if (!row) throw notFound();
      await cases().update({ where: { id: row.id }, data: { state: 'approved', decidedBy: editorId, decidedAt: new Date() } });
      if (row.targetType === 'post') {
        await strapi.documents(POST).publish({ documentId: row.targetDocumentId });
      } else {
        await strapi.db.query(COMMENT).updateMany({ where: { documentId: row.targetDocumentId }, data: { hidden: false, reviewState: 'approved', reviewReason: null } });
        await announceComment(strapi, row.targetDocumentId);
      }
      await tell(row, 'approved', null);
      return { id: row.id, state: 'approved' };
    },

    async reject(caseId: number, editorId: number | null, reason: string) {
      const row: any = await cases().findOne({ where: { id: caseId, state: 'pending' } });
      if (!row) throw notFound();
      await cases().update({ where: { id: row.id }, data: { state: 'rejected', reason, decidedBy: editorId, decidedAt: new Date() } });
      if (row.targetType === 'comment') {
        await strapi.db.query(COMMENT).updateMany({ where: { documentId: row.targetDocumentId }, data: { hidden: true, reviewState: 'rejected', reviewReason: reason } });
      }
      await tell(row, 'rejected', reason);
      return { id: row.id, state: 'rejected' };
    },
  };
};
