/**
 * What hive-smt reads of the app's documents: a board's Hive fields (which
 * the plugin owns), a post's mirrored fields, a comment, a member. Fields the
 * app adds beyond these are never looked at.
 */
import type { RowBase } from '../core/db';

/** A board's "Token rewards" component, as the admin typed it (validated by rewards/economics.ts). */
export type EconomicsInput = Record<string, unknown>;

export interface BoardRow extends RowBase {
  name: string;
  slug: string;
  active?: boolean | null;
  hiveAccount: string;
  hiveCommunity?: string | null;
  defaultTags?: string | null;
  tokenSymbol?: string | null;
  memberRewardShare?: number | null;
  payoutMode?: 'normal' | 'decline' | null;
  postingRate?: 'queue' | 'container' | null;
  removalMode?: 'delete' | 'tombstone' | null;
  /** IANA time zone whose day is the board's (its post of the day changes at its midnight); empty means UTC. */
  timezone?: string | null;
  hiveFooter?: string | null;
  economics?: EconomicsInput | null;
}

export interface MemberRow {
  id: number;
  documentId?: string;
  username: string;
  displayName?: string | null;
  createdAt?: string | Date | null;
  confirmed?: boolean | null;
  provider?: string | null;
  blocked?: boolean | null;
}

export interface PostRow extends RowBase {
  title: string;
  body: string;
  excerpt?: string | null;
  slug?: string | null;
  tags?: unknown;
  featured?: boolean | null;
  featuredRank?: number | null;
  featuredUntil?: string | Date | null;
  /** The member or an editor chose to keep the post in the app only. */
  keepOffHive?: boolean | null;
  publishedAt?: string | Date | null;
  createdAt?: string | Date | null;
  board?: BoardRow | null;
  author?: MemberRow | null;
  cover?: { url?: string | null } | null;
}

export interface CommentRow extends RowBase {
  body: string;
  hidden?: boolean | null;
  source?: 'quanzi' | 'hive' | null;
  hiveAuthor?: string | null;
  hivePermlink?: string | null;
  createdAt?: string | Date | null;
  author?: MemberRow | null;
  post?: Pick<PostRow, 'documentId' | 'title'> | null;
}
