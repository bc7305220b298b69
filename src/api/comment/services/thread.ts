import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { decodeCursor, encodeCursor } from '../../feed/lib/cursor';
import { memberCards } from '../../../people/cards';
import { renderMarkdownToSafeHtml } from '../../../utils/markdown';
import { buildThreads, type CommentRow, type ThreadNode } from '../../../comments/tree';
import { MAX_THREAD_DEPTH } from './comment';

const COMMENT = 'api::comment.comment';
const POST = 'api::post.post';

export type ThreadOrder = 'newest' | 'oldest';

const visible = { $or: [{ hidden: false }, { hidden: { $null: true } }] };

function toRow(comment: any): CommentRow {
  return {
    id: comment.id,
    documentId: comment.documentId,
    body: comment.body ?? '',
    createdAt: comment.createdAt,
    parentId: comment.parent?.id ?? null,
    authorId: comment.author?.id ?? null,
    hiveAuthor: comment.hiveAuthor ?? null,
    source: comment.source ?? null,
  };
}

const SELECT = ['id', 'documentId', 'body', 'createdAt', 'hiveAuthor', 'source'];
const POPULATE = { author: { select: ['id'] }, parent: { select: ['id'] } };

/**
 * A post's comments as threads: top-level comments newest or oldest first,
 * cursor-paged, each with its visible replies to the thread depth limit (read
 * a level at a time). Bodies — members' and those imported from Hive alike —
 * go through the one markdown sanitizer.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The post, if a reader may see it (published, on an active board); else a 404. */
  async visiblePost(documentId: string) {
    const post: any = await strapi.db.query(POST).findOne({
      where: { documentId, publishedAt: { $notNull: true }, board: { active: true } },
      select: ['id', 'documentId', 'title'],
      populate: { board: { select: ['documentId', 'commentModeration'] }, author: { select: ['id'] } },
    });
    if (!post) throw new errors.NotFoundError('No published post with this id.');
    return post;
  },

  async threads(documentId: string, { cursor, limit, order }: { cursor?: string; limit: number; order: ThreadOrder }) {
    await this.visiblePost(documentId);
    const list = `comments:${order}`;
    const direction = order === 'newest' ? 'desc' : 'asc';
    const where: any = { $and: [{ post: { documentId } }, { parent: { id: { $null: true } } }, visible] };
    if (cursor) {
      const [at, id] = decodeCursor(cursor, list, ['d', 'n']) as number[];
      const op = order === 'newest' ? '$lt' : '$gt';
      where.$and.push({ $or: [{ createdAt: { [op]: new Date(at) } }, { createdAt: new Date(at), id: { [op]: id } }] });
    }
    const roots: any[] = await strapi.db.query(COMMENT).findMany({ where, select: SELECT, populate: POPULATE, orderBy: [{ createdAt: direction }, { id: direction }], limit: limit + 1 });
    const page = roots.slice(0, limit).map(toRow);
    const replies: CommentRow[] = [];
    let level = page.map((row) => row.id);
    for (let depth = 1; depth <= MAX_THREAD_DEPTH && level.length > 0; depth += 1) {
      const found: any[] = await strapi.db.query(COMMENT).findMany({ where: { $and: [{ parent: { id: { $in: level } } }, visible] }, select: SELECT, populate: POPULATE });
      const rows = found.map(toRow);
      replies.push(...rows);
      level = rows.map((row) => row.id);
    }
    const last = page[page.length - 1];
    const nextCursor = roots.length > limit && last ? encodeCursor(list, [new Date(last.createdAt).getTime(), last.id]) : null;
    const data = await this.render(buildThreads(page, replies));
    return { data, meta: { nextCursor, limit, order } };
  },

  /** The thread view of comments (and their replies), with authors as readers see them. */
  async render(nodes: Array<ThreadNode<never>>): Promise<any[]> {
    const ids: number[] = [];
    const collect = (list: Array<ThreadNode<never>>) => list.forEach((n) => (n.row.authorId != null && ids.push(n.row.authorId), collect(n.replies)));
    collect(nodes);
    const cards = await memberCards(strapi, ids);
    const shape = (node: ThreadNode<never>): any => {
      const card = node.row.authorId != null ? cards.get(node.row.authorId) : undefined;
      const author = card
        ? { displayName: card.displayName, avatarUrl: card.avatarUrl }
        : node.row.hiveAuthor
          ? { displayName: `@${node.row.hiveAuthor}`, avatarUrl: null }
          : null;
      return {
        documentId: node.row.documentId,
        author,
        source: node.row.source ?? 'quanzi',
        bodyHtml: renderMarkdownToSafeHtml(node.row.body),
        createdAt: new Date(node.row.createdAt).toISOString(),
        replies: node.replies.map(shape),
      };
    };
    return nodes.map(shape);
  },

  /** One comment in the thread shape (what POST answers), replies left out. */
  async one(documentId: string) {
    const comment: any = await strapi.db.query(COMMENT).findOne({ where: { documentId }, select: SELECT, populate: POPULATE });
    const [node] = await this.render([{ row: toRow(comment), replies: [] }]);
    return node;
  },
});
