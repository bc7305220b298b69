import type { PluginRuntime } from '../runtime/types';
import type { PayoutRetryFilter } from '../payouts/retry';
import { backfillEarnings } from '../rewards/earnings';
import { accountNameError } from '../chain/account-name';
import { rewardsOverview } from '../admin/rewards-overview';
import { closeRewardWindows, likesSince, paymentsSince, poolOf, type ActivityMark } from '../rewards/activity';

/** Likes as the feed reads them, and a member's like, downvote or their withdrawal. */
export function engagementService(runtime: () => PluginRuntime) {
  const engagement = () => runtime().rewards.engagement;
  return {
    /** { [documentId]: { count, likeCount, likedByMe } }: every id gets an entry; memberId is the users-permissions user id. */
    likeCounts: (documentIds: string[], memberId?: number) => engagement().likeCounts(documentIds, memberId),
    like: (documentId: string, member: { id: number; username?: string }) => engagement().like(documentId, member),
    unlike: (documentId: string, member: { id: number }) => engagement().unlike(documentId, member),
    downvote: (documentId: string, member: { id: number; username?: string }) => engagement().downvote(documentId, member),
    undownvote: (documentId: string, member: { id: number }) => engagement().undownvote(documentId, member),
    /** A member's attendance at the event a post announces: rewarded like a full-power like, once per member and post. */
    recordAttendance: (documentId: string, memberId: number) => engagement().recordAttendance(documentId, memberId),
    /** Active likes given after a (likedAt, id) mark, oldest first: what the app's notifications read. */
    likesSince: (after: ActivityMark, limit?: number) => likesSince(runtime().strapi, after, limit),
  };
}

/** Account linking for code and tests: the same steps as the REST routes. */
export function accountsService(runtime: () => PluginRuntime) {
  const linking = () => runtime().rewards.linking;
  return {
    createChallenge: (userId: number) => linking().createChallenge(userId),
    link: (userId: number, input: { account: string; signature: string; challenge?: string }) => linking().link(userId, input),
    unlink: (userId: number) => linking().unlink(userId),
    linkOf: (userId: number) => linking().linkOf(userId),
    purgeExpiredChallenges: (now?: number) => linking().purgeExpired(now),
    /** Why `name` is not a Hive account name hived would accept (a message for an admin or member), or null: the app checks its own account fields with it. */
    nameError: (name: string): string | null => accountNameError(name),
  };
}

/** Rewards for the app and the admin pages: the pass on demand, payout retries, members' and boards' views. */
export function rewardsService(runtime: () => PluginRuntime) {
  const rewards = () => runtime().rewards;
  return {
    tick: (now?: number) => rewards().tick(now),
    /** Payments that landed after a (paidAt, id) mark, in that order: what the app's notifications read. */
    paymentsSince: (after: ActivityMark, limit?: number) => paymentsSince(runtime().strapi, after, limit),
    /**
     * Ends the reward windows of a board's open posts now: the next pass settles
     * them as if their cashout time had come (a demo's first period, an
     * administrator closing a board's rewards). Returns how many were open.
     */
    async closeRewardWindows(boardDocumentId: string, now = Date.now()): Promise<number> {
      const count = await closeRewardWindows(runtime().strapi, boardDocumentId, now);
      rewards().periods.forgetEstimates(boardDocumentId);
      return count;
    },
    /** A board's pool as the rewards pass keeps it (null before its first pass): intervals of emission accrued, base units in it. */
    poolOf: (boardDocumentId: string) => poolOf(runtime().strapi, boardDocumentId),
    schedulePayouts: (options?: { memberId?: number }) => rewards().scheduler.schedule(options),
    retryPayouts: (filter?: PayoutRetryFilter) => rewards().retryPayouts(filter),
    memberRewards: (memberId: number, options = { limit: 20 }) => rewards().reports.memberRewards(memberId, options),
    postRewards: (documentId: string) => rewards().reports.postRewards(documentId),
    leaderboard: (slug: string, options: { limit: number; days?: number } = { limit: 10 }) => rewards().reports.leaderboard(slug, options),
    /** Estimates are computed afresh on their next read (all boards, or one). */
    forgetEstimates: (boardDocumentId?: string) => rewards().periods.forgetEstimates(boardDocumentId),
    /** Builds the leaderboard totals from the allocations when there are none (done once at startup). */
    backfillEarnings: () => backfillEarnings(runtime().strapi),
    adminOverview: () => rewardsOverview(runtime()).boards(),
    payoutBatches: (options?: { limit?: number }) => rewardsOverview(runtime()).payoutBatches(options),
    history: (options?: { days?: number }) => rewardsOverview(runtime()).history(options),

    /** The admin's "pay now": failed payouts are retried, everything payable is scheduled, the worker looks at once. */
    /**
     * Failed payouts back in line, the unpaid ones packed into batches, then a worker tick to send them.
     * `around` wraps the database part (the moderation log writes its entry in the same transaction);
     * the tick, which talks to Hive, runs after it.
     */
    async runPayoutNow({ boardDocumentId }: { boardDocumentId?: string } = {}, around: <T>(work: () => Promise<T>) => Promise<T> = (work) => work()) {
      const r = runtime();
      const scheduled = await around(async () => {
        const retried = await r.rewards.retryPayouts(boardDocumentId ? { boardDocumentId } : {});
        const { lines, jobs } = await r.rewards.scheduler.schedule();
        return { batches: retried.jobs + jobs, payouts: retried.payouts + lines };
      });
      await r.worker?.tick();
      return scheduled;
    },
  };
}

export type EngagementService = ReturnType<typeof engagementService>;
export type AccountsService = ReturnType<typeof accountsService>;
export type RewardsService = ReturnType<typeof rewardsService>;
