import type { Core } from '@strapi/strapi';

const POST = 'api::post.post';

/**
 * A post an editor publishes by any way — the Curation page's Approve, or
 * Publish in the Content Manager — leaves the "Waiting for review" list, and
 * its author hears it was approved.
 */
export function registerPostModeration(strapi: Core.Strapi): void {
  strapi.documents.use(async (context: any, next: () => Promise<any>) => {
    const result = await next();
    if (context.uid === POST && context.action === 'publish' && context.params?.documentId) {
      await (strapi.service('api::moderation-case.moderation') as any)?.resolved('post', context.params.documentId);
    }
    return result;
  });
}
