/**
 * A board's token economics: the `economics` component admins fill in on the
 * Board (plugins/hive-smt/server/src/components/token-economics.json), checked with messages a
 * non-technical admin can act on, and read into the exact values the reward
 * engine uses (base units as bigint, exponents as text).
 *
 * Parameter names follow SCOT / the Hive-Engine `comments` contract
 * (rewardPerInterval, cashoutWindowDays, curationRewardPercentage, …).
 */
import { accountNameError } from '../chain/account-name';
import {
  ENGINE_MAX_PRECISION,
  ENGINE_SYMBOL_MAX_LENGTH,
  ENGINE_SYMBOL_PATTERN,
  SCOT_APP_TAX_PERCENT_RANGE,
  SCOT_CURATION_REWARD_CURVE_RANGE,
  SCOT_DOWNVOTE_POWER_CONSUMPTION_RANGE,
  SCOT_DOWNVOTE_REGENERATION_DAYS_RANGE,
  SCOT_MAX_TAGS_PER_POOL,
  SCOT_MAX_VOTING_POWER,
  SCOT_STAKED_REWARD_PERCENTAGE_RANGE,
  SCOT_POST_REWARD_CURVE_RANGE,
  SCOT_VOTE_REGENERATION_DAYS_RANGE,
} from '../chain/protocol';
import { toBaseUnits } from './quantity';
import type { RewardParams } from './math';
import type { EmissionSchedule } from './emission';
import type { VotePowerParams } from './vote-power';
import type { PayoutMode } from '../payouts/pack';
import { normaliseTag, type AppTaxConfig } from './pool-rules';
import { EARNING_PROOFS, TRUST_DEFAULTS, type EarningProof, type TrustRule } from './trust';
import { REWARD_PRESETS, isRewardPreset, withPreset } from './presets';

export const CASHOUT_WINDOW_DAYS_RANGE = { min: 1, max: 30 } as const;
const DAY_SECONDS = 24 * 3600;

/** What admins can leave empty, and what it means. */
export const ECONOMICS_DEFAULTS = {
  precision: 3,
  mode: 'issue' as PayoutMode,
  rewardIntervalSeconds: 3600,
  cashoutWindowDays: 7,
  curationRewardPercentage: 50,
  postRewardCurveParameter: 1,
  curationRewardCurveParameter: 0.5,
  votePowerConsumption: 200,
  voteRegenerationDays: 5,
  featuredBonusBps: 0,
  commentBonusBps: 0,
  /** 0: every reward is paid liquid, as before pools had a staked share. */
  stakedRewardPercentage: 0,
  downvotePowerConsumption: 200,
  downvoteRegenerationDays: 5,
  disableDownvote: false,
};

/**
 * The pool parameters of the `comments` contract that Quanzi stores with their
 * Hive-Engine names. stakedRewardPercentage and the app tax act on payouts;
 * the downvote ones govern POST /posts/{documentId}/downvote (like-writer.ts).
 */
export interface PoolParameters {
  stakedRewardPercentage: number;
  downvotePowerConsumption: number;
  downvoteRegenerationDays: number;
  disableDownvote: boolean;
  appTaxConfig: AppTaxConfig | null;
}

/**
 * Set to "points" in the environment, every board presents its token as points (a deployment of mini
 * programs, which may not show virtual-currency trading); otherwise each board's `presentation` decides.
 */
export const PRESENTATION_ENV = 'REWARDS_PRESENTATION';

export type Presentation = 'token' | 'points';

/** How members see a board's rewards: the deployment's REWARDS_PRESENTATION=points wins over the board's own choice. */
export function presentationOf(data: Record<string, unknown> | null | undefined, env: NodeJS.ProcessEnv = process.env): Presentation {
  return env[PRESENTATION_ENV] === 'points' || data?.presentation === 'points' ? 'points' : 'token';
}

