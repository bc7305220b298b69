/**
 * The reward engine's arithmetic, SCOT-style (Hive-Engine `comments`
 * contract), made exact and deterministic for a ledger:
 *
 * - token amounts are bigint base units (see quantity.ts), never floats;
 * - like weights and vote power are safe integers (0..SCOT_MAX_VOTING_POWER per like);
 * - curve values are bigint fixed point (fixed-point.ts), computed exactly;
 * - every list is put in a canonical order first, so the input order never matters.
 *
 * This module is the entry point; the parts live in small modules re-exported here.
 */
import { SCOT_CURATION_REWARD_CURVE_RANGE, SCOT_POST_REWARD_CURVE_RANGE, HIVE_100_PERCENT } from '../chain/protocol';
import { curveValue, parseExponent, type Exponent } from './fixed-point';
import { apportion, apportionByWeights, type Fraction } from './largest-remainder';
import { compareText } from '../text/order';
import { qualifiesByTags } from './pool-rules';

export { toBaseUnits, formatQuantity } from './quantity';
export { emissionForInterval, emissionForIntervals, type EmissionSchedule } from './emission';
export {
  votePowerAt,
  powerAfterLike,
  weighLikes,
  type VotePowerParams,
  type VotePowerState,
  type LikeEvent,
  type WeighedLike,
  type LikeWeighingContext,
} from './vote-power';
export { curveValue, integerRoot, parseExponent, CURVE_FRACTION_BITS, type Exponent } from './fixed-point';
export { apportion, apportionByWeights, type Fraction } from './largest-remainder';

export type RewardRole = 'author' | 'curator' | 'bonus';

export interface RewardLike {
  member: string;
  /** The like's weight (the liker's vote power when liking, see weighLikes); a non-negative safe integer. */
  weight: number;
  /** When the like was given: epoch milliseconds or a Date. Earlier likes earn more curation. */
  at: number | Date;
  /**
   * False when the liker may not earn (a member the board does not trust yet,
   * trust.ts): the like's weight still counts toward the post's score, but it
   * earns no curation share; the post's other likers share the curation part.
   */
  earns?: boolean;
}

/** A member's downvote of a post (the contract's negative vote): it lowers the post's total, never earns. */
export interface RewardDownvote {
  member: string;
  /** How much it takes off the post's total (the downvoter's downvote power when downvoting); a non-negative safe integer. */
  weight: number;
}

export interface RewardPost {
  postId: string;
  author: string;
  likes: readonly RewardLike[];
  /** Downvotes: their weights come off the sum of like weights before the post curve (a total at or below 0 scores nothing). */
  downvotes?: readonly RewardDownvote[];
  /** Commenters (self-comments and muted members do not count, each member once), or a count already filtered. */
  comments?: readonly { member: string }[] | number;
  featured?: boolean;
  tags?: readonly string[];
  /** Muted by an editor: earns nothing. */
  muted?: boolean;
}

export interface RewardParams {
  /** Share of a post's (non-bonus) reward that goes to its likers, in whole percent (SCOT's curationRewardPercentage, 50 on Hive). */
  curationRewardPercentage: number;
  /** Post score = (sum of like weights)^this; 1..2, at most 2 decimals. */
  postRewardCurveParameter: number | string;
  /** Curation weight of a like = f(total before + own) − f(total before), f(x) = x^this; 0.5..1 (0.5 = square root). */
  curationRewardCurveParameter: number | string;
  /** A featured post's score counts this much more, paid to its author as 'bonus' (basis points, 10000 = +100 %). */
  featuredBonusBps?: number;
  /** Each counted commenter adds this much (basis points), paid to the author as 'bonus'. */
  commentBonusBps?: number;
  /** Upper bound of the comment bonus of one post (basis points). */
  maxCommentBonusBps?: number;
  /** Posts with any of these tags earn nothing. */
  excludeTags?: readonly string[];
  /** When not empty, only posts carrying at least one of these tags earn (the pool's `tags`, pool-rules.ts). */
  tags?: readonly string[];
  /** Members who earn nothing and whose likes weigh nothing. */
  mutedMembers?: readonly string[];
  /** Posts that earn nothing (as RewardPost.muted). */
  mutedPosts?: readonly string[];
  /** Most a member may earn per UTC day (base units); what is over it stays in the pool (carryOver). */
  dailyCapPerMember?: bigint;
  /** What each member already earned earlier the same UTC day; counts toward dailyCapPerMember. */
  earnedToday?: Readonly<Record<string, bigint>>;
}

