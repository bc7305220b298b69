import chainJob from './chain-job/schema.json';
import mirror from './mirror/schema.json';
import accountLink from './account-link/schema.json';
import like from './like/schema.json';
import ledgerEvent from './ledger-event/schema.json';
import votePower from './vote-power/schema.json';
import rewardPost from './reward-post/schema.json';
import boardPool from './board-pool/schema.json';
import rewardPeriod from './reward-period/schema.json';
import rewardAllocation from './reward-allocation/schema.json';
import payout from './payout/schema.json';
import linkChallenge from './link-challenge/schema.json';
import memberApproval from './member-approval/schema.json';
import memberEarning from './member-earning/schema.json';
import jobLease from './job-lease/schema.json';
import moderationEntry from './moderation-entry/schema.json';
import spendingEntry from './spending-entry/schema.json';
import chainVote from './chain-vote/schema.json';

/** The plugin's internal tables, hidden from the Content Manager; the Hive pages of the admin show them. */
export default {
  'chain-job': { schema: chainJob },
  // Written by database triggers on chain-job, never by the query engine (jobs/lease-history.ts).
  'job-lease': { schema: jobLease },
  mirror: { schema: mirror },
  'account-link': { schema: accountLink },
  // Rewards: engagement ledger, pools and periods, allocations, payouts, account-link challenges.
  like: { schema: like },
  'ledger-event': { schema: ledgerEvent },
  'vote-power': { schema: votePower },
  'reward-post': { schema: rewardPost },
  'board-pool': { schema: boardPool },
  'reward-period': { schema: rewardPeriod },
  'reward-allocation': { schema: rewardAllocation },
  payout: { schema: payout },
  'link-challenge': { schema: linkChallenge },
  // Editors' approvals: members who earn before the board's trust rule would let them.
  'member-approval': { schema: memberApproval },
  // Leaderboard totals, kept at each settlement.
  'member-earning': { schema: memberEarning },
  // Who did what to content, members, chain jobs and payouts (moderation/log.ts).
  'moderation-entry': { schema: moderationEntry },
  // Members' custodial balances spent at merchants, and refunds: both sides of each movement (spending/).
  'spending-entry': { schema: spendingEntry },
  // Votes cast on Hive on mirrored posts, as far as they were counted as members' likes and downvotes (rewards/hive-votes.ts).
  'chain-vote': { schema: chainVote },
};