/** A board's economics as the engine uses them. */
export interface BoardEconomics {
  symbol: string;
  precision: number;
  /** Issuer (mode issue) or treasury (mode transfer): signs payouts with its active key. */
  issuer: string;
  mode: PayoutMode;
  /**
   * "points": the token is shown as non-transferable points — members' rewards stay on their balance (never
   * paid out to a Hive account), spent only at the board's merchants; no transfers, no market links.
   */
  presentation: Presentation;
  emission: EmissionSchedule;
  /** Seconds from a post's first engagement window opening to its settlement (REWARDS_CASHOUT_SECONDS overrides the board's days). */
  cashoutSeconds: number;
  votePower: VotePowerParams;
  /**
   * Downvote power: its own store, spent and refilled by the same rule as vote power (the contract's
   * downvotePowerConsumption and downvoteRegenerationDays); null when the board turned downvotes off.
   */
  downvotePower: VotePowerParams | null;
  /** Members who may like at most this many times a day with weight (further likes are recorded, worth nothing). */
  dailyLikeLimit: number | null;
  /** Usernames, lowercase. */
  mutedUsernames: string[];
  /** Post documentIds or slugs. */
  mutedPostRefs: string[];
  /** Who earns and curates with full weight (trust.ts). */
  trust: TrustRule;
  pool: PoolParameters;
  /** Everything splitRewardPool needs except the per-period members (muted ids, earnedToday). */
  params: Omit<RewardParams, 'mutedMembers' | 'mutedPosts' | 'earnedToday'>;
}

export interface Problem {
  path: string[];
  message: string;
}

const list = (text: unknown): string[] =>
  typeof text === 'string'
    ? text
        .split(/[\n,;]+/)
        .map((s) => s.trim().replace(/^@/, ''))
        .filter(Boolean)
    : [];

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

const DECIMAL_TEXT = /^\d+(\.\d+)?$/;

/** The cashout window in seconds: REWARDS_CASHOUT_SECONDS (demos, tests) overrides every board's days. */
export function cashoutSecondsFor(days: number | null | undefined, env: NodeJS.ProcessEnv = process.env): number {
  const override = Number.parseInt(env.REWARDS_CASHOUT_SECONDS ?? '', 10);
  if (Number.isFinite(override) && override > 0) return override;
  return (days ?? ECONOMICS_DEFAULTS.cashoutWindowDays) * DAY_SECONDS;
}

/**
 * Everything wrong with an economics component as the admin typed it, with
 * the field and the fix. `fallbackSymbol` is the board's "Community token".
 */
