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
