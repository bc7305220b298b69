import type { PostingClock } from '../chain/hive-chain';
import type { BuildDecision } from '../jobs/exactly-once';
import { earliestBroadcastAt, type BroadcastKind } from './schedule';

export type RateRuleWait = Extract<BuildDecision, { kind: 'defer' }>;

/** What a waiting job tells the admin, per rule (the soak's liveness check reads these texts too). */
function reasonFor(kind: BroadcastKind, account: string, waitMs: number): string {
  if (kind === 'edit') return 'Hive takes one edit per block; sending with the next block.';
  const rule = kind === 'reply' ? 'one comment every 3 seconds' : 'one new post every 5 minutes';
  return `Hive allows @${account} ${rule}; this one goes out in about ${Math.ceil(waitMs / 1000)} s.`;
}

/**
 * hived's per-author rule for a comment operation of this kind, as a wait:
 * a defer decision until the first moment the chain accepts it (measured on
 * the chain's clock, `headTime`, and scheduled on this server's, `nowMs`), or
 * null when it may go out now. The one place the publisher, the removal and
 * the post of the day turn the rate rules into waiting instead of refusals.
 */
export function rateRuleWait(
  kind: BroadcastKind,
  account: string,
  clock: PostingClock | null | undefined,
  headTime: Date,
  nowMs = Date.now(),
): RateRuleWait | null {
  const earliest = earliestBroadcastAt({
    kind,
    lastRootPostAt: clock?.lastRootPost ?? null,
    lastPostAt: clock?.lastPost ?? null,
    lastEditBlockTime: clock?.lastPostEdit ?? null,
    now: headTime,
  });
  const waitMs = earliest.getTime() - headTime.getTime();
  if (waitMs <= 0) return null;
  return { kind: 'defer', notBefore: nowMs + waitMs, reason: reasonFor(kind, account, waitMs) };
}