export function economicsProblems(
  data: Record<string, unknown> | null | undefined,
  fallbackSymbol?: string | null,
  options: { reading?: boolean } = {},
): Problem[] {
  if (!data) return [];
  const problems: Problem[] = [];
  const add = (field: string, message: string) => problems.push({ path: ['economics', field], message });
  const enabled = data.enabled === true;

  const symbol = isBlank(data.symbol) ? (fallbackSymbol ?? '') : String(data.symbol);
  if (!isBlank(symbol) && (!ENGINE_SYMBOL_PATTERN.test(symbol) || symbol.length > ENGINE_SYMBOL_MAX_LENGTH)) {
    add('symbol', `"${symbol}" is not a Hive-Engine token symbol: 1 to ${ENGINE_SYMBOL_MAX_LENGTH} capital letters (one dot allowed inside), e.g. MAPLE.`);
  } else if (enabled && isBlank(symbol)) {
    add('symbol', 'Enter the token symbol (e.g. MAPLE), or fill in the board\'s "Community token", before switching rewards on.');
  }

  if (!isBlank(data.preset) && !isRewardPreset(data.preset)) {
    add('preset', `The reward pace is one of ${REWARD_PRESETS.join(', ')}.`);
  }

  const precision = isBlank(data.precision) ? ECONOMICS_DEFAULTS.precision : Number(data.precision);
  if (!Number.isInteger(precision) || precision < 0 || precision > ENGINE_MAX_PRECISION) {
    add('precision', `Decimals must be a whole number from 0 to ${ENGINE_MAX_PRECISION}: use the precision the token was created with on Hive-Engine.`);
  }

  if (!isBlank(data.issuer)) {
    const error = accountNameError(String(data.issuer));
    if (error) add('issuer', error);
  } else if (enabled) {
    add(
      'issuer',
      'Enter the Hive account that issues the token (or, in "transfer" mode, holds the tokens to pay out). Its active key must be set on the server.',
    );
  }

  if (!isBlank(data.mode) && data.mode !== 'issue' && data.mode !== 'transfer') {
    add('mode', 'Choose "issue" (create new tokens for each reward) or "transfer" (pay from the account\'s balance).');
  }

  const decimalField = (field: string, label: string, required: boolean) => {
    const raw = data[field];
    if (isBlank(raw)) {
      if (required) add(field, `Enter ${label}.`);
      return null;
    }
    const text = String(raw).trim();
    if (!DECIMAL_TEXT.test(text)) {
      add(field, `Write ${label} as a plain number such as 10 or 2.5 (a dot for decimals, no spaces or units); got "${text}".`);
      return null;
    }
    if (Number.isInteger(precision) && precision >= 0 && precision <= ENGINE_MAX_PRECISION) {
      try {
        return toBaseUnits(text, precision);
      } catch {
        add(field, `${text} has more decimals than the token's ${precision}; round it to ${precision} decimal${precision === 1 ? '' : 's'}.`);
      }
    }
    return null;
  };
  const perInterval = decimalField('rewardPerInterval', 'the tokens added to the reward pool per interval', enabled);
  if (enabled && perInterval === 0n) add('rewardPerInterval', 'The reward per interval must be more than 0, or switch rewards off.');
  decimalField('dailyRewardCap', 'the most tokens one member may earn per day (or leave it empty for no limit)', false);

  const intField = (field: string, min: number, max: number, message: string) => {
    const raw = data[field];
    if (isBlank(raw)) return null;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      add(field, message);
      return null;
    }
    return n;
  };
  const interval = intField(
    'rewardIntervalSeconds',
    1,
    365 * DAY_SECONDS,
    'The reward interval is a whole number of seconds, at least 1 (3600 = hourly, 86400 = daily).',
  );
  const reductionInterval = intField(
    'rewardReductionIntervalSeconds',
    1,
    Number.MAX_SAFE_INTEGER,
    'The reduction interval is a whole number of seconds (e.g. 2592000 = every 30 days); leave it empty for a constant reward.',
  );
  const pct = data.rewardReductionPercentage;
  if (!isBlank(pct)) {
    const n = Number(pct);
    if (!Number.isFinite(n) || n < 0 || n > 100 || Math.abs(Math.round(n * 100) - n * 100) > 1e-6) {
      add('rewardReductionPercentage', 'The reduction is a percentage from 0 to 100 with at most 2 decimals, e.g. 5 or 2.5.');
    } else if (n > 0 && reductionInterval === null) {
      add('rewardReductionIntervalSeconds', 'Say how often the reward shrinks (in seconds), or set the reduction percentage to 0.');
    }
  }
  if (reductionInterval !== null && reductionInterval < (interval ?? ECONOMICS_DEFAULTS.rewardIntervalSeconds)) {
    add('rewardReductionIntervalSeconds', 'The reduction interval cannot be shorter than the reward interval.');
  }

  const { min: cMin, max: cMax } = CASHOUT_WINDOW_DAYS_RANGE;
  intField('cashoutWindowDays', cMin, cMax, `Posts are rewarded ${cMin} to ${cMax} days after they go live (7 is usual).`);
  intField(
    'curationRewardPercentage',
    0,
    100,
    "The likers' share is a whole percentage from 0 to 100 (50 = half to the author, half to the people who liked).",
  );

  const exponent = (field: string, range: { min: number; max: number }, message: string) => {
    const raw = data[field];
    if (isBlank(raw)) return;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < range.min || n > range.max || Math.abs(Math.round(n * 100) - n * 100) > 1e-6) add(field, message);
  };
  exponent(
    'postRewardCurveParameter',
    SCOT_POST_REWARD_CURVE_RANGE,
    `The post reward curve is a number from ${SCOT_POST_REWARD_CURVE_RANGE.min} to ${SCOT_POST_REWARD_CURVE_RANGE.max} with at most 2 decimals (1 = rewards grow with likes; 2 = popular posts get much more).`,
  );
  exponent(
    'curationRewardCurveParameter',
    SCOT_CURATION_REWARD_CURVE_RANGE,
    `The curation curve is a number from ${SCOT_CURATION_REWARD_CURVE_RANGE.min} to ${SCOT_CURATION_REWARD_CURVE_RANGE.max} with at most 2 decimals (0.5 = early likers earn more; 1 = every like earns the same).`,
  );
  intField(
    'votePowerConsumption',
    1,
    SCOT_MAX_VOTING_POWER,
    `Vote power used per like is a whole number from 1 to ${SCOT_MAX_VOTING_POWER} (200 = about 10 full-strength likes a day).`,
  );
  const { min: rMin, max: rMax } = SCOT_VOTE_REGENERATION_DAYS_RANGE;
  intField('voteRegenerationDays', rMin, rMax, `Vote power refills in ${rMin} to ${rMax} days (5 is usual).`);
  intField('featuredBonusBps', 0, 100000, 'The featured bonus is in hundredths of a percent: 0 to 100000 (2500 = +25 %).');
  intField('commentBonusBps', 0, 10000, 'The bonus per commenter is in hundredths of a percent: 0 to 10000 (100 = +1 % per commenter).');
  intField('maxCommentBonusBps', 0, 100000, 'The most a post can get from comments is in hundredths of a percent: 0 to 100000 (e.g. 2000 = +20 %).');
  intField('dailyLikeLimit', 1, 10000, 'Likes per member per day that count is a whole number from 1 to 10000; leave empty for no limit.');
  intField('minAccountAgeDays', 0, 365, 'The account age before a member earns is a whole number of days from 0 to 365 (0 = from the first day).');
  intField('newMemberLikeWeightPercent', 0, 100, "A new member's like counts for a whole percentage from 0 to 100 of a like (1 = a hundredth).");
  if (!isBlank(data.earningProof) && !(EARNING_PROOFS as readonly string[]).includes(String(data.earningProof))) {
    add('earningProof', `Choose what members must show before they earn: ${EARNING_PROOFS.join(', ')}.`);
  }

  for (const field of ['excludeTags', 'tags'] as const) {
    const tags = list(data[field]);
    for (const tag of tags) {
      if (tag.length > 32) add(field, `The tag "${tag.slice(0, 40)}…" is longer than 32 characters; Hive tags are short words.`);
    }
    // Checked on write only: a board saved with more excludeTags before the limit existed keeps paying
    // rewards (readEconomics) until its next save, which must trim them.
    if (!options.reading && tags.length > SCOT_MAX_TAGS_PER_POOL) {
      add(
        field,
        `${field} lists ${tags.length} tags; a Hive-Engine reward pool takes at most ${SCOT_MAX_TAGS_PER_POOL}. Keep the ${SCOT_MAX_TAGS_PER_POOL} that matter.`,
      );
    }
  }

  const staked = SCOT_STAKED_REWARD_PERCENTAGE_RANGE;
  intField(
    'stakedRewardPercentage',
    staked.min,
    staked.max,
    `stakedRewardPercentage is a whole percentage from ${staked.min} to ${staked.max}: the part of each reward paid as staked tokens (0 = all liquid, 50 = half staked).`,
  );
  const dvPower = SCOT_DOWNVOTE_POWER_CONSUMPTION_RANGE;
  intField(
    'downvotePowerConsumption',
    dvPower.min,
    dvPower.max,
    `downvotePowerConsumption is a whole number from ${dvPower.min} to ${dvPower.max}: the downvote power one downvote uses (10000 = all of it).`,
  );
  const dvDays = SCOT_DOWNVOTE_REGENERATION_DAYS_RANGE;
  intField('downvoteRegenerationDays', dvDays.min, dvDays.max, `downvoteRegenerationDays is a whole number of days from ${dvDays.min} to ${dvDays.max}.`);
  if (!isBlank(data.disableDownvote) && typeof data.disableDownvote !== 'boolean') {
    add('disableDownvote', 'disableDownvote is yes or no (true or false).');
  }
  problems.push(...appTaxProblems(data.appTaxConfig));
  return problems;
}

