import fc from 'fast-check';
import { appTaxSplit, contractAppName, normaliseTag, qualifiesByTags, splitStakedReward, takeAppTax } from './pool-rules';
import { splitRewardPool, type RewardParams } from './math';

const units = fc.bigInt({ min: 0n, max: 10n ** 30n });
const percent = fc.integer({ min: 0, max: 100 });
const tag = fc.constantFrom('news', 'art', 'Life', '#food', 'meta', 'dev');

describe('splitStakedReward', () => {
  it('loses and creates no base unit: staked + liquid = total, both non-negative', () => {
    fc.assert(
      fc.property(units, percent, (total, pct) => {
        const { staked, liquid } = splitStakedReward(total, pct);
        expect(staked + liquid).toBe(total);
        expect(staked >= 0n && liquid >= 0n).toBe(true);
      }),
    );
  });
  it('stakes the floor of the percentage, as the contract rounds the staked part down', () => {
    fc.assert(
      fc.property(units, percent, (total, pct) => {
        const { staked } = splitStakedReward(total, pct);
        expect(staked * 100n <= total * BigInt(pct)).toBe(true);
        expect((staked + 1n) * 100n > total * BigInt(pct)).toBe(true);
      }),
    );
  });
  it('stakes more (never less) as the percentage grows', () => {
    fc.assert(
      fc.property(units, percent, percent, (total, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(splitStakedReward(total, lo).staked <= splitStakedReward(total, hi).staked).toBe(true);
      }),
    );
  });
  it('keeps 0 % all liquid (the behaviour before staking) and 100 % all staked', () => {
    expect(splitStakedReward(1001n, 0)).toEqual({ staked: 0n, liquid: 1001n });
    expect(splitStakedReward(1001n, 100)).toEqual({ staked: 1001n, liquid: 0n });
    expect(splitStakedReward(1001n, 50)).toEqual({ staked: 500n, liquid: 501n });
  });
  it('refuses percentages the contract refuses', () => {
    expect(() => splitStakedReward(10n, 101)).toThrow(RangeError);
    expect(() => splitStakedReward(10n, 2.5)).toThrow(RangeError);
    expect(() => splitStakedReward(-1n, 5)).toThrow(RangeError);
  });
});

describe('appTaxSplit', () => {
  const config = (pct: number) => ({ app: 'quanzi', percent: pct, beneficiary: 'quanzi-fund' });
  it('loses no base unit and taxes the floor of the percentage, for posts of other apps', () => {
    fc.assert(
      fc.property(units, fc.integer({ min: 1, max: 100 }), (amount, pct) => {
        const { tax, rest } = appTaxSplit(amount, config(pct), 'peakd');
        expect(tax + rest).toBe(amount);
        expect(tax * 100n <= amount * BigInt(pct) && (tax + 1n) * 100n > amount * BigInt(pct)).toBe(true);
      }),
    );
  });
  it('does not tax posts made with the configured app, or any post without a config', () => {
    fc.assert(
      fc.property(units, fc.integer({ min: 1, max: 100 }), (amount, pct) => {
        expect(appTaxSplit(amount, config(pct), 'quanzi')).toEqual({ tax: 0n, rest: amount });
        expect(appTaxSplit(amount, null, 'peakd')).toEqual({ tax: 0n, rest: amount });
      }),
    );
  });
  it('refuses a percent outside the contract range 1..100', () => {
    expect(() => appTaxSplit(10n, config(0), 'x')).toThrow(RangeError);
    expect(() => appTaxSplit(10n, config(101), 'x')).toThrow(RangeError);
  });
});

