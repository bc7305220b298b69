import type { Core } from '@strapi/strapi';
import type { HiveChain } from '../chain/hive-chain';
import type { MirrorRecords } from './records';

const COMMENT_UID = 'api::comment.comment';
const POST_UID = 'api::post.post';
/** Replies are imported for posts confirmed within this window (Hive pays out after 7 days; conversation mostly ends there). */
export const IMPORT_WINDOW_MS = 8 * 24 * 3600 * 1000;
const MAX_DEPTH = 8;

/**
 * Brings replies written on Hive (PeakD, Ecency, any frontend) into Quanzi as
 * comments: idempotent on author/permlink, threaded like on chain, marked as
 * coming from Hive, and subject to the same moderation (hidden flag).
 */
export async function importChainReplies(strapi: Core.Strapi, chain: HiveChain, records: MirrorRecords, appAccount: string, options: { limit?: number; now?: number } = {}) {
  const since = (options.now ?? Date.now()) - IMPORT_WINDOW_MS;
  const mirrors = await records.findMany({ state: 'confirmed', confirmedAt: { $gte: since } }, options.limit ?? 200, { confirmedAt: 'desc' });
  let imported = 0;
  for (const mirror of mirrors) {
    if (!mirror.author || !mirror.permlink) continue;
    // A post deleted or unpublished in Quanzi whose removal has not reached Hive yet has nowhere to put replies.
    if (!(await isPublished(strapi, mirror.postDocumentId))) continue;
    imported += await importThread(strapi, chain, mirror.postDocumentId, mirror.author, mirror.permlink, null, appAccount, 0);
  }
  return imported;
}

async function isPublished(strapi: Core.Strapi, postDocumentId: string): Promise<boolean> {
  return !!(await strapi.db.query(POST_UID as any).findOne({ where: { documentId: postDocumentId, publishedAt: { $notNull: true } }, select: ['id'] }));
}

async function importThread(
  strapi: Core.Strapi,
  chain: HiveChain,
  postDocumentId: string,
  parentAuthor: string,
  parentPermlink: string,
  parentCommentDocumentId: string | null,
  appAccount: string,
  depth: number,
): Promise<number> {
  if (depth >= MAX_DEPTH) return 0;
  const replies = await chain.getReplies(parentAuthor, parentPermlink);
  let imported = 0;
  for (const reply of replies) {
    let comment = await strapi.db.query(COMMENT_UID as any).findOne({ where: { hiveAuthor: reply.author, hivePermlink: reply.permlink }, select: ['documentId', 'body'] });
    if (!comment) {
      comment = await strapi.documents(COMMENT_UID as any).create({
        data: {
          body: String(reply.body ?? '').slice(0, 5000) || '(empty reply)',
          post: postDocumentId,
          parent: parentCommentDocumentId,
          source: 'hive',
          hiveAuthor: reply.author,
          hivePermlink: reply.permlink,
          hidden: false,
        } as any,
      });
      imported += 1;
    } else if (comment.body !== String(reply.body ?? '').slice(0, 5000) && reply.body) {
      // Edited on Hive: follow the edit, keep the moderation decision.
      await strapi.documents(COMMENT_UID as any).update({ documentId: comment.documentId, data: { body: String(reply.body).slice(0, 5000) } as any });
    }
    if (Number(reply.children) > 0) {
      imported += await importThread(strapi, chain, postDocumentId, reply.author, reply.permlink, comment.documentId, appAccount, depth + 1);
    }
  }
  void appAccount;
  return imported;
}