/** The app tax as the contract checks it (assertAppTaxConfigValid): empty, or { app, percent 1..100, beneficiary }. */
function appTaxProblems(raw: unknown): Problem[] {
  if (isBlank(raw)) return [];
  const problem = (field: string, message: string): Problem[] => [{ path: ['economics', 'appTaxConfig', ...(field ? [field] : [])], message }];
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return problem('', 'appTaxConfig is an object {"app": "…", "percent": 1–100, "beneficiary": "hive-account"}, or leave it empty for no app tax.');
  }
  const { app, percent, beneficiary } = raw as Record<string, unknown>;
  if (typeof app !== 'string' || app.trim() === '') {
    return problem(
      'app',
      'appTaxConfig.app is the app name posts made with it carry in their json_metadata "app" (e.g. "quanzi"); posts of other apps pay the tax.',
    );
  }
  const { min, max } = SCOT_APP_TAX_PERCENT_RANGE;
  if (typeof percent !== 'number' || !Number.isInteger(percent) || percent < min || percent > max) {
    return problem('percent', `appTaxConfig.percent should be a whole number between ${min} and ${max}.`);
  }
  const accountError = typeof beneficiary === 'string' ? accountNameError(beneficiary) : 'Enter a Hive account name.';
  if (accountError) return problem('beneficiary', `appTaxConfig.beneficiary: ${accountError}`);
  return [];
}

