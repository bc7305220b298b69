import { cashoutSecondsFor, economicsProblems, presentationOf, readEconomics } from './economics';

const valid = { enabled: true, symbol: 'MAPLE', precision: 3, issuer: 'maple-tokens', mode: 'issue', rewardPerInterval: '2.5', rewardIntervalSeconds: 60 };
const fields = (data: Record<string, unknown>, fallback?: string) => economicsProblems(data, fallback).map((p) => p.path[1]);

describe('economicsProblems', () => {
  it('accepts sensible economics and an empty component', () => {
    expect(economicsProblems(valid)).toEqual([]);
    expect(economicsProblems({ enabled: false })).toEqual([]);
    expect(economicsProblems(null)).toEqual([]);
  });

  it('names each wrong field with a fix an admin understands', () => {
    const problems = economicsProblems({
      ...valid,
      symbol: 'maple!',
      issuer: 'Maple',
      rewardPerInterval: '1.23456',
      cashoutWindowDays: 31,
      curationRewardPercentage: 101,
      postRewardCurveParameter: 2.5,
      curationRewardCurveParameter: 0.4,
      votePowerConsumption: 0,
      voteRegenerationDays: 31,
      rewardReductionPercentage: 5,
    });
    expect(problems.map((p) => p.path[1]).sort()).toEqual(
      [
        'symbol',
        'issuer',
        'rewardPerInterval',
        'cashoutWindowDays',
        'curationRewardPercentage',
        'postRewardCurveParameter',
        'curationRewardCurveParameter',
        'votePowerConsumption',
        'voteRegenerationDays',
        'rewardReductionIntervalSeconds',
      ].sort(),
    );
    const byField = Object.fromEntries(problems.map((p) => [p.path[1], p.message]));
    expect(byField.issuer).toMatch(/lowercase/);
    expect(byField.rewardPerInterval).toMatch(/more decimals than the token's 3/);
    expect(byField.cashoutWindowDays).toMatch(/1 to 30 days/);
  });

  it("requires a symbol (or the board's token), an issuer and a positive reward only when switched on", () => {
    expect(fields({ enabled: true })).toEqual(['symbol', 'issuer', 'rewardPerInterval']);
    expect(fields({ enabled: true, issuer: 'maple-tokens', rewardPerInterval: '1' }, 'MAPLE')).toEqual([]);
    expect(fields({ ...valid, rewardPerInterval: '0' })).toEqual(['rewardPerInterval']);
    expect(fields({ ...valid, rewardPerInterval: '1,5' })).toEqual(['rewardPerInterval']);
  });
});

describe('readEconomics', () => {
  it('reads base units, defaults and lists; null when off or invalid', () => {
    const e = readEconomics(
      {
        tokenSymbol: 'X',
        economics: { ...valid, excludeTags: 'Admin, #news', mutedMembers: '@Eve\nmallory', mutedPosts: 'abc, some-slug', dailyRewardCap: '10' },
      },
      {},
    )!;
    expect(e).toMatchObject({ symbol: 'MAPLE', precision: 3, issuer: 'maple-tokens', mode: 'issue', cashoutSeconds: 7 * 86400, dailyLikeLimit: null });
    expect(e.emission).toEqual({ rewardPerInterval: 2500n, rewardIntervalSeconds: 60 });
    expect(e.votePower).toEqual({ votePowerConsumption: 200, voteRegenerationDays: 5 });
    expect(e.params).toMatchObject({
      curationRewardPercentage: 50,
      postRewardCurveParameter: '1',
      curationRewardCurveParameter: '0.5',
      excludeTags: ['admin', 'news'],
      dailyCapPerMember: 10000n,
    });
    expect(e.mutedUsernames).toEqual(['eve', 'mallory']);
    expect(e.mutedPostRefs).toEqual(['abc', 'some-slug']);
    expect(readEconomics({ economics: { ...valid, enabled: false } })).toBeNull();
    expect(readEconomics({ economics: { ...valid, symbol: 'bad' } })).toBeNull();
    expect(readEconomics({ economics: null })).toBeNull();
  });

  it("lets REWARDS_CASHOUT_SECONDS override every board's cashout window", () => {
    expect(cashoutSecondsFor(3, {})).toBe(3 * 86400);
    expect(cashoutSecondsFor(3, { REWARDS_CASHOUT_SECONDS: '5' })).toBe(5);
    expect(readEconomics({ economics: { ...valid, cashoutWindowDays: 2 } }, { REWARDS_CASHOUT_SECONDS: '4' })!.cashoutSeconds).toBe(4);
  });
});

describe('reward-pool parameters (Hive-Engine comments contract ranges)', () => {
  it('accepts the range ends and an app tax of the contract shape', () => {
    expect(
      economicsProblems({
        ...valid,
        stakedRewardPercentage: 100,
        downvotePowerConsumption: 10000,
        downvoteRegenerationDays: 30,
        disableDownvote: true,
        appTaxConfig: { app: 'quanzi', percent: 100, beneficiary: 'quanzi-fund' },
        tags: 'a, b, c, d, e',
        excludeTags: 'f, g, h, i, j',
      }),
    ).toEqual([]);
    expect(economicsProblems({ ...valid, stakedRewardPercentage: 0, downvotePowerConsumption: 1, downvoteRegenerationDays: 1 })).toEqual([]);
  });

  it('names each field out of range, with a message that names it', () => {
    const problems = economicsProblems({
      ...valid,
      stakedRewardPercentage: 101,
      downvotePowerConsumption: 0,
      downvoteRegenerationDays: 31,
      disableDownvote: 'yes',
      tags: 'a, b, c, d, e, f',
      excludeTags: 'a, b, c, d, e, f',
    });
    expect(problems.map((p) => p.path[1]).sort()).toEqual(
      ['stakedRewardPercentage', 'downvotePowerConsumption', 'downvoteRegenerationDays', 'disableDownvote', 'tags', 'excludeTags'].sort(),
    );
    for (const p of problems) expect(p.message).toContain(p.path[1]);
    expect(fields({ ...valid, stakedRewardPercentage: 12.5 })).toEqual(['stakedRewardPercentage']);
  });

  it('checks appTaxConfig as the contract does: app, percent 1..100, a valid beneficiary account', () => {
    const tax = (config: unknown) => economicsProblems({ ...valid, appTaxConfig: config }).map((p) => p.path.slice(1).join('.'));
    expect(tax(null)).toEqual([]);
    expect(tax('10%')).toEqual(['appTaxConfig']);
    expect(tax({ percent: 10, beneficiary: 'quanzi-fund' })).toEqual(['appTaxConfig.app']);
    expect(tax({ app: 'quanzi', percent: 0, beneficiary: 'quanzi-fund' })).toEqual(['appTaxConfig.percent']);
    expect(tax({ app: 'quanzi', percent: 101, beneficiary: 'quanzi-fund' })).toEqual(['appTaxConfig.percent']);
    expect(tax({ app: 'quanzi', percent: 10, beneficiary: 'No' })).toEqual(['appTaxConfig.beneficiary']);
  });

  it("reads a board saved before these fields as today's behaviour: all liquid, every post, no tax", () => {
    const economics = readEconomics({ economics: valid });
    expect(economics?.pool).toEqual({
      stakedRewardPercentage: 0,
      downvotePowerConsumption: 200,
      downvoteRegenerationDays: 5,
      disableDownvote: false,
      appTaxConfig: null,
    });
    expect(economics?.params.tags).toEqual([]);
    // More excludeTags than a pool takes, saved before the limit: refused on the next save, still read.
    const legacy = { ...valid, excludeTags: 'a, b, c, d, e, f' };
    expect(fields(legacy)).toEqual(['excludeTags']);
    expect(readEconomics({ economics: legacy })?.params.excludeTags).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(readEconomics({ economics: { ...valid, stakedRewardPercentage: 50, tags: '#News, art' } })?.pool.stakedRewardPercentage).toBe(50);
    expect(readEconomics({ economics: { ...valid, tags: '#News, art' } })?.params.tags).toEqual(['news', 'art']);
  });
});

describe('downvote power', () => {
  it("reads the board's downvote settings as their own power store, none when downvotes are off", () => {
    expect(readEconomics({ economics: valid })?.downvotePower).toEqual({ votePowerConsumption: 200, voteRegenerationDays: 5 });
    expect(readEconomics({ economics: { ...valid, downvotePowerConsumption: 1000, downvoteRegenerationDays: 2 } })?.downvotePower).toEqual({
      votePowerConsumption: 1000,
      voteRegenerationDays: 2,
    });
    expect(readEconomics({ economics: { ...valid, disableDownvote: true } })?.downvotePower).toBeNull();
  });
});

describe('presentation', () => {
  it("is the board's own, token unless it says points; the deployment's REWARDS_PRESENTATION=points makes every board points", () => {
    expect(readEconomics({ economics: valid }, {})!.presentation).toBe('token');
    expect(readEconomics({ economics: { ...valid, presentation: 'points' } }, {})!.presentation).toBe('points');
    expect(readEconomics({ economics: { ...valid, presentation: 'token' } }, { REWARDS_PRESENTATION: 'points' })!.presentation).toBe('points');
    expect(presentationOf(null, { REWARDS_PRESENTATION: 'points' })).toBe('points');
    // Any other value leaves each board its own choice.
    expect(presentationOf({ presentation: 'token' }, { REWARDS_PRESENTATION: 'tokens' })).toBe('token');
  });
});
