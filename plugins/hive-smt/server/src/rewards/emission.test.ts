import fc from 'fast-check';
import { emissionForInterval, emissionForIntervals, projectedPoolAt } from './emission';

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

const schedule = { rewardPerInterval: 10n, rewardIntervalSeconds: 1 };
const NOW = 1_000_000;

describe('projectedPoolAt', () => {
  it("adds every whole interval from the pool's accrual to the cashout", () => {
    const pool = { pool: 50n, accruedUntil: NOW - 400, intervalsAccrued: 5 };
    // 60.4 s from accruedUntil to the cashout: 60 whole intervals of 10.
    expect(projectedPoolAt(pool, NOW + 60_000, NOW, schedule, 100_000)).toBe(650n);
    expect(projectedPoolAt(pool, NOW - 1000, NOW, schedule, 100_000)).toBe(50n);
    expect(projectedPoolAt(pool, NOW + 60_000, NOW, schedule, 7)).toBe(120n);
  });

  it('projects a board whose pool does not exist yet from an empty pool starting now', () => {
    // A post liked before the board's first rewards pass still has an estimate.
    expect(projectedPoolAt(null, NOW + 60_000, NOW, schedule, 100_000)).toBe(600n);
    expect(projectedPoolAt(null, NOW + 999, NOW, schedule, 100_000)).toBe(0n);
  });

  it('follows the emission schedule from the intervals already accrued', () => {
    const decaying = { rewardPerInterval: 1000n, rewardIntervalSeconds: 1, rewardReductionIntervalSeconds: 2, rewardReductionPercentage: 50 };
    // Interval i pays after floor((i+1)/2) halvings: intervals 2 and 3 pay 500 and 250.
    expect(projectedPoolAt({ pool: 0n, accruedUntil: NOW, intervalsAccrued: 2 }, NOW + 2000, NOW, decaying, 100_000)).toBe(
      projectedPoolAt(null, NOW + 4000, NOW, decaying, 100_000) - projectedPoolAt(null, NOW + 2000, NOW, decaying, 100_000),
    );
  });
});