/** appTaxConfig as stored (already validated), or null for none. */
function readAppTax(raw: unknown): AppTaxConfig | null {
  if (isBlank(raw) || typeof raw !== 'object') return null;
  const { app, percent, beneficiary } = raw as AppTaxConfig;
  return { app: app.trim(), percent, beneficiary };
}

/**
 * The economics the engine uses, or null when the board pays no token
 * rewards. Assumes the data passed economicsProblems (it was validated on write).
 */
export function readEconomics(
  board: { tokenSymbol?: string | null; economics?: Record<string, unknown> | null } | null | undefined,
  env: NodeJS.ProcessEnv = process.env,
): BoardEconomics | null {
  const saved = board?.economics;
  if (!saved || saved.enabled !== true) return null;
  if (economicsProblems(saved, board?.tokenSymbol, { reading: true }).length > 0) return null;
  // A named preset (presets.ts) sets the pace parameters; "custom" leaves them to the board's own fields.
  const data = withPreset(saved);
  const pick = <T>(value: T | null | undefined, fallback: T): T => (isBlank(value) ? fallback : (value as T));
  const precision = Number(pick(data.precision, ECONOMICS_DEFAULTS.precision));
  const symbol = String(isBlank(data.symbol) ? board?.tokenSymbol : data.symbol);
  const reductionPct = isBlank(data.rewardReductionPercentage) ? undefined : Number(data.rewardReductionPercentage);
  const reductionInterval = isBlank(data.rewardReductionIntervalSeconds) ? undefined : Number(data.rewardReductionIntervalSeconds);
  return {
    symbol,
    precision,
    issuer: String(data.issuer),
    mode: pick(data.mode, ECONOMICS_DEFAULTS.mode) as PayoutMode,
    presentation: presentationOf(data, env),
    emission: {
      rewardPerInterval: toBaseUnits(String(data.rewardPerInterval).trim(), precision),
      rewardIntervalSeconds: Number(pick(data.rewardIntervalSeconds, ECONOMICS_DEFAULTS.rewardIntervalSeconds)),
      ...(reductionPct && reductionInterval ? { rewardReductionIntervalSeconds: reductionInterval, rewardReductionPercentage: reductionPct } : {}),
    },
    cashoutSeconds: cashoutSecondsFor(isBlank(data.cashoutWindowDays) ? null : Number(data.cashoutWindowDays), env),
    votePower: {
      votePowerConsumption: Number(pick(data.votePowerConsumption, ECONOMICS_DEFAULTS.votePowerConsumption)),
      voteRegenerationDays: Number(pick(data.voteRegenerationDays, ECONOMICS_DEFAULTS.voteRegenerationDays)),
    },
    downvotePower: pick(data.disableDownvote as boolean | null | undefined, ECONOMICS_DEFAULTS.disableDownvote)
      ? null
      : {
          votePowerConsumption: Number(pick(data.downvotePowerConsumption, ECONOMICS_DEFAULTS.downvotePowerConsumption)),
          voteRegenerationDays: Number(pick(data.downvoteRegenerationDays, ECONOMICS_DEFAULTS.downvoteRegenerationDays)),
        },
    dailyLikeLimit: isBlank(data.dailyLikeLimit) ? null : Number(data.dailyLikeLimit),
    mutedUsernames: list(data.mutedMembers).map((u) => u.toLowerCase()),
    mutedPostRefs: list(data.mutedPosts),
    trust: {
      minAccountAgeDays: Number(pick(data.minAccountAgeDays, TRUST_DEFAULTS.minAccountAgeDays)),
      proof: pick(data.earningProof, TRUST_DEFAULTS.proof) as EarningProof,
      newMemberLikeWeightPercent: Number(pick(data.newMemberLikeWeightPercent, TRUST_DEFAULTS.newMemberLikeWeightPercent)),
    },
    // Rows saved before these fields existed have them empty: the defaults are the behaviour of that time.
    pool: {
      stakedRewardPercentage: Number(pick(data.stakedRewardPercentage, ECONOMICS_DEFAULTS.stakedRewardPercentage)),
      downvotePowerConsumption: Number(pick(data.downvotePowerConsumption, ECONOMICS_DEFAULTS.downvotePowerConsumption)),
      downvoteRegenerationDays: Number(pick(data.downvoteRegenerationDays, ECONOMICS_DEFAULTS.downvoteRegenerationDays)),
      disableDownvote: pick(data.disableDownvote as boolean | null | undefined, ECONOMICS_DEFAULTS.disableDownvote),
      appTaxConfig: readAppTax(data.appTaxConfig),
    },
    params: {
      curationRewardPercentage: Number(pick(data.curationRewardPercentage, ECONOMICS_DEFAULTS.curationRewardPercentage)),
      // Text, so 1.1 stays "1.1" for the exact exponent parser.
      postRewardCurveParameter: String(pick(data.postRewardCurveParameter, ECONOMICS_DEFAULTS.postRewardCurveParameter)),
      curationRewardCurveParameter: String(pick(data.curationRewardCurveParameter, ECONOMICS_DEFAULTS.curationRewardCurveParameter)),
      featuredBonusBps: Number(pick(data.featuredBonusBps, ECONOMICS_DEFAULTS.featuredBonusBps)),
      commentBonusBps: Number(pick(data.commentBonusBps, ECONOMICS_DEFAULTS.commentBonusBps)),
      ...(isBlank(data.maxCommentBonusBps) ? {} : { maxCommentBonusBps: Number(data.maxCommentBonusBps) }),
      excludeTags: list(data.excludeTags).map(normaliseTag),
      tags: list(data.tags).map(normaliseTag),
      ...(isBlank(data.dailyRewardCap) ? {} : { dailyCapPerMember: toBaseUnits(String(data.dailyRewardCap).trim(), precision) }),
    },
  };
}

/** Muted members and posts named in the economics, as lists the admin typed (for existence checks). */
export function mutedReferences(data: Record<string, unknown> | null | undefined): { usernames: string[]; posts: string[] } {
  return { usernames: list(data?.mutedMembers).map((u) => u.toLowerCase()), posts: list(data?.mutedPosts) };
}
