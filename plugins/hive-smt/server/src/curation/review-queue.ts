import { PluginError } from '../core/errors';

/**
 * What waits for an editor and the editor's decision, as the Curation page's
 * "Waiting for review" tab shows them. The app holds the rules (which boards
 * review, what WeChat's check sent, who is told): it provides the queue at
 * startup through service('review').provide(queue); without one the tab says
 * there is nothing to review.
 */
export interface ReviewQueue {
  pending(options: ReviewQueueQuery): Promise<unknown[]>;
  approve(caseId: number, editorId: number | null): Promise<unknown>;
  reject(caseId: number, editorId: number | null, reason: string): Promise<unknown>;
}

export interface ReviewQueueQuery {
  limit?: number;
  targetType?: 'post' | 'comment';
}

/** One Strapi instance's review desk: the queue its app provided, if any. */
export function reviewService() {
  let provided: ReviewQueue | null = null;
  const queue = () => {
    if (!provided) throw new PluginError(404, 'Nothing provides a review queue in this app.');
    return provided;
  };
  return {
    provide(queue: ReviewQueue) {
      provided = queue;
    },
    pending: (options: ReviewQueueQuery = {}) => (provided ? provided.pending(options) : Promise.resolve([])),
    approve: (caseId: number, editorId: number | null) => queue().approve(caseId, editorId),
    reject: (caseId: number, editorId: number | null, reason: string) => queue().reject(caseId, editorId, reason),
  };
}

export type ReviewService = ReturnType<typeof reviewService>;
