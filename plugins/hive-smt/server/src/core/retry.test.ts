import fc from 'fast-check';
import { nextRetryDelayMs } from './retry';

describe('nextRetryDelayMs', () => {
  const options = (jitter: number) => ({ baseMs: 1000, maxMs: 60_000, jitter: () => jitter });

  it('doubles the ceiling each attempt up to the maximum', () => {
    const top = (attempt: number) => nextRetryDelayMs(attempt, options(0.999999));
    expect([1, 2, 3, 4].map(top)).toEqual([999, 1999, 3999, 7999]);
    expect(top(7)).toBe(59_999);
    expect(top(50)).toBe(59_999);
    expect(top(5000)).toBe(59_999); // 2^4999 overflows to Infinity; the cap still holds
  });

  it('draws uniformly below the ceiling (full jitter)', () => {
    expect(nextRetryDelayMs(3, options(0))).toBe(0);
    expect(nextRetryDelayMs(3, options(0.5))).toBe(2000);
  });

  it('stays within [0, min(max, base·2^(attempt−1))) for any jitter', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.double({ min: 0, max: 1, noNaN: true }), (attempt, j) => {
        const d = nextRetryDelayMs(attempt, options(j));
        expect(Number.isInteger(d)).toBe(true);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(Math.min(60_000, 1000 * 2 ** (attempt - 1)));
      }),
    );
  });

  it('refuses attempt numbers below 1', () => {
    expect(() => nextRetryDelayMs(0, options(0.5))).toThrow(RangeError);
  });
});
