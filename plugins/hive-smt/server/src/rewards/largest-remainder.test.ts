import fc from 'fast-check';
import { apportion, apportionByWeights } from './largest-remainder';

describe('apportion', () => {
  it('gives leftover units to the largest remainders', () => {
    // exact 1.5, 2.6, 5.9 → floors 1, 2, 5 → 2 left: 0.9 then 0.6
    expect(
      apportion(10n, [
        { num: 15n, den: 100n },
        { num: 26n, den: 100n },
        { num: 59n, den: 100n },
      ]),
    ).toEqual([1n, 3n, 6n]);
  });

  it('breaks equal remainders by position, earlier first', () => {
    const third = { num: 1n, den: 3n };
    expect(apportion(10n, [third, third, third])).toEqual([4n, 3n, 3n]);
    expect(apportion(2n, [third, third, third])).toEqual([1n, 1n, 0n]);
  });

  it('compares remainders across different denominators exactly', () => {
    // 7·(1/3) = 2.333…, 7·(2/3) = 4.666…: the second has the larger remainder
    expect(
      apportion(7n, [
        { num: 1n, den: 3n },
        { num: 2n, den: 3n },
      ]),
    ).toEqual([2n, 5n]);
  });

  it('refuses fractions that do not add up to 1', () => {
    expect(() => apportion(10n, [{ num: 2n, den: 1n }])).toThrow(/add up to 1/);
    expect(() => apportion(10n, [{ num: 1n, den: 4n }])).toThrow(/add up to 1/);
    expect(() => apportion(-1n, [{ num: 1n, den: 1n }])).toThrow(RangeError);
  });

  it('adds up exactly and keeps every part within one unit of its exact share', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 6n }), { minLength: 1, maxLength: 30 }),
        (total, weights) => {
          fc.pre(weights.some((w) => w > 0n));
          const sum = weights.reduce((a, b) => a + b, 0n);
          const parts = apportionByWeights(total, weights);
          expect(parts.reduce((a, b) => a + b, 0n)).toBe(total);
          parts.forEach((part, i) => {
            const floor = (total * weights[i]) / sum;
            expect(part === floor || part === floor + 1n).toBe(true);
          });
        },
      ),
    );
  });
});
