/**
 * Reward presets: three plain-language choices a board admin can make
 * instead of the contract's expert parameters (curve exponents, power
 * consumption). A preset sets every parameter below; "custom" (and a board
 * saved before presets existed) leaves them to the board's own fields.
 *
 * What each promises in words is derived from its numbers (likesPerDayAtFullValue,
 * cashoutWindowDays), and presets.test.ts checks the words against the
 * vote-power maths, so the description cannot drift from the behaviour.
 */
export const REWARD_PRESETS = ['custom', 'generous', 'balanced', 'slow'] as const;
export type RewardPreset = (typeof REWARD_PRESETS)[number];
export type NamedPreset = Exclude<RewardPreset, 'custom'>;

/** The economics fields a preset sets, with the contract's names. */
export interface PresetParameters {
  cashoutWindowDays: number;
  curationRewardPercentage: number;
  postRewardCurveParameter: number;
  curationRewardCurveParameter: number;
  votePowerConsumption: number;
  voteRegenerationDays: number;
  downvotePowerConsumption: number;
  downvoteRegenerationDays: number;
}

export interface PresetDescription {
  /** How many likes a day a member can give, day after day, each worth at least 90 % of a full like. */
  likesPerDayAtFullValue: number;
  /** Days from a post going live to its rewards being settled. */
  paidAfterDays: number;
  /** Share of a post's reward that goes to the members who liked it. */
  likersSharePercent: number;
}

export const PRESET_PARAMETERS: Readonly<Record<NamedPreset, PresetParameters>> = {
  // Many likes a day, paid the next day, every liker paid alike (linear curation: no early-bird bonus).
  generous: {
    cashoutWindowDays: 1,
    curationRewardPercentage: 50,
    postRewardCurveParameter: 1,
    curationRewardCurveParameter: 1,
    votePowerConsumption: 100,
    voteRegenerationDays: 5,
    downvotePowerConsumption: 200,
    downvoteRegenerationDays: 5,
  },
  // Hive-Engine's usual pace per like, paid after three days; early likers earn a little more.
  balanced: {
    cashoutWindowDays: 3,
    curationRewardPercentage: 50,
    postRewardCurveParameter: 1,
    curationRewardCurveParameter: 0.5,
    votePowerConsumption: 200,
    voteRegenerationDays: 5,
    downvotePowerConsumption: 200,
    downvoteRegenerationDays: 5,
  },
  // Few likes worth much, paid after a week; most of a post's reward to its author.
  slow: {
    cashoutWindowDays: 7,
    curationRewardPercentage: 25,
    postRewardCurveParameter: 1,
    curationRewardCurveParameter: 0.5,
    votePowerConsumption: 400,
    voteRegenerationDays: 5,
    downvotePowerConsumption: 400,
    downvoteRegenerationDays: 5,
  },
};

/** The plain-language promises of each named preset, as numbers. */
export const PRESET_DESCRIPTIONS: Readonly<Record<NamedPreset, PresetDescription>> = {
  generous: { likesPerDayAtFullValue: 20, paidAfterDays: 1, likersSharePercent: 50 },
  balanced: { likesPerDayAtFullValue: 10, paidAfterDays: 3, likersSharePercent: 50 },
  slow: { likesPerDayAtFullValue: 5, paidAfterDays: 7, likersSharePercent: 25 },
};

export function isRewardPreset(value: unknown): value is RewardPreset {
  return typeof value === 'string' && (REWARD_PRESETS as readonly string[]).includes(value);
}

/** The board's economics fields with its preset's parameters in place of its own; unchanged for "custom" or no preset. */
export function withPreset(data: Record<string, unknown>): Record<string, unknown> {
  const preset = data.preset;
  if (!isRewardPreset(preset) || preset === 'custom') return data;
  return { ...data, ...PRESET_PARAMETERS[preset] };
}

/** One line per preset for the admin's field help: what a like is worth and when rewards come. */
export function presetHelp(): string {
  const line = (name: NamedPreset) => {
    const d = PRESET_DESCRIPTIONS[name];
    const paid = d.paidAfterDays === 1 ? 'the day after a post' : `${d.paidAfterDays} days after a post`;
    return `${name}: each member can give about ${d.likesPerDayAtFullValue} full-value likes a day; rewards are paid ${paid}; likers share ${d.likersSharePercent} % of a post's reward.`;
  };
  return `${line('generous')} ${line('balanced')} ${line('slow')} custom: the expert fields below decide (a preset overrides them).`;
}
