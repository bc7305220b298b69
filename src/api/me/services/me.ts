import type { Core } from '@strapi/strapi';
import { listExcerpt } from '../../feed/lib/excerpt';

const POST = 'api::post.post';

/**
 * A member's own things. Posts: every post they wrote, drafts included, with
 * its status as the Content Manager shows it (draft / published / modified);
 * posts of a closed board are gone with the board, for their author too.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async postsOf(memberId: number, { page, pageSize }: { page: number; pageSize: number }) {
    const filters = { author: { id: { $eq: memberId } }, board: { active: { $eq: true } } } as any;
    // Every document has a draft version: listing drafts lists every post once.
    const [drafts, total] = await Promise.all([
      strapi.documents(POST).findMany({
        status: 'draft',
        filters,
        sort: ['updatedAt:desc', 'documentId:desc'] as any,
        start: (page - 1) * pageSize,
        limit: pageSize,
        fields: ['documentId', 'title', 'slug', 'excerpt', 'body', 'createdAt', 'updatedAt'] as any,
        populate: { board: { fields: ['slug', 'name'] } } as any,
      }),
      strapi.documents(POST).count({ status: 'draft', filters }),
    ]);
    const ids = drafts.map((d: any) => d.documentId);
    const published = ids.length
      ? await strapi.documents(POST).findMany({ status: 'published', filters: { documentId: { $in: ids } } as any, fields: ['documentId', 'publishedAt', 'updatedAt'] as any })
      : [];
    const live = new Map(published.map((p: any) => [p.documentId, p]));

    const data = drafts.map((draft: any) => {
      const version: any = live.get(draft.documentId);
      const status = !version ? 'draft' : new Date(draft.updatedAt).getTime() > new Date(version.updatedAt).getTime() ? 'modified' : 'published';
      return {
        documentId: draft.documentId,
        title: draft.title,
        slug: draft.slug ?? null,
        excerpt: listExcerpt(draft.excerpt, draft.body?.slice(0, 600)),
        board: draft.board ? { slug: draft.board.slug, name: draft.board.name } : null,
        status,
        publishedAt: version?.publishedAt ?? null,
        createdAt: draft.createdAt,
        updatedAt: draft.updatedAt,
      };
    });
    return { data, meta: { pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } } };
  },
});
