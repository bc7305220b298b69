import type { Core } from '@strapi/strapi';
import type { JobQueue } from '../jobs/queue';
import { MIRROR_PUBLISH, MIRROR_REMOVE, postSubject } from './publisher';

const POST_UID = 'api::post.post';

type Intent = 'publish' | 'remove' | null;

/**
 * What a Document Service action means for the post's copy on Hive. Publishing
 * happens through `publish` and also through create/update with
 * status 'published', which never call `publish`.
 */
export function mirrorIntent(action: string, params: any): Intent {
  switch (action) {
    case 'publish':
      return 'publish';
    case 'create':
    case 'update':
      return params?.status === 'published' ? 'publish' : null;
    case 'unpublish':
    case 'delete':
      return 'remove';
    default:
      return null;
  }
}

/**
 * Writes the chain job in the same database transaction as the change, so a
 * committed publish always has its job and a rolled-back one never does.
 */
export function registerMirrorCapture(strapi: Core.Strapi, queue: () => JobQueue) {
  strapi.documents.use(async (ctx, next) => {
    if (ctx.uid !== POST_UID) return next();
    const intent = mirrorIntent(ctx.action, ctx.params);
    if (!intent) return next();

    return strapi.db.transaction(async () => {
      const knownId: string | undefined = (ctx.params as any)?.documentId;
      // A draft that was never published has nothing on Hive: deleting it needs no job.
      const wasPublished =
        intent === 'remove' && knownId
          ? !!(await strapi.db.query(POST_UID as any).findOne({ where: { documentId: knownId, publishedAt: { $notNull: true } }, select: ['id'] }))
          : false;
      const result: any = await next();
      const documentId = knownId ?? result?.documentId ?? result?.entries?.[0]?.documentId;
      if (!documentId) return result;
      if (intent === 'publish') {
        await queue().enqueue(MIRROR_PUBLISH, postSubject(documentId), { documentId });
      } else if (wasPublished || (await hasMirror(strapi, documentId))) {
        await queue().enqueue(MIRROR_REMOVE, postSubject(documentId), { documentId });
      }
      return result;
    });
  });
}

async function hasMirror(strapi: Core.Strapi, documentId: string) {
  return !!(await strapi.db.query('plugin::hive-smt.mirror' as any).findOne({ where: { postDocumentId: documentId }, select: ['id'] }));
}
