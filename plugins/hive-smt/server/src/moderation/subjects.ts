/**
 * What the moderation log records of each kind of subject: the fields an
 * action changes (before and after), and the board it belongs to (so a
 * board's admins can be shown their boards' entries).
 */
import { UID, q } from '../core/db';
import type { PostRow, CommentRow } from '../host/rows';
import { readMutes } from '../curation/mutes';
import type { PluginRuntime } from '../runtime/types';

type Runtime = Pick<PluginRuntime, 'strapi' | 'types' | 'queue' | 'records'>;

export function moderationSubjects(runtime: Runtime) {
  const { strapi, types, queue, records } = runtime;

  async function post(documentId: string) {
    const rows = await types.rows<PostRow>('post').findMany({
      where: { documentId },
      select: ['featured', 'featuredRank', 'featuredUntil', 'publishedAt'],
      populate: { board: { select: ['documentId'] } },
    });
    // What readers see: the published version when there is one.
    return rows.find((r) => r.publishedAt) ?? rows[0] ?? null;
  }

  return {
    post: (documentId: string) => ({
      snapshot: async () => {
        const row = await post(documentId);
        return row ? { featured: !!row.featured, featuredRank: row.featuredRank ?? null, featuredUntil: row.featuredUntil ?? null } : null;
      },
      board: async () => (await post(documentId))?.board?.documentId ?? null,
    }),

    comment: (documentId: string) => {
      const read = () =>
        types.rows<CommentRow & { post?: { board?: { documentId: string } | null } | null }>('comment').findOne({
          where: { documentId },
          select: ['hidden'],
          populate: { post: { select: ['documentId'], populate: { board: { select: ['documentId'] } } } },
        });
      return {
        snapshot: async () => {
          const row = await read();
          return row ? { hidden: !!row.hidden } : null;
        },
        board: async () => (await read())?.post?.board?.documentId ?? null,
      };
    },

    muteOf: (userId: number) => ({
      snapshot: async () => (await readMutes(strapi))[String(userId)] ?? null,
    }),

    approvalOf: (userId: number) => ({
      snapshot: async () => {
        const row = await q<{ approvedAt: string | number; approvedBy: string | null }>(strapi, UID.approval).findOne({ where: { memberId: userId } });
        return row ? { approvedForRewards: true, approvedBy: row.approvedBy ?? null } : { approvedForRewards: false };
      },
    }),

    job: (documentId: string) => {
      const read = async () => (await queue.find({ documentId }, 1))[0] ?? null;
      return {
        snapshot: async () => {
          const job = await read();
          return job ? { state: job.state, attempts: job.attempts, lastError: job.lastError ?? null } : null;
        },
        board: async () => {
          const job = await read();
          const postId = typeof job?.payload?.documentId === 'string' ? job.payload.documentId : null;
          if (!postId) return null;
          // The post's board; a deleted post's board is still on its mirror record.
          return (await post(postId))?.board?.documentId ?? (await records.get(postId))?.boardDocumentId ?? null;
        },
      };
    },
  };
}
