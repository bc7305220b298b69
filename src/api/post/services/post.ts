import { factories } from '@strapi/strapi';

const UID = 'api::post.post';

type CurationFields = { featured?: boolean; featuredRank?: number | null; featuredUntil?: string | null };

export default factories.createCoreService(UID, ({ strapi }) => ({
  /**
   * An editor's curation of a post over REST: the curation fields change on
   * the published version and the draft alike, and nothing else is published.
   * On a review board the draft may hold the author's edit an editor has not
   * reviewed: publishing it here (Strapi's update with status 'published'
   * copies the whole draft) would put it live without review.
   */
  async curate(documentId: string, fields: CurationFields) {
    const rows: any[] = await strapi.db.query(UID).findMany({ where: { documentId }, select: ['id', 'publishedAt', 'updatedAt'] });
    const published = rows.find((r) => r.publishedAt);
    const draft = rows.find((r) => !r.publishedAt);
    if (Object.keys(fields).length > 0 && rows.length > 0) {
      await strapi.db.transaction(async () => {
        // Through the Document Service when `featured` changes: the rewards ledger records featuring there (the draft only: no publish).
        if (typeof fields.featured === 'boolean') await strapi.documents(UID).update({ documentId, data: fields as any });
        // Then the same values on each row. "Modified" (a draft newer than the published version) is read from
        // updatedAt: a draft that held unreviewed edits stays the newer one, one that did not stays level.
        const now = Date.now();
        const draftWasNewer = !!published && !!draft && new Date(draft.updatedAt).getTime() > new Date(published.updatedAt).getTime();
        for (const row of rows) {
          const at = !row.publishedAt && draftWasNewer ? now + 1 : now;
          // updateMany: the query layer's update stamps updatedAt itself, updateMany keeps the one given.
          await strapi.db.query(UID).updateMany({ where: { id: row.id }, data: { ...fields, updatedAt: new Date(at) } as any });
        }
      });
    }
    return strapi.documents(UID).findOne({ documentId, status: published ? 'published' : 'draft' });
  },
}));
