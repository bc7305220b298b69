/** What the plugin's admin routes answer, as the pages read it. */

// The server builds these (server/src/admin/views.ts): one definition for both sides.
export type {
  BoardHealth,
  ChainOverview,
  JobRow,
  PayoutBatch,
  RewardBoard,
  RewardHistoryPoint,
  RewardsView,
  SecretRow,
  SettingRow,
  SettingsView,
} from '../../server/src/admin/views';
export type { JobState } from '../../server/src/jobs/state';
export type { ModerationEntry, ModerationKind } from '../../server/src/moderation/log';

// The Curation page's rows.
export interface FeaturedPost {
  documentId: string;
  title: string;
  board: string | null;
  author: string | null;
  publishedAt: string | null;
  rank: number | null;
  until: string | null;
  expired: boolean;
}

export interface CandidatePost {
  documentId: string;
  title: string;
  board: string | null;
  author: string | null;
  publishedAt: string | null;
}

export interface CommentRow {
  documentId: string;
  body: string;
  hidden: boolean;
  createdAt: string | null;
  author: { id: number | null; name: string | null; muted: boolean } | null;
  post: { documentId: string; title: string } | null;
}

export interface MemberRow {
  id: number;
  username: string;
  displayName: string | null;
  joinedAt: string | null;
  /** When an editor approved the member for token rewards (they earn whatever a board's trust rule says), or null. */
  approvedForRewards: string | null;
  muted: boolean;
  mutedUntil: string | null;
  muteReason: string | null;
}

/** A post or comment on the "Waiting for review" list (the app's moderation queue). */
export interface ReviewRow {
  id: number;
  targetType: 'post' | 'comment';
  documentId: string;
  title: string | null;
  text: string;
  board: { slug: string; name: string } | null;
  author: string | null;
  source: 'board-review' | 'content-check' | 'awaiting-check';
  reason: string | null;
  since: string;
}

/** A merchant on the Merchants page (the app's economy views). */
export interface MerchantRow {
  documentId: string;
  name: string;
  board: { documentId: string; name: string } | null;
  hiveAccount: string | null;
  discountPercent: number | null;
  active: boolean;
  staff: number;
  paidCount: number;
  paidTotal: string;
  symbol: string | null;
}

/** A payment to a merchant on the Payments page. */
export interface PaymentRow {
  documentId: string;
  merchant: { documentId: string; name: string } | null;
  boardDocumentId: string;
  status: string;
  method: 'custodial' | 'keychain' | null;
  amount: string;
  symbol: string;
  payer: { id: number; name: string | null } | null;
  payerAccount: string | null;
  txId: string | null;
  refundTxId: string | null;
  createdAt: string | null;
  paidAt: string | null;
  refundedAt: string | null;
}

/** A merchant's redemption for cash on the Redemptions page. */
export interface RedemptionRow {
  documentId: string;
  merchant: { documentId: string; name: string } | null;
  state: string;
  quantity: string;
  symbol: string;
  cash: string;
  currency: string;
  treasury: string;
  returnTxId: string | null;
  settlementNote: string | null;
  createdAt: string | null;
  returnedAt: string | null;
  settledAt: string | null;
}
