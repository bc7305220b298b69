import type { Core } from '@strapi/strapi';
import { UID, q } from '../core/db';
import type { HostModel } from '../host/model';
import type { JobQueue } from '../jobs/queue';
import type { DocumentHook } from '../core/document-hooks';
import { MIRROR_PUBLISH, MIRROR_REMOVE, postSubject } from './jobs';

type Intent = 'publish' | 'remove' | null;

/**
 * What a Document Service action means for the post's copy on Hive. Publishing
 * happens through `publish` and also through create/update with
 * status 'published', which never call `publish`.
 */
export function mirrorIntent(action: string, params: { status?: string } | undefined): Intent {
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
export function mirrorCaptureHook(strapi: Core.Strapi, types: HostModel, queue: JobQueue): DocumentHook {
  return {
    name: 'write the chain job of a publish, edit, unpublish or delete',
    async run(call, next) {
      const intent = mirrorIntent(call.action, call.params);
      if (!intent) return next();
      return strapi.db.transaction(async () => {
        const knownId = call.params.documentId;
        // A draft that was never published has nothing on Hive: deleting it needs no job.
        const wasPublished =
          intent === 'remove' && knownId
            ? !!(await types.rows('post').findOne({ where: { documentId: knownId, publishedAt: { $notNull: true } }, select: ['id'] }))
            : false;
        const result = (await next()) as { documentId?: string; entries?: Array<{ documentId?: string }> } | null;
        const documentId = knownId ?? result?.documentId ?? result?.entries?.[0]?.documentId;
        if (!documentId) return result;
        if (intent === 'publish') {
          await queue.enqueue(MIRROR_PUBLISH, postSubject(documentId), { documentId });
        } else if (wasPublished || (await hasMirror(strapi, documentId))) {
          await queue.enqueue(MIRROR_REMOVE, postSubject(documentId), { documentId });
        }
        return result;
      });
    },
  };
}

async function hasMirror(strapi: Core.Strapi, documentId: string) {
  return !!(await q(strapi, UID.mirror).findOne({ where: { postDocumentId: documentId }, select: ['id'] }));
}
