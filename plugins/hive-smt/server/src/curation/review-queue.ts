import type { Core } from '@strapi/strapi';
import { CurationError } from './service';

/**
 * What waits for an editor and the editor's decision, as the Curation page's
 * "Waiting for review" tab shows them. The app holds the rules (which boards
 * review, what WeChat's check sent, who is told): it provides the queue at
 * startup through service('review').provide(queue); without one the tab says
 * there is nothing to review.
 */
export interface ReviewQueue {
  pending(options: { limit?: number; targetType?: 'post' | 'comment' }): Promise<unknown[]>;
  approve(caseId: number, editorId: number | null): Promise<unknown>;
  reject(caseId: number, editorId: number | null, reason: string): Promise<unknown>;
}

const queues = new WeakMap<Core.Strapi, ReviewQueue>();

export const reviewService = ({ strapi }: { strapi: Core.Strapi }) => {
  const queue = () => {
    const found = queues.get(strapi);
    if (!found) throw new CurationError('Nothing provides a review queue in this app.', 404);
    return found;
  };
  return {
    provide(provided: ReviewQueue) {
      queues.set(strapi, provided);
    },
    pending: (options: { limit?: number; targetType?: 'post' | 'comment' } = {}) => (queues.get(strapi) ? queue().pending(options) : Promise.resolve([])),
    approve: (caseId: number, editorId: number | null) => queue().approve(caseId, editorId),
    reject: (caseId: number, editorId: number | null, reason: string) => queue().reject(caseId, editorId, reason),
  };
};
