import type { BigIntColumn, RowBase } from '../core/db';
import type { PayoutMode } from './pack';

export type PayoutLineState = 'queued' | 'sending' | 'paid' | 'failed';

/** One payment of one member's rewards on one board (plugin::hive-smt.payout): one token action on chain. */
export interface PayoutLine extends RowBase {
  boardDocumentId: string;
  /** The member paid; null for a pool's app tax, paid to `account` alone. */
  memberId: number | null;
  account: string;
  symbol: string;
  precision: number;
  /** Base units, as text. */
  amount: string;
  state: PayoutLineState;
  sender: string | null;
  mode: PayoutMode | null;
  jobDocumentId: string | null;
  txId: string | null;
  engineTxId: string | null;
  blockNum: number | null;
  error: string | null;
  paidAt: BigIntColumn | null;
  /** Set on lines that are not rewards but a member's spending (spending/): unique, e.g. "payment:<documentId>". */
  reference?: string | null;
  /** The transfer's memo for spending lines (reward lines use payoutMemo). */
  memo?: string | null;
  /** When a spending line was refunded: the member's balance was credited back. */
  reversedAt?: BigIntColumn | null;
  /**
   * The staked share of a reward (the board's stakedRewardPercentage), paid with tokens.stake;
   * false/null: paid to the member's balance. A member's rewards of one pass make at most one line of each.
   */
  stake?: boolean | null;
  /**
   * A staked line in "issue" mode: the sidechain id of the issue that already put its quantity in the
   * issuer's balance when the stake after it failed. Such a line is paid again with the stake alone —
   * issuing it once more would leave a second quantity with the issuer.
   */
  fundedEngineTxId?: string | null;
}

/**
 * How a line is paid: a member's spending at a merchant (a line with a reference) is always the treasury's
 * `transfer` of tokens it holds, never an issue; reward lines follow their board's mode.
 */
export const lineMode = (line: Pick<PayoutLine, 'reference'>, boardMode: PayoutMode): PayoutMode => (line.reference ? 'transfer' : boardMode);