export interface RewardAllocation {
  member: string;
  postId: string;
  role: RewardRole;
  amount: bigint;
}

export interface RewardSplit {
  /** Positive amounts only, ordered by postId, role (author, curator, bonus), then like order. */
  allocations: RewardAllocation[];
  /**
   * What stays in the pool for the next period: the whole pool when nothing
   * earned a score, plus every amount cut by the daily cap.
   * Invariant: sum(allocations) + carryOver === pool.
   */
  carryOver: bigint;
  /** The part of carryOver cut by the daily cap, per member (ordered by member). */
  capped: CappedAmount[];
}

export interface CappedAmount {
  member: string;
  amount: bigint;
}

export interface SplitRewardPoolInput {
  pool: bigint;
  posts: readonly RewardPost[];
  params: RewardParams;
}

const BPS = BigInt(HIVE_100_PERCENT);
const PERCENT = 100n;

/** A post's score: floor((sum of like weights)^postRewardCurveParameter · 2^CURVE_FRACTION_BITS). */
export function postScore(totalWeight: bigint, postRewardCurveParameter: number | string): bigint {
  return curveValue(totalWeight, postExponent(postRewardCurveParameter));
}

/** A like's curation weight: f(before + own) − f(before), f the curation curve; early likes on a post weigh more. */
export function curationWeight(before: bigint, own: bigint, curationRewardCurveParameter: number | string): bigint {
  const exponent = curationExponent(curationRewardCurveParameter);
  return curveValue(before + own, exponent) - curveValue(before, exponent);
}

/**
 * The pool split among authors, curators and bonuses.
 *
 * 1. Eligible posts: not muted, author not muted, no excluded tag, one of the
 *    pool's tags when it names any (qualifiesByTags). Eligible
 *    likes: not by the author, not by a muted member, weight > 0, each
 *    member's earliest like of a post only.
 * 2. score = postScore(sum of eligible like weights − sum of eligible downvote
 *    weights, nothing when that is not positive: the contract's voteRshareSum);
 *    downvotes by muted members count nothing. A post's claim on the pool
 *    is score · (10000 + bonus bps) / 10000, bonus bps = featured bonus + comment
 *    bonus (per counted commenter, capped by maxCommentBonusBps).
 * 3. Of the score part, curationRewardPercentage % goes to the likers in
 *    proportion to their curation weights (likes ordered by time, then member),
 *    the rest to the author; the bonus part goes to the author as 'bonus'.
 *    A like with `earns: false` adds its weight to the score and earns no share.
 * 4. Rounding (largest remainder, over all claims at once): every claim gets the
 *    floor of its exact rational share of the pool; the few base units left
 *    (fewer than the number of claims) go one each to the claims with the
 *    largest fractional remainders; equal remainders go first to the earlier
 *    claim in the order postId, role (author, curator, bonus), like order.
 * 5. Daily cap: a member over (dailyCapPerMember − earnedToday) keeps exactly the
 *    cap, their lines scaled down by the same largest-remainder rule; the excess
 *    is NOT given to others (that would need another round, and could push them
 *    over the cap): it stays in the pool as carryOver for the next period.
 *
 * So sum(allocations) + carryOver === pool, every amount is positive, and the
 * result depends only on the contents of the input, never on its order.
 */
