/**
 * A vote's mana and rshares, as hived 1.28 computes them after HF28
 * (libraries/chain/hive_evaluator_social.cpp hf20_vote_evaluator with
 * HIVE_HARDFORK_1_28_STABLE_VOTE): the mana a vote uses no longer depends on the
 * voter's current mana, only on their effective vesting shares and the weight.
 *
 *   used_mana = ceil( vests × |weight| × 86400 / 10000 / (vote_power_reserve_rate × 432000) )
 *   rshares   = max(0, used_mana − HIVE_VOTE_DUST_THRESHOLD), scaled down linearly
 *               in the last 12 hours before cashout (HIVE_UPVOTE_LOCKOUT_SECONDS),
 *               negative for a downvote.
 *
 * So a full vote of an account is 2 % of its VESTS (in millionths) minus 50 million
 * rshares: accounts with less than ~2,500 VESTS (about 1.3 HP) vote 0 rshares.
 */
import {
  DOWNVOTE_POOL_PERCENT,
  HIVE_100_PERCENT,
  UPVOTE_LOCKOUT_SECONDS,
  VOTE_DUST_THRESHOLD,
  VOTE_POWER_RESERVE_RATE,
  VOTING_MANA_REGENERATION_SECONDS,
} from './protocol';

const SECONDS_PER_DAY = 24 * 60 * 60;

/** The voting mana a vote of `weight` (−10000..10000) uses, for effective vesting shares in millionths of a VEST. */
export function voteUsedMana(effectiveVests: number, weight: number): number {
  const numerator = (BigInt(effectiveVests) * BigInt(Math.abs(weight)) * BigInt(SECONDS_PER_DAY)) / BigInt(HIVE_100_PERCENT);
  const denominator = BigInt(VOTE_POWER_RESERVE_RATE * VOTING_MANA_REGENERATION_SECONDS);
  return Number((numerator + denominator - 1n) / denominator);
}

/** The rshares a vote adds to a comment (signed), `secondsToCashout` from the vote to the comment's cashout. */
export function voteRshares(usedMana: number, weight: number, secondsToCashout: number): number {
  let abs = Math.max(0, usedMana - VOTE_DUST_THRESHOLD);
  if (secondsToCashout < UPVOTE_LOCKOUT_SECONDS) abs = Number((BigInt(abs) * BigInt(Math.max(0, secondsToCashout))) / BigInt(UPVOTE_LOCKOUT_SECONDS));
  return weight < 0 ? -abs : abs;
}

/** util::update_manabar: the downvote manabar's maximum is 25 % of the voting one (dgpo.downvote_pool_percent). */
export function downvoteMaxMana(effectiveVests: number): number {
  return Math.floor((effectiveVests * DOWNVOTE_POOL_PERCENT) / HIVE_100_PERCENT);
}
