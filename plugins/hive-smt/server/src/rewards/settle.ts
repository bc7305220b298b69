/**
 * The settlement rule, as a pure function over one board's reward pool.
 *
 * A board's pool holds every token emitted and not yet paid out. Posts claim
 * it by their scores (splitRewardPool) while they are in their cashout window;
 * when some posts' windows have closed ("due"), the pool is split as if every
 * unsettled post were paid now, and only the due posts' shares are paid: the
 * rest of the pool stays for the posts still in their window and for later
 * emission (the Hive-Engine `comments` contract pays each post
 * pool · claims / pendingClaims the same way). Inside the due posts' share,
 * the daily cap may cut members; what it cuts stays in the pool too.
 *
 * So a period's pool = what the previous period carried over + the emission
 * since, and pool = distributed + carryOver exactly, where carryOver is:
 * the share of posts still in their window + amounts cut by the daily cap +
 * the whole pool when no due post earned anything. Rounding inside a split is
 * largest-remainder (math.ts): every base unit of the due share is placed.
 */
import { splitRewardPool, type CappedAmount, type RewardAllocation, type RewardParams, type RewardPost } from './math';

export interface SettlementInput {
  pool: bigint;
  /** Every unsettled post of the board: the due ones and the ones still in their window. */
  posts: readonly RewardPost[];
  /** postIds whose cashout window has closed. */
  due: Iterable<string>;
  params: RewardParams;
}

export interface SettlementPlan {
  /** Positive amounts for due posts only. */
  allocations: RewardAllocation[];
  /** The due posts' share of the pool before the daily cap. */
  dueShare: bigint;
  distributed: bigint;
  /** pool − distributed: stays in the board's pool for the next period. */
  carryOver: bigint;
  capped: CappedAmount[];
}

const sum = (allocations: readonly RewardAllocation[]) => allocations.reduce((s, a) => s + a.amount, 0n);

/** Splits the pool among all unsettled posts and pays the due posts' part (see the module comment). */
export function planSettlement(input: SettlementInput): SettlementPlan {
  const due = new Set(input.due);
  const { dailyCapPerMember, earnedToday, ...uncapped } = input.params;
  const full = splitRewardPool({ pool: input.pool, posts: input.posts, params: uncapped });
  const dueShare = sum(full.allocations.filter((a) => due.has(a.postId)));
  const duePosts = input.posts.filter((p) => due.has(p.postId));
  if (dueShare === 0n || duePosts.length === 0) {
    return { allocations: [], dueShare: 0n, distributed: 0n, carryOver: input.pool, capped: [] };
  }
  // The due posts' relative claims are the same in both splits, so this only re-places the rounding.
  const split = splitRewardPool({ pool: dueShare, posts: duePosts, params: input.params });
  const distributed = sum(split.allocations);
  return { allocations: split.allocations, dueShare, distributed, carryOver: input.pool - distributed, capped: split.capped };
}

export interface PostEstimate {
  total: bigint;
  author: bigint;
  curators: bigint;
  bonus: bigint;
  /** The pool's app tax on the author's reward (appTaxConfig), paid to its beneficiary; part of total, not of author. */
  appTax: bigint;
}

/**
 * What one post would be paid if the pool were settled now with every
 * unsettled post (no daily cap): an estimate, since likes keep changing the shares.
 */
export function estimatePost(pool: bigint, posts: readonly RewardPost[], postId: string, params: RewardParams): PostEstimate {
  const { dailyCapPerMember, earnedToday, ...uncapped } = params;
  const estimate: PostEstimate = { total: 0n, author: 0n, curators: 0n, bonus: 0n, appTax: 0n };
  if (!posts.some((p) => p.postId === postId)) return estimate;
  for (const a of splitRewardPool({ pool, posts, params: uncapped }).allocations) {
    if (a.postId !== postId) continue;
    estimate.total += a.amount;
    if (a.role === 'author') estimate.author += a.amount;
    else if (a.role === 'curator') estimate.curators += a.amount;
    else estimate.bonus += a.amount;
  }
  return estimate;
}