export function splitRewardPool(input: SplitRewardPoolInput): RewardSplit {
  const { pool, params } = input;
  if (typeof pool !== 'bigint' || pool < 0n) throw new RangeError('pool must be a non-negative bigint of base units');
  const postExp = postExponent(params.postRewardCurveParameter);
  const curationExp = curationExponent(params.curationRewardCurveParameter);
  const curationPct = wholePercent(params.curationRewardPercentage);
  const mutedMembers = new Set(params.mutedMembers ?? []);
  const mutedPosts = new Set(params.mutedPosts ?? []);

  const posts = [...input.posts].sort((a, b) => compareText(a.postId, b.postId));
  for (let i = 1; i < posts.length; i += 1) {
    if (posts[i].postId === posts[i - 1].postId) throw new RangeError(`Post ${posts[i].postId} appears twice`);
  }

  // Per eligible post: score, bonus bps and curation weights, in canonical order.
  const scored: ScoredPost[] = [];
  for (const post of posts) {
    const eligible = !post.muted && !mutedPosts.has(post.postId) && !mutedMembers.has(post.author) && qualifiesByTags(post.tags, params);
    const likes = eligibleLikes(post, mutedMembers);
    if (!eligible || likes.length === 0) continue;
    let total = 0n;
    let previous = 0n;
    const curators: { member: string; weight: bigint }[] = [];
    for (const like of likes) {
      total += BigInt(like.weight);
      const value = curveValue(total, curationExp);
      if (like.earns !== false) curators.push({ member: like.member, weight: value - previous });
      previous = value;
    }
    // Curation weights follow the likes alone (the contract's votePositiveRshareSum); downvotes lower only the post's score.
    const net = total - downvoteTotal(post, mutedMembers);
    if (net <= 0n) continue;
    const score = curveValue(net, postExp);
    if (score === 0n) continue;
    scored.push({ post, score, bonusBps: bonusBasisPoints(post, params, mutedMembers), curators });
  }

  const claims = buildClaims(scored, curationPct);
  const amounts =
    claims.length > 0
      ? apportion(
          pool,
          claims.map((c) => c.share),
        )
      : [];
  let allocations: RewardAllocation[] = claims
    .map((c, i) => ({ member: c.member, postId: c.postId, role: c.role, amount: amounts[i] }))
    .filter((a) => a.amount > 0n);

  let capped: CappedAmount[] = [];
  if (params.dailyCapPerMember !== undefined) {
    ({ allocations, capped } = applyDailyCap(allocations, params.dailyCapPerMember, params.earnedToday));
  }
  const distributed = allocations.reduce((sum, a) => sum + a.amount, 0n);
  return { allocations, carryOver: pool - distributed, capped };
}

interface ScoredPost {
  post: RewardPost;
  score: bigint;
  bonusBps: bigint;
  curators: { member: string; weight: bigint }[];
}

interface Claim {
  member: string;
  postId: string;
  role: RewardRole;
  share: Fraction;
}

/** Claims in canonical order (postId, role, like order), with exact fractions of the pool summing to 1. */
function buildClaims(scored: readonly ScoredPost[], curationPct: bigint): Claim[] {
  // Post p's share of the pool is score_p·(10000 + bonus_p) / W.
  const W = scored.reduce((sum, s) => sum + s.score * (BPS + s.bonusBps), 0n);
  const claims: Claim[] = [];
  for (const { post, score, bonusBps, curators } of scored) {
    const curationTotal = curators.reduce((sum, c) => sum + c.weight, 0n);
    const curatorPct = curationTotal > 0n ? curationPct : 0n; // nobody to pay: the author keeps it
    const authorClaim: Claim = {
      member: post.author,
      postId: post.postId,
      role: 'author',
      share: { num: score * BPS * (PERCENT - curatorPct), den: W * PERCENT },
    };
    claims.push(authorClaim);
    if (curatorPct > 0n) {
      for (const c of curators) {
        claims.push({
          member: c.member,
          postId: post.postId,
          role: 'curator',
          share: { num: score * BPS * curatorPct * c.weight, den: W * PERCENT * curationTotal },
        });
      }
    }
    if (bonusBps > 0n) {
      claims.push({ member: post.author, postId: post.postId, role: 'bonus', share: { num: score * bonusBps, den: W } });
    }
  }
  return claims;
}

/** A post's likes that earn: in time order (ties: member), each member's first, no self or muted likes, weight > 0. */
function eligibleLikes(post: RewardPost, mutedMembers: ReadonlySet<string>): { member: string; weight: number; at: number; earns: boolean }[] {
  const likes = post.likes.map((like) => {
    const at = like.at instanceof Date ? like.at.getTime() : like.at;
    if (!Number.isFinite(at)) throw new RangeError(`A like on ${post.postId} has no valid time`);
    if (!Number.isSafeInteger(like.weight) || like.weight < 0) {
      throw new RangeError(`Like weights are non-negative integers; ${like.member} on ${post.postId} has ${like.weight}`);
    }
    return { member: like.member, weight: like.weight, at, earns: like.earns !== false };
  });
  likes.sort((a, b) => a.at - b.at || compareText(a.member, b.member) || b.weight - a.weight);
  const seen = new Set<string>();
  return likes.filter((like) => {
    const first = !seen.has(like.member);
    seen.add(like.member);
    return first && like.weight > 0 && like.member !== post.author && !mutedMembers.has(like.member);
  });
}

