/**
 * Whether Hive will take a delete_comment for a post, from what hived checks
 * (libraries/chain/hive_evaluator_social.cpp, delete_comment_evaluator): no
 * replies, not paid out (its cashout object still exists), net rshares not
 * positive — rshares, not the vote count: votes under hived's dust threshold
 * carry none. When it will not, the removal is a tombstone edit instead.
 */
import type { ChainPost, CommentState } from '../chain/hive-chain';

export interface DeletableInput {
  /** Direct replies (hivemind's count; a reply it has not indexed yet makes hived refuse, and the refusal falls back to a tombstone). */
  children: number;
  /** hived's own state; null when the node does not serve database_api.get_comment_pending_payouts. */
  state: CommentState | null;
  /** hivemind's view, used for cashout and rshares when hived's state is not available. */
  content: Pick<ChainPost, 'netRshares' | 'cashoutTime'>;
  now: Date;
}

export function deletable(input: DeletableInput): boolean {
  if (input.children > 0) return false;
  const { state } = input;
  if (state) {
    if (!state.exists || !state.cashout) return false;
    return state.cashout.netRshares <= 0n && state.cashout.cashoutTime.getTime() > input.now.getTime();
  }
  const { cashoutTime, netRshares } = input.content;
  // Paid out (no cashout time) or past it: hived keeps it.
  if (!cashoutTime || cashoutTime.getTime() <= input.now.getTime()) return false;
  return netRshares <= 0n;
}
