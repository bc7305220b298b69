import fc from 'fast-check';
import { emissionForInterval, emissionForIntervals } from './emission';

const DAY = 86400;

describe('emissionForInterval', () => {
  it('is flat without a reduction schedule', () => {
    const schedule = { rewardPerInterval: 1000n, rewardIntervalSeconds: DAY };
    expect([0, 1, 1000].map((i) => emissionForInterval(i, schedule))).toEqual([1000n, 1000n, 1000n]);
  });

  it('shrinks by the percentage each reduction period, from the interval that completes it', () => {
    const schedule = { rewardPerInterval: 1000n, rewardIntervalSeconds: DAY, rewardReductionIntervalSeconds: 7 * DAY, rewardReductionPercentage: 10 };
    expect(emissionForInterval(5, schedule)).toBe(1000n);
    expect(emissionForInterval(6, schedule)).toBe(900n); // ends on day 7
    expect(emissionForInterval(12, schedule)).toBe(900n);
    expect(emissionForInterval(13, schedule)).toBe(810n);
  });

  it('rounds each reduction down to whole base units, as the contract does', () => {
    const schedule = { rewardPerInterval: 999n, rewardIntervalSeconds: DAY, rewardReductionIntervalSeconds: DAY, rewardReductionPercentage: 10 };
    expect(emissionForInterval(0, schedule)).toBe(900n); // 999 − floor(99.9)
    expect(emissionForInterval(1, schedule)).toBe(810n);
  });

  it('accepts fractional percentages with up to 2 decimals', () => {
    const schedule = { rewardPerInterval: 100000n, rewardIntervalSeconds: DAY, rewardReductionIntervalSeconds: DAY, rewardReductionPercentage: 2.5 };
    expect(emissionForInterval(0, schedule)).toBe(97500n);
    expect(() => emissionForInterval(0, { ...schedule, rewardReductionPercentage: 2.555 })).toThrow(/at most 2 decimals/);
    expect(() => emissionForInterval(0, { ...schedule, rewardReductionPercentage: 101 })).toThrow(RangeError);
  });

  it('refuses a reduction period shorter than the interval', () => {
    expect(() =>
      emissionForInterval(0, { rewardPerInterval: 1n, rewardIntervalSeconds: DAY, rewardReductionIntervalSeconds: 60, rewardReductionPercentage: 1 }),
    ).toThrow(/no smaller than rewardIntervalSeconds/);
  });

  it('reaches zero and stays there with a 100 % reduction', () => {
    const schedule = { rewardPerInterval: 1000n, rewardIntervalSeconds: DAY, rewardReductionIntervalSeconds: 2 * DAY, rewardReductionPercentage: 100 };
    expect([0, 1, 2, 50].map((i) => emissionForInterval(i, schedule))).toEqual([1000n, 0n, 0n, 0n]);
  });
});

describe('emissionForIntervals', () => {
  it('sums consecutive intervals', () => {
    const schedule = { rewardPerInterval: 1000n, rewardIntervalSeconds: DAY, rewardReductionIntervalSeconds: 7 * DAY, rewardReductionPercentage: 10 };
    expect(emissionForIntervals(0, 14, schedule)).toBe(6n * 1000n + 7n * 900n + 810n);
  });

  it('equals the sum of single intervals, and never grows over time', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 5000 }).map((bps) => bps / 100),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 20 }),
        (reward, interval, factor, pct, first, count) => {
          const schedule = {
            rewardPerInterval: reward,
            rewardIntervalSeconds: interval,
            rewardReductionIntervalSeconds: interval * factor,
            rewardReductionPercentage: pct,
          };
          let sum = 0n;
          for (let i = first; i < first + count; i += 1) sum += emissionForInterval(i, schedule);
          expect(emissionForIntervals(first, count, schedule)).toBe(sum);
          expect(emissionForInterval(first + 1, schedule) <= emissionForInterval(first, schedule)).toBe(true);
        },
      ),
    );
  });
});