/** The sum of a post's downvote weights that count: each member's once (their largest), none by a muted member. */
function downvoteTotal(post: RewardPost, mutedMembers: ReadonlySet<string>): bigint {
  const byMember = new Map<string, number>();
  for (const downvote of post.downvotes ?? []) {
    if (!Number.isSafeInteger(downvote.weight) || downvote.weight < 0) {
      throw new RangeError(`Downvote weights are non-negative integers; ${downvote.member} on ${post.postId} has ${downvote.weight}`);
    }
    if (mutedMembers.has(downvote.member)) continue;
    byMember.set(downvote.member, Math.max(byMember.get(downvote.member) ?? 0, downvote.weight));
  }
  let total = 0n;
  for (const weight of byMember.values()) total += BigInt(weight);
  return total;
}

function bonusBasisPoints(post: RewardPost, params: RewardParams, mutedMembers: ReadonlySet<string>): bigint {
  const featured = post.featured ? nonNegativeBps('featuredBonusBps', params.featuredBonusBps) : 0n;
  const perComment = nonNegativeBps('commentBonusBps', params.commentBonusBps);
  const commenters =
    typeof post.comments === 'number'
      ? BigInt(Math.max(0, Math.floor(post.comments)))
      : BigInt(new Set((post.comments ?? []).map((c) => c.member).filter((m) => m !== post.author && !mutedMembers.has(m))).size);
  let comment = perComment * commenters;
  if (params.maxCommentBonusBps !== undefined) {
    const max = nonNegativeBps('maxCommentBonusBps', params.maxCommentBonusBps);
    if (comment > max) comment = max;
  }
  return featured + comment;
}

/** Scales each over-cap member down to their remaining cap; what is cut is listed in `capped` (and stays in carryOver). */
function applyDailyCap(
  allocations: readonly RewardAllocation[],
  cap: bigint,
  earnedToday: Readonly<Record<string, bigint>> = {},
): { allocations: RewardAllocation[]; capped: CappedAmount[] } {
  if (cap < 0n) throw new RangeError('dailyCapPerMember cannot be negative');
  const linesOf = new Map<string, number[]>();
  allocations.forEach((a, i) => linesOf.set(a.member, [...(linesOf.get(a.member) ?? []), i]));
  const next = allocations.map((a) => ({ ...a }));
  const capped: CappedAmount[] = [];
  for (const member of [...linesOf.keys()].sort(compareText)) {
    const lines = linesOf.get(member) as number[];
    const total = lines.reduce((sum, i) => sum + next[i].amount, 0n);
    const earned = earnedToday[member] ?? 0n;
    const room = cap > earned ? cap - earned : 0n;
    if (total <= room) continue;
    // Lines are in canonical order, so ties in the scaling go to the earlier line.
    const scaled =
      room > 0n
        ? apportionByWeights(
            room,
            lines.map((i) => next[i].amount),
          )
        : lines.map(() => 0n);
    lines.forEach((i, k) => (next[i].amount = scaled[k]));
    capped.push({ member, amount: total - room });
  }
  return { allocations: next.filter((a) => a.amount > 0n), capped };
}

function postExponent(value: number | string): Exponent {
  const { min, max } = SCOT_POST_REWARD_CURVE_RANGE;
  return parseExponent(value, 'postRewardCurveParameter', min, max);
}

function curationExponent(value: number | string): Exponent {
  const { min, max } = SCOT_CURATION_REWARD_CURVE_RANGE;
  return parseExponent(value, 'curationRewardCurveParameter', min, max);
}

function wholePercent(value: number): bigint {
  if (!Number.isInteger(value) || value < 0 || value > 100) {
    throw new RangeError(`curationRewardPercentage must be a whole number from 0 to 100, got ${value}`);
  }
  return BigInt(value);
}

function nonNegativeBps(name: string, value: number | undefined): bigint {
  if (value === undefined) return 0n;
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative whole number of basis points, got ${value}`);
  return BigInt(value);
}
