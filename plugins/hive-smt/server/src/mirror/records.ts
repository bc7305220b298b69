import type { Core } from '@strapi/strapi';

export const MIRROR_UID = 'plugin::hive-smt.mirror';

export type MirrorState = 'queued' | 'scheduled' | 'broadcasting' | 'confirmed' | 'retrying' | 'failed' | 'removed';

export interface MirrorRecord {
  id: number;
  postDocumentId: string;
  boardDocumentId: string | null;
  author: string | null;
  permlink: string | null;
  parentAuthor: string | null;
  parentPermlink: string | null;
  onBehalfOf: string | null;
  state: MirrorState;
  txId: string | null;
  blockNum: number | null;
  contentHash: string | null;
  confirmedAt: number | null;
  lastError: string | null;
  removedMode: string | null;
}

/** Where each post lives on Hive: one row per post documentId. */
export function createMirrorRecords(strapi: Core.Strapi) {
  const query = () => strapi.db.query(MIRROR_UID);
  return {
    async get(postDocumentId: string): Promise<MirrorRecord | null> {
      return (await query().findOne({ where: { postDocumentId } })) as MirrorRecord | null;
    },

    async getMany(postDocumentIds: string[]): Promise<MirrorRecord[]> {
      if (postDocumentIds.length === 0) return [];
      return (await query().findMany({ where: { postDocumentId: { $in: postDocumentIds } } })) as MirrorRecord[];
    },

    /** Creates or updates the post's record. */
    async upsert(postDocumentId: string, data: Partial<Omit<MirrorRecord, 'id' | 'postDocumentId'>>): Promise<MirrorRecord> {
      const existing = await query().findOne({ where: { postDocumentId } });
      if (existing) return (await query().update({ where: { id: existing.id }, data })) as MirrorRecord;
      return (await query().create({ data: { postDocumentId, state: 'queued', ...data } })) as MirrorRecord;
    },

    /** Whether another post already claimed this author/permlink (a mirror in flight the chain does not show yet). */
    async permlinkTakenByOther(author: string, permlink: string, postDocumentId: string): Promise<boolean> {
      const other = await query().findOne({ where: { author, permlink, postDocumentId: { $ne: postDocumentId } } });
      return !!other;
    },

    async findMany(where: Record<string, unknown>, limit = 100, orderBy: Record<string, 'asc' | 'desc'> = { id: 'desc' }): Promise<MirrorRecord[]> {
      return (await query().findMany({ where, limit, orderBy })) as MirrorRecord[];
    },
  };
}

export type MirrorRecords = ReturnType<typeof createMirrorRecords>;
