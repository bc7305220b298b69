import type { Core } from '@strapi/strapi';
import { mentionedUsernames } from './mentions';

const COMMENT = 'api::comment.comment';
const USER = 'plugin::users-permissions.user';

/**
 * Tells people about a comment readers can now see: the author of the comment
 * it answers (or of the post, for a top-level comment) gets a `reply`, every
 * member it @mentions a `mention` (once: a reply that also mentions its
 * addressee is one notification).
 */
export async function announceComment(strapi: Core.Strapi, commentDocumentId: string): Promise<void> {
  const comment: any = await strapi.db.query(COMMENT).findOne({
    where: { documentId: commentDocumentId },
    select: ['documentId', 'body', 'hiveAuthor', 'hidden'],
    populate: { author: { select: ['id'] }, parent: { select: ['id'], populate: { author: { select: ['id'] } } }, post: { select: ['documentId'], populate: { author: { select: ['id'] } } } },
  });
  if (!comment || comment.hidden) return;
  const notifications = strapi.service('api::notification.notification') as any;
  const actorId = comment.author?.id ?? null;
  const postDocumentId = comment.post?.documentId ?? null;
  const payload = comment.hiveAuthor ? { hiveAuthor: comment.hiveAuthor } : {};
  const addressee = comment.parent ? comment.parent.author?.id : comment.post?.author?.id;
  const told = new Set<number>();
  if (addressee != null && addressee !== actorId) {
    await notifications.notify({ recipientId: addressee, kind: 'reply', actorId, postDocumentId, commentDocumentId, payload });
    told.add(addressee);
  }
  const names = mentionedUsernames(comment.body ?? '');
  if (names.length === 0) return;
  const users: any[] = await strapi.db.query(USER).findMany({ where: { $or: names.map((name) => ({ username: { $eqi: name } })) }, select: ['id'] });
  for (const user of users) {
    if (told.has(user.id) || user.id === actorId) continue;
    told.add(user.id);
    await notifications.notify({ recipientId: user.id, kind: 'mention', actorId, postDocumentId, commentDocumentId, payload });
  }
}