describe('takeAppTax', () => {
  const role = fc.constantFrom('author', 'curator', 'bonus');
  const allocation = fc.record({ postId: fc.constantFrom('p1', 'p2', 'p3'), role, amount: fc.bigInt({ min: 1n, max: 10n ** 24n }) });
  const total = (xs: ReadonlyArray<{ amount: bigint }>) => xs.reduce((s, x) => s + x.amount, 0n);
  const tax = (pct: number) => ({ app: 'peakd', percent: pct, beneficiary: 'peakd-fund' });

  it("places every base unit: what the authors keep, the others' shares and the taxes add up to the input", () => {
    fc.assert(
      fc.property(fc.array(allocation), fc.integer({ min: 1, max: 100 }), (allocations, pct) => {
        const out = takeAppTax(allocations, tax(pct), 'quanzi');
        expect(total(out.allocations) + total(out.taxes)).toBe(total(allocations));
        expect(out.allocations.every((a) => a.amount > 0n) && out.taxes.every((t) => t.amount > 0n && t.account === 'peakd-fund')).toBe(true);
      }),
    );
  });
  it('taxes author rewards only, each by the floor of the percentage; curators and bonuses are unchanged', () => {
    fc.assert(
      fc.property(fc.array(allocation), fc.integer({ min: 1, max: 100 }), (allocations, pct) => {
        const out = takeAppTax(allocations, tax(pct), 'quanzi');
        const others = (xs: ReadonlyArray<{ role: string }>) => xs.filter((a) => a.role !== 'author');
        expect(others(out.allocations)).toEqual(others(allocations));
        const expected = allocations.filter((a) => a.role === 'author').map((a) => (a.amount * BigInt(pct)) / 100n);
        expect(total(out.taxes)).toBe(expected.reduce((s, x) => s + x, 0n));
      }),
    );
  });
  it("takes nothing from posts made with the config's app, or without a config", () => {
    fc.assert(
      fc.property(fc.array(allocation), (allocations) => {
        expect(takeAppTax(allocations, { ...tax(50), app: 'quanzi' }, 'quanzi')).toEqual({ allocations, taxes: [] });
        expect(takeAppTax(allocations, null, 'quanzi')).toEqual({ allocations, taxes: [] });
      }),
    );
  });
  it('reads the app as the contract does: before the first slash, lowercased', () => {
    expect(contractAppName('Quanzi/0.1.0')).toBe('quanzi');
    expect(contractAppName('peakd')).toBe('peakd');
  });
});

describe('qualifiesByTags', () => {
  it('admits every post when the pool names no tags (the behaviour before pools had tags)', () => {
    fc.assert(fc.property(fc.array(tag), (tags) => expect(qualifiesByTags(tags, {})).toBe(true)));
  });
  it('admits a post exactly when it carries one of the pool tags and none of the excluded ones', () => {
    fc.assert(
      fc.property(fc.array(tag), fc.array(tag, { minLength: 1 }), fc.array(tag), (postTags, tags, excludeTags) => {
        const carried = new Set(postTags.map(normaliseTag));
        const expected = tags.some((t) => carried.has(normaliseTag(t))) && !excludeTags.some((t) => carried.has(normaliseTag(t)));
        expect(qualifiesByTags(postTags, { tags, excludeTags })).toBe(expected);
      }),
    );
  });
  it('compares tags without case or a leading #', () => {
    expect(qualifiesByTags(['#Food'], { tags: ['food'] })).toBe(true);
    expect(qualifiesByTags(['life'], { excludeTags: ['#LIFE'] })).toBe(false);
  });
});

describe('splitRewardPool with pool tags', () => {
  const params: RewardParams = { curationRewardPercentage: 0, postRewardCurveParameter: '1', curationRewardCurveParameter: '1' };
  const post = (postId: string, tags: string[]) => ({ postId, author: `a-${postId}`, tags, likes: [{ member: 'liker', weight: 10000, at: 1 }] });
  it('pays only posts carrying a pool tag; the pool is still wholly placed', () => {
    const split = splitRewardPool({ pool: 1000n, posts: [post('p1', ['news']), post('p2', ['art'])], params: { ...params, tags: ['news'] } });
    expect(split.allocations.map((a) => [a.postId, a.amount])).toEqual([['p1', 1000n]]);
    expect(split.carryOver).toBe(0n);
  });
});
