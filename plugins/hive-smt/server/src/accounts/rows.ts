import type { BigIntColumn, RowBase } from '../core/db';

/** A member's linked Hive account (plugin::hive-smt.account-link). */
export interface AccountLinkRow extends RowBase {
  userId: number;
  account: string;
  verifiedAt: BigIntColumn | null;
  publicKey: string | null;
}

/** A challenge a member signs to link an account (plugin::hive-smt.link-challenge). */
export interface ChallengeRow extends RowBase {
  userId: number;
  challenge: string;
  expiresAt: BigIntColumn;
  usedAt: BigIntColumn | null;
}
