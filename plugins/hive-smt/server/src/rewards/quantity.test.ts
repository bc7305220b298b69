import fc from 'fast-check';
import { formatQuantity, toBaseUnits } from './quantity';

describe('toBaseUnits', () => {
  it.each([
    ['12.345', 3, 12345n],
    ['12', 3, 12000n],
    ['12.3', 3, 12300n],
    ['0.001', 3, 1n],
    ['007.50', 2, 750n],
    ['5', 0, 5n],
    ['123456789012345.12345678', 8, 12345678901234512345678n],
  ])('%s at precision %d is %s', (q, p, units) => expect(toBaseUnits(q, p)).toBe(units));

  it.each([
    ['12.3456', 3],
    ['1.5', 0],
  ])('refuses %s: more decimals than precision %d', (q, p) => {
    expect(() => toBaseUnits(q, p)).toThrow(/decimals; this token has/);
  });

  it.each(['-1', '1e3', '', '.5', '1.', 'abc', '1,5', 'NaN'])('refuses %j', (q) => {
    expect(() => toBaseUnits(q, 3)).toThrow(RangeError);
  });

  it('refuses precisions Hive-Engine does not have', () => {
    expect(() => toBaseUnits('1', 9)).toThrow(/0 to 8/);
    expect(() => toBaseUnits('1', 1.5)).toThrow(RangeError);
  });
});

describe('formatQuantity', () => {
  it.each([
    [12345n, 3, '12.345'],
    [5n, 3, '0.005'],
    [0n, 3, '0.000'],
    [12n, 0, '12'],
    [100000000n, 8, '1.00000000'],
  ])('%s at precision %d is %s', (units, p, text) => expect(formatQuantity(units, p)).toBe(text));

  it('refuses negative amounts', () => expect(() => formatQuantity(-1n, 3)).toThrow(RangeError));

  it('round-trips with toBaseUnits', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.integer({ min: 0, max: 8 }), (units, precision) => {
        expect(toBaseUnits(formatQuantity(units, precision), precision)).toBe(units);
      }),
    );
  });
});
