import { formatQuantity } from '../rewards/quantity';
import { WEBHOOK_EVENTS, type WebhookEvent } from '../webhooks/events';
import type { PayoutLine } from './lines';

/** A batch's lines as the webhook events of its end: those paid, and those that failed (README, "Webhooks"). */
export function payoutEvents(job: { documentId: string }, lines: PayoutLine[]): Array<{ event: WebhookEvent; payload: Record<string, unknown> }> {
  const line = (l: PayoutLine) => ({
    id: l.id,
    boardDocumentId: l.boardDocumentId,
    memberId: l.memberId,
    account: l.account,
    symbol: l.symbol,
    quantity: formatQuantity(BigInt(l.amount), l.precision),
    mode: l.mode,
    // True: paid as staked tokens (tokens.stake), the board's stakedRewardPercentage share.
    stake: l.stake === true,
    sender: l.sender,
    txId: l.txId,
    engineTxId: l.engineTxId,
    blockNum: l.blockNum,
    error: l.error,
  });
  const paid = lines.filter((l) => l.state === 'paid');
  const failed = lines.filter((l) => l.state === 'failed');
  return [
    ...(paid.length ? [{ event: WEBHOOK_EVENTS.HIVE_SMT_PAYOUT_SENT, payload: { jobDocumentId: job.documentId, payouts: paid.map(line) } }] : []),
    ...(failed.length ? [{ event: WEBHOOK_EVENTS.HIVE_SMT_PAYOUT_FAILED, payload: { jobDocumentId: job.documentId, payouts: failed.map(line) } }] : []),
  ];
}
