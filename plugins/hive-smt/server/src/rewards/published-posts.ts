/**
 * Published posts as rewards see them (author, board, board economics), and
 * what a like answers: read by engagement capture, the like writer and the
 * post cache alike.
 */
import type { Core } from '@strapi/strapi';
import { ms } from '../core/db';
import type { BoardRow, PostRow } from '../host/rows';
import type { HostModel } from '../host/model';
import type { EventNote } from './rows';

export interface LikeResult {
  documentId: string;
  liked: boolean;
  /** True when the member's vote on the post is now a downvote. */
  downvoted: boolean;
  /** False when the request changed nothing (already liked / not liked). */
  changed: boolean;
  likeCount: number;
  /** The member's vote power before this like (0..10000), when a like was recorded on a board with a token. */
  votePower: number | null;
  /** What the like counts for at settlement. */
  weight: number;
  note: EventNote;
}

export interface PostForRewards {
  documentId: string;
  createdAt: number;
  tags: string[];
  authorId: number | null;
  board: { documentId: string; slug: string; name: string; active: boolean; tokenSymbol: string | null; economics: BoardRow['economics'] } | null;
}

/** Published posts with what rewards need (board economics, author), in one go. */
export async function loadPublishedPosts(strapi: Core.Strapi, types: HostModel, documentIds: string[]): Promise<Map<string, PostForRewards>> {
  const out = new Map<string, PostForRewards>();
  if (documentIds.length === 0) return out;
  const posts = await types.rows<PostRow>('post').findMany({
    where: { documentId: { $in: [...new Set(documentIds)] }, publishedAt: { $notNull: true } },
    select: ['documentId', 'createdAt', 'tags'],
    populate: { author: { select: ['id'] }, board: { populate: { economics: true } } },
  });
  for (const post of posts) {
    out.set(post.documentId, {
      documentId: post.documentId,
      createdAt: ms(post.createdAt),
      tags: Array.isArray(post.tags) ? post.tags.map(String) : [],
      authorId: post.author?.id ?? null,
      board: post.board
        ? {
            documentId: post.board.documentId,
            slug: post.board.slug,
            name: post.board.name,
            active: post.board.active !== false,
            tokenSymbol: post.board.tokenSymbol ?? null,
            economics: post.board.economics ?? null,
          }
        : null,
    });
  }
  return out;
}

/** A published post with what rewards need (board economics, author), or null. */
export async function loadPublishedPost(strapi: Core.Strapi, types: HostModel, documentId: string): Promise<PostForRewards | null> {
  return (await loadPublishedPosts(strapi, types, [documentId])).get(documentId) ?? null;
}
