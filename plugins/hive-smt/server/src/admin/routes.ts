import { requires, type AdminActionUid } from './permissions';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
const route = (method: Method, path: string, handler: string, action: AdminActionUid) => ({
  method,
  path,
  handler,
  config: { policies: requires(action) },
});

/**
 * The admin panel's Hive routes, under /hive-smt/... Each needs an admin
 * session (401 without) and the named permission (403 without).
 */
export const adminRoutes = [
  route('GET', '/chain', 'dashboard.chain', 'chain.read'),
  route('GET', '/jobs', 'dashboard.jobs', 'chain.read'),
  route('POST', '/jobs/:documentId/retry', 'dashboard.retryJob', 'chain.manage'),
  route('POST', '/jobs/:documentId/cancel', 'dashboard.cancelJob', 'chain.manage'),
  route('GET', '/boards', 'dashboard.boards', 'boards.read'),
  route('GET', '/rewards', 'dashboard.rewards', 'rewards.read'),
  route('POST', '/rewards/payout', 'dashboard.runPayout', 'rewards.payout'),
  route('GET', '/settings', 'dashboard.settings', 'settings.read'),
  route('GET', '/curation/featured', 'curation.featured', 'curation.manage'),
  route('POST', '/curation/featured', 'curation.feature', 'curation.manage'),
  route('PUT', '/curation/featured/order', 'curation.reorder', 'curation.manage'),
  route('PUT', '/curation/featured/:documentId', 'curation.setUntil', 'curation.manage'),
  route('DELETE', '/curation/featured/:documentId', 'curation.unfeature', 'curation.manage'),
  route('GET', '/curation/posts', 'curation.candidates', 'curation.manage'),
  route('GET', '/curation/comments', 'curation.comments', 'curation.manage'),
  route('PUT', '/curation/comments/:documentId', 'curation.setCommentHidden', 'curation.manage'),
  route('GET', '/curation/members', 'curation.members', 'curation.manage'),
  route('POST', '/curation/members/:id/mute', 'curation.mute', 'curation.manage'),
  route('DELETE', '/curation/members/:id/mute', 'curation.unmute', 'curation.manage'),
  route('POST', '/curation/members/:id/approve', 'curation.approve', 'curation.manage'),
  route('DELETE', '/curation/members/:id/approve', 'curation.unapprove', 'curation.manage'),
  route('GET', '/curation/review', 'curation.reviewQueue', 'curation.manage'),
  route('POST', '/curation/review/:id/approve', 'curation.approveReview', 'curation.manage'),
  route('POST', '/curation/review/:id/reject', 'curation.rejectReview', 'curation.manage'),
  route('GET', '/moderation-log', 'curation.moderationLog', 'moderation.read'),
  route('GET', '/economy/merchants', 'economy.merchants', 'economy.merchants'),
  route('GET', '/economy/payments', 'economy.payments', 'economy.payments'),
  route('GET', '/economy/redemptions', 'economy.redemptions', 'economy.redemptions'),
];
