import type { Core } from '@strapi/strapi';
import type { HiveChain } from '../chain/hive-chain';
import type { CommentRow } from '../host/rows';
import type { HostModel } from '../host/model';
import type { MirrorRecords } from './records';

/** Replies are imported for posts confirmed within this window (Hive pays out after 7 days; conversation mostly ends there). */
export const IMPORT_WINDOW_MS = 8 * 24 * 3600 * 1000;
const MAX_DEPTH = 8;
/** The longest comment body kept (the comment type's limit). */
const MAX_BODY = 5000;

interface ImportContext {
  strapi: Core.Strapi;
  types: HostModel;
  chain: HiveChain;
  postDocumentId: string;
}

/**
 * Brings replies written on Hive (PeakD, Ecency, any frontend) into the app as
 * comments: idempotent on author/permlink, threaded like on chain, marked as
 * coming from Hive, and subject to the same moderation (hidden flag).
 */
export async function importChainReplies(
  strapi: Core.Strapi,
  types: HostModel,
  chain: HiveChain,
  records: MirrorRecords,
  options: { limit?: number; now?: number } = {},
) {
  const since = (options.now ?? Date.now()) - IMPORT_WINDOW_MS;
  const mirrors = await records.findMany({ state: 'confirmed', confirmedAt: { $gte: since } }, options.limit ?? 200, { confirmedAt: 'desc' });
  let imported = 0;
  for (const mirror of mirrors) {
    if (!mirror.author || !mirror.permlink) continue;
    // A post deleted or unpublished in the app whose removal has not reached Hive yet has nowhere to put replies.
    if (!(await isPublished(strapi, types, mirror.postDocumentId))) continue;
    imported += await importThread({ strapi, types, chain, postDocumentId: mirror.postDocumentId }, mirror.author, mirror.permlink, null, 0);
  }
  return imported;
}

async function isPublished(strapi: Core.Strapi, types: HostModel, postDocumentId: string): Promise<boolean> {
  return !!(await types.rows('post').findOne({ where: { documentId: postDocumentId, publishedAt: { $notNull: true } }, select: ['id'] }));
}

async function importThread(
  context: ImportContext,
  parentAuthor: string,
  parentPermlink: string,
  parentCommentDocumentId: string | null,
  depth: number,
): Promise<number> {
  if (depth >= MAX_DEPTH) return 0;
  const { strapi, types, chain, postDocumentId } = context;
  const comments = strapi.documents(types.comment as Parameters<typeof strapi.documents>[0]);
  const replies = await chain.getReplies(parentAuthor, parentPermlink);
  let imported = 0;
  for (const reply of replies) {
    const body = String(reply.body ?? '').slice(0, MAX_BODY);
    let comment = await types.rows<Pick<CommentRow, 'documentId' | 'body'>>('comment').findOne({
      where: { hiveAuthor: reply.author, hivePermlink: reply.permlink },
      select: ['documentId', 'body'],
    });
    if (!comment) {
      const params = types.toAppParams('comment', {
        data: {
          body: body || '(empty reply)',
          post: postDocumentId,
          parent: parentCommentDocumentId,
          source: 'hive',
          hiveAuthor: reply.author,
          hivePermlink: reply.permlink,
          hidden: false,
        },
      });
      comment = types.fromApp<Pick<CommentRow, 'documentId' | 'body'>>('comment', await comments.create(params as Parameters<typeof comments.create>[0]));
      imported += 1;
    } else if (comment.body !== body && reply.body) {
      // Edited on Hive: follow the edit, keep the moderation decision.
      await comments.update(types.toAppParams('comment', { documentId: comment.documentId, data: { body } }) as Parameters<typeof comments.update>[0]);
    }
    if (Number(reply.children) > 0) {
      imported += await importThread(context, reply.author, reply.permlink, comment.documentId, depth + 1);
    }
  }
  return imported;
}
