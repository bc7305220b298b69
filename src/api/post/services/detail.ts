import type { Core } from '@strapi/strapi';
import { chainStatuses, likeInfo } from '../../../utils/hive-smt-hooks';
import { renderMarkdownToSafeHtml } from '../../../utils/markdown';
import { memberCards } from '../../../people/cards';
import type { DetailRelated } from '../../feed/services/feed';
import { KIND_OBJECT_FIELDS, kindView } from '../../../posts/kinds';

const POST = 'api::post.post';
const COMMENT = 'api::comment.comment';

/** Rendered bodies by document and version: a post is read far more often than it changes. */
const rendered = new Map<string, string>();
const MAX_RENDERED = 500;

function renderOnce(documentId: string, updatedAt: unknown, body: string): string {
  const key = `${documentId}\u0000${String(updatedAt)}\u0000${body.length}`;
  let html = rendered.get(key);
  if (html === undefined) {
    html = renderMarkdownToSafeHtml(body);
    if (rendered.size >= MAX_RENDERED) rendered.delete(rendered.keys().next().value as string);
    rendered.set(key, html);
  }
  return html;
}

/** Visible comments and replies of a post (comments link to both of its rows: each counted once). */
export async function visibleCommentCount(strapi: Core.Strapi, documentId: string): Promise<number> {
  return strapi.db.query(COMMENT).count({ where: { post: { documentId }, $or: [{ hidden: false }, { hidden: { $null: true } }] } });
}

/**
 * What a post page needs beside the post itself, whatever the reader
 * populated: `bodyHtml` (when the body was asked for), `chain`, the author as
 * readers see them, the board, the cover with its formats, likes (and
 * `likedByMe` for a member) and the visible comment count. Returns the rows
 * shown beside the post (the author, board and cover), for the detail cache.
 */
export async function withDetailFields(strapi: Core.Strapi, post: Record<string, any> | null | undefined, memberId?: number): Promise<DetailRelated> {
  if (!post?.documentId) return {};
  if (typeof post.body === 'string') post.bodyHtml = renderOnce(post.documentId, post.updatedAt, post.body);
  // The kind and its own object only (the other kinds' columns are empty); news for posts written before kinds.
  if ('kind' in post || 'title' in post) {
    const view = kindView(post);
    for (const field of KIND_OBJECT_FIELDS) delete post[field];
    Object.assign(post, view);
  }
  const row: any = await strapi.db.query(POST).findOne({
    where: { id: post.id },
    select: ['id'],
    populate: { author: { select: ['id'] }, board: { select: ['id', 'slug', 'name'] }, cover: { select: ['id', 'url', 'formats', 'width', 'height', 'alternativeText'] } },
  });
  const [chain, likes, comments, cards] = await Promise.all([
    chainStatuses(strapi, [post.documentId]),
    likeInfo(strapi, [post.documentId], memberId),
    visibleCommentCount(strapi, post.documentId),
    memberCards(strapi, row?.author ? [row.author.id] : []),
  ]);
  post.chain = chain.get(post.documentId) ?? null;
  const card = row?.author ? cards.get(row.author.id) : undefined;
  post.author = card ? { displayName: card.displayName, avatarUrl: card.avatarUrl, hiveAccount: card.hiveAccount } : null;
  post.board = row?.board ? { slug: row.board.slug, name: row.board.name } : null;
  post.cover = row?.cover
    ? {
        url: row.cover.url,
        width: row.cover.width ?? null,
        height: row.cover.height ?? null,
        alternativeText: row.cover.alternativeText ?? null,
        formats: Object.fromEntries(Object.entries<any>(row.cover.formats ?? {}).map(([name, f]) => [name, { url: f.url, width: f.width, height: f.height }])),
      }
    : null;
  const like = likes.get(post.documentId) ?? { count: 0, likedByMe: false };
  post.likeCount = like.count;
  if (memberId !== undefined) post.likedByMe = like.likedByMe;
  post.commentCount = comments;
  // An event's replies: counts for everyone, the reader's own reply, and for its organiser who replied.
  if (post.kind === 'event' && post.event && typeof post.event === 'object') {
    Object.assign(post.event, await (strapi.service('api::event.event') as any).detailOf(post.documentId, row?.author?.id ?? null, memberId));
  }
  const ids = (value: unknown) => (value != null && Number.isInteger(Number(value)) ? [Number(value)] : []);
  return { userIds: ids(row?.author?.id), boardIds: ids(row?.board?.id), fileIds: ids(row?.cover?.id) };
}
