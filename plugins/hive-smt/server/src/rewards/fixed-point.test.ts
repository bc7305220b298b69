import fc from 'fast-check';
import { CURVE_FRACTION_BITS, curveValue, integerRoot, parseExponent } from './fixed-point';

const ONE = 1n << BigInt(CURVE_FRACTION_BITS);

describe('integerRoot', () => {
  it('is the exact floor root', () => {
    expect(integerRoot(0n, 3n)).toBe(0n);
    expect(integerRoot(1n, 7n)).toBe(1n);
    expect(integerRoot(15n, 2n)).toBe(3n);
    expect(integerRoot(16n, 2n)).toBe(4n);
    expect(integerRoot(10n ** 300n, 100n)).toBe(1000n);
    expect(integerRoot(10n ** 300n - 1n, 100n)).toBe(999n);
  });

  it('satisfies r^k ≤ n < (r+1)^k for any n and k', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 1n << 2000n }), fc.integer({ min: 1, max: 100 }), (n, kn) => {
        const k = BigInt(kn);
        const r = integerRoot(n, k);
        expect(r ** k <= n).toBe(true);
        expect((r + 1n) ** k > n).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseExponent', () => {
  it('reads SCOT-style parameters as reduced fractions', () => {
    expect(parseExponent('1.5', 'p', 1, 2)).toEqual({ num: 3n, den: 2n });
    expect(parseExponent(0.5, 'c', 0.5, 1)).toEqual({ num: 1n, den: 2n });
    expect(parseExponent('1.23', 'p', 1, 2)).toEqual({ num: 123n, den: 100n });
    expect(parseExponent(2, 'p', 1, 2)).toEqual({ num: 2n, den: 1n });
  });

  it('refuses more than 2 decimals, out-of-range values and junk', () => {
    expect(() => parseExponent('1.234', 'p', 1, 2)).toThrow(/at most 2 decimals/);
    expect(() => parseExponent('2.01', 'p', 1, 2)).toThrow(/between 1 and 2/);
    expect(() => parseExponent(0.49, 'c', 0.5, 1)).toThrow(/between 0.5 and 1/);
    expect(() => parseExponent('abc', 'p', 1, 2)).toThrow(RangeError);
  });
});

describe('curveValue', () => {
  it('is x·2^F for exponent 1 and x²·2^F for exponent 2', () => {
    expect(curveValue(7n, { num: 1n, den: 1n })).toBe(7n * ONE);
    expect(curveValue(7n, { num: 2n, den: 1n })).toBe(49n * ONE);
  });

  it('is the floor of the fixed-point square root for exponent 0.5', () => {
    expect(curveValue(4n, { num: 1n, den: 2n })).toBe(2n * ONE);
    expect(curveValue(2n, { num: 1n, den: 2n })).toBe(6074000999n); // floor(√2 · 2^32) = floor(6074000999.95…)
  });

  it('agrees with floating point to within its precision', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.constantFrom('0.5', '0.75', '1.25', '1.5', '1.99'), (x, e) => {
        const exponent = parseExponent(e, 'e', 0.5, 2);
        const exact = Number(curveValue(BigInt(x), exponent)) / Number(ONE);
        expect(Math.abs(exact - x ** Number(e)) / x ** Number(e)).toBeLessThan(1e-9);
      }),
      { numRuns: 200 },
    );
  });

  it('is non-decreasing', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 9n }), fc.bigInt({ min: 0n, max: 10n ** 6n }), (x, d) => {
        const e = { num: 3n, den: 4n };
        expect(curveValue(x + d, e) >= curveValue(x, e)).toBe(true);
      }),
    );
  });
});
