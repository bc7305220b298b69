import { economicsProblems, readEconomics } from './economics';
import { PRESET_DESCRIPTIONS, PRESET_PARAMETERS, presetHelp, withPreset, type NamedPreset } from './presets';
import { powerAfterLike, votePowerAt, type VotePowerParams } from './vote-power';
import { SCOT_MAX_VOTING_POWER } from '../chain/protocol';

const DAY_MS = 24 * 3600 * 1000;
const NAMED = Object.keys(PRESET_PARAMETERS) as NamedPreset[];
const board = { enabled: true, symbol: 'MAPLE', precision: 3, issuer: 'maple-tokens', mode: 'issue', rewardPerInterval: '10', rewardIntervalSeconds: 3600 };

/** The weights of a member liking `perDay` times a day, evenly spread, for `days` days (each like weighs the power before it). */
function likeWeights(params: VotePowerParams, perDay: number, days: number): number[] {
  let state: { power: number; at: number } | undefined;
  const weights: number[] = [];
  for (let k = 0; k < perDay * days; k += 1) {
    const at = Math.round((k * DAY_MS) / perDay);
    const power = votePowerAt(state, at, params);
    weights.push(power);
    state = { power: powerAfterLike(power, params), at };
  }
  return weights;
}

describe('reward presets', () => {
  it.each(NAMED)('%s passes the contract ranges the board fields are checked against', (name) => {
    expect(economicsProblems({ ...board, ...PRESET_PARAMETERS[name], preset: name })).toEqual([]);
  });

  it.each(NAMED)('%s keeps its word: that many likes a day stay at 90 %% of a full like for a month, twice as many do not', (name) => {
    const params = { votePowerConsumption: PRESET_PARAMETERS[name].votePowerConsumption, voteRegenerationDays: PRESET_PARAMETERS[name].voteRegenerationDays };
    const promised = PRESET_DESCRIPTIONS[name].likesPerDayAtFullValue;
    expect(Math.min(...likeWeights(params, promised, 30))).toBeGreaterThanOrEqual(0.9 * SCOT_MAX_VOTING_POWER);
    const doubled = likeWeights(params, 2 * promised, 30);
    expect(doubled[doubled.length - 1]).toBeLessThan(0.9 * SCOT_MAX_VOTING_POWER);
  });

  it.each(NAMED)('%s pays when and to whom it says', (name) => {
    const economics = readEconomics({ economics: { ...board, preset: name } }, {})!;
    expect(economics.cashoutSeconds).toBe(PRESET_DESCRIPTIONS[name].paidAfterDays * 24 * 3600);
    expect(economics.params.curationRewardPercentage).toBe(PRESET_DESCRIPTIONS[name].likersSharePercent);
    expect(economics.votePower.votePowerConsumption).toBe(PRESET_PARAMETERS[name].votePowerConsumption);
    expect(presetHelp()).toContain(`${name}: each member can give about ${PRESET_DESCRIPTIONS[name].likesPerDayAtFullValue} full-value likes a day`);
  });

  it("overrides the board's expert fields; custom and boards saved before presets keep them", () => {
    const expert = { ...board, cashoutWindowDays: 14, votePowerConsumption: 1000, curationRewardPercentage: 10 };
    expect(readEconomics({ economics: { ...expert, preset: 'generous' } }, {})!.votePower.votePowerConsumption).toBe(100);
    for (const kept of [{ ...expert, preset: 'custom' }, expert, { ...expert, preset: null }]) {
      const economics = readEconomics({ economics: kept }, {})!;
      expect([economics.cashoutSeconds, economics.votePower.votePowerConsumption, economics.params.curationRewardPercentage]).toEqual([
        14 * 24 * 3600,
        1000,
        10,
      ]);
    }
    expect(withPreset({ preset: 'custom', cashoutWindowDays: 2 })).toEqual({ preset: 'custom', cashoutWindowDays: 2 });
  });

  it('refuses a pace that is not one of the presets, naming them', () => {
    const problems = economicsProblems({ ...board, preset: 'fast' });
    expect(problems).toEqual([{ path: ['economics', 'preset'], message: expect.stringContaining('custom, generous, balanced, slow') }]);
  });
});
