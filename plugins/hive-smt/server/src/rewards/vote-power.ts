/**
 * SCOT-style vote power (Hive-Engine `comments` contract, `vote` action): each
 * like spends a share of the member's power, which regenerates linearly to
 * full over voteRegenerationDays. A like weighs the power the member had when
 * liking, so likes handed out in bulk are worth less each. Integers only:
 * power is 0..SCOT_MAX_VOTING_POWER (safe integers), times are epoch milliseconds.
 */
import { SCOT_MAX_VOTING_POWER, SCOT_VOTE_REGENERATION_DAYS_RANGE } from '../chain/protocol';
import { compareText } from '../text/order';

export interface VotePowerParams {
  /** Power one full like uses, in hundredths of a percent of the current power: 200 ≈ 10 full likes a day. */
  votePowerConsumption: number;
  /** Days from empty to full power. */
  voteRegenerationDays: number;
}

/** A member's power at a moment; a member never seen has full power. */
export interface VotePowerState {
  power: number;
  at: number;
}

const DAY_MS = 24 * 3600 * 1000;
const DAY_SECONDS = 24 * 3600;

/** Power at `atMs` after regenerating from `state` (full when unknown), capped at SCOT_MAX_VOTING_POWER. */
export function votePowerAt(state: VotePowerState | undefined, atMs: number, params: VotePowerParams): number {
  assertParams(params);
  if (!state) return SCOT_MAX_VOTING_POWER;
  const elapsed = Math.max(0, atMs - state.at);
  // elapsed · 10000 can pass 2^53 after a few decades of ms: bigint keeps the floor exact.
  const regenerated = (BigInt(elapsed) * BigInt(SCOT_MAX_VOTING_POWER)) / BigInt(params.voteRegenerationDays * DAY_MS);
  const power = BigInt(state.power) + regenerated;
  return Number(power > BigInt(SCOT_MAX_VOTING_POWER) ? BigInt(SCOT_MAX_VOTING_POWER) : power);
}

/** Power left after one full like made with `power` (the contract's rounding: the cost rounds up). */
export function powerAfterLike(power: number, params: VotePowerParams): number {
  assertParams(params);
  const cost = power * DAY_SECONDS;
  const perUnit = Math.floor((SCOT_MAX_VOTING_POWER * DAY_SECONDS) / params.votePowerConsumption);
  const used = Math.floor((cost + perUnit - 1) / perUnit);
  return Math.max(0, power - used);
}

export interface LikeEvent {
  member: string;
  postId: string;
  /** Epoch milliseconds. */
  at: number;
}

export interface WeighedLike extends LikeEvent {
  weight: number;
}

export interface LikeWeighingContext {
  /** The post's author; a like by the author is a self-like. */
  authorOf: (postId: string) => string | undefined;
  mutedMembers?: Iterable<string>;
  /** Each member's power as the previous period left it. */
  initialPower?: ReadonlyMap<string, VotePowerState>;
}

/**
 * Every like's weight, replaying likes in time order (ties: member, then post).
 * A like weighs the member's power at that moment and then spends it.
 * Self-likes, likes by muted members and repeated likes of the same post weigh
 * 0 and spend nothing. Returns the weighed likes in replay order and each
 * member's power afterwards (to carry into the next period).
 */
export function weighLikes(
  likes: readonly LikeEvent[],
  context: LikeWeighingContext,
  params: VotePowerParams,
): { likes: WeighedLike[]; powers: Map<string, VotePowerState> } {
  assertParams(params);
  const muted = new Set(context.mutedMembers ?? []);
  const powers = new Map<string, VotePowerState>(context.initialPower ?? []);
  const seen = new Set<string>();
  const ordered = [...likes].sort((a, b) => a.at - b.at || compareText(a.member, b.member) || compareText(a.postId, b.postId));
  const out: WeighedLike[] = [];
  for (const like of ordered) {
    if (!Number.isFinite(like.at)) throw new RangeError(`Like by ${like.member} has no valid time`);
    const key = JSON.stringify([like.member, like.postId]);
    const ignored = muted.has(like.member) || context.authorOf(like.postId) === like.member || seen.has(key);
    seen.add(key);
    if (ignored) {
      out.push({ ...like, weight: 0 });
      continue;
    }
    const power = votePowerAt(powers.get(like.member), like.at, params);
    powers.set(like.member, { power: powerAfterLike(power, params), at: like.at });
    out.push({ ...like, weight: power });
  }
  return { likes: out, powers };
}

function assertParams(params: VotePowerParams): void {
  const { votePowerConsumption: c, voteRegenerationDays: d } = params;
  if (!Number.isInteger(c) || c < 1 || c > SCOT_MAX_VOTING_POWER) {
    throw new RangeError(`votePowerConsumption must be a whole number from 1 to ${SCOT_MAX_VOTING_POWER}, got ${c}`);
  }
  const { min, max } = SCOT_VOTE_REGENERATION_DAYS_RANGE;
  if (!Number.isInteger(d) || d < min || d > max) {
    throw new RangeError(`voteRegenerationDays must be a whole number from ${min} to ${max}, got ${d}`);
  }
}
