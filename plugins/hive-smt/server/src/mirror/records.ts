import type { Core } from '@strapi/strapi';
import { UID, q } from '../core/db';

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
  const query = () => q<MirrorRecord>(strapi, UID.mirror);
  return {
    async get(postDocumentId: string): Promise<MirrorRecord | null> {
      return query().findOne({ where: { postDocumentId } });
    },

    async getMany(postDocumentIds: string[]): Promise<MirrorRecord[]> {
      if (postDocumentIds.length === 0) return [];
      return query().findMany({ where: { postDocumentId: { $in: postDocumentIds } } });
    },

    /** Creates or updates the post's record. */
    async upsert(postDocumentId: string, data: Partial<Omit<MirrorRecord, 'id' | 'postDocumentId'>>): Promise<MirrorRecord> {
      const existing = await query().findOne({ where: { postDocumentId } });
      if (existing) return (await query().update({ where: { id: existing.id }, data })) ?? existing;
      return query().create({ data: { postDocumentId, state: 'queued', ...data } });
    },

    /** Whether another post already claimed this author/permlink (a mirror in flight the chain does not show yet). */
    async permlinkTakenByOther(author: string, permlink: string, postDocumentId: string): Promise<boolean> {
      const other = await query().findOne({ where: { author, permlink, postDocumentId: { $ne: postDocumentId } } });
      return !!other;
    },

    async findMany(where: Record<string, unknown>, limit = 100, orderBy: Record<string, 'asc' | 'desc'> = { id: 'desc' }): Promise<MirrorRecord[]> {
      return query().findMany({ where, limit, orderBy });
    },
  };
}

export type MirrorRecords = ReturnType<typeof createMirrorRecords>;
