/** The bignumber.js subset the emulated tokens contract relies on. */
import { add, compare, decimalPlaces, fixed, gt, gte, isNaNDecimal, lte, parseDecimal, subtract, toFixed } from '../src/engine/decimal';

const d = parseDecimal;

describe('engine decimal: parsing like bignumber.js v8', () => {
  it.each([
    ['1', '1'],
    ['1.5', '1.5'],
    ['0001.2500', '1.25'],
    ['.5', '0.5'],
    ['5.', '5'],
    ['-2.75', '-2.75'],
    ['1e3', '1000'],
    ['1.5E-2', '0.015'],
    ['  7.25  ', '7.25'],
    ['+3', '3'],
    ['0x1f', '31'],
    ['0b101', '5'],
    ['0o17', '15'],
  ])('%j is %s', (input, expected) => {
    const value = d(input);
    expect(isNaNDecimal(value)).toBe(false);
    expect(compare(value, d(expected))).toBe(0);
  });

  it.each(['', 'abc', '1,5', '1.2.3', '--1', '+-1', '1e', 'e5', '0x', '0xzz', 'NaN', '1 000'])('%j is NaN', (input) => {
    expect(isNaNDecimal(d(input))).toBe(true);
  });

  it('Infinity and the RANGE 500 limits', () => {
    expect(d('Infinity').kind).toBe('infinity');
    expect(d('-Infinity')).toEqual({ kind: 'infinity', neg: true });
    expect(d('1e501').kind).toBe('infinity');
    expect(d('1e500').kind).toBe('finite');
    expect(compare(d('1e-501'), d('0'))).toBe(0);
    expect(d('9e99999999999').kind).toBe('infinity');
    expect(gt(d('Infinity'), d('1e500'))).toBe(true);
    expect(lte(d('-Infinity'), d('-1e500'))).toBe(true);
  });

  it('non-strings other than numbers are NaN', () => {
    expect(isNaNDecimal(parseDecimal(null))).toBe(true);
    expect(isNaNDecimal(parseDecimal({}))).toBe(true);
    expect(compare(parseDecimal(2.5), d('2.5'))).toBe(0);
  });
});

describe('engine decimal: dp, comparisons, arithmetic, toFixed', () => {
  it('dp() ignores trailing zeros and is null for Infinity', () => {
    expect(decimalPlaces(d('1.500'))).toBe(1);
    expect(decimalPlaces(d('1.000'))).toBe(0);
    expect(decimalPlaces(d('0.00000001'))).toBe(8);
    expect(decimalPlaces(d('1e-9'))).toBe(9);
    expect(decimalPlaces(d('1.5e1'))).toBe(0);
    expect(decimalPlaces(d('0'))).toBe(0);
    expect(decimalPlaces(d('Infinity'))).toBeNull();
  });

  it('comparisons with NaN are false', () => {
    expect(gt(d('NaN'), d('0'))).toBe(false);
    expect(gte(d('NaN'), d('NaN'))).toBe(false);
    expect(compare(d('1.10'), d('1.1'))).toBe(0);
    expect(gte(d('10'), d('9.999'))).toBe(true);
  });

  it('exact big-number sums (no floating point)', () => {
    expect(toFixed(add(d('0.1'), d('0.2')), 8)).toBe('0.30000000');
    expect(toFixed(add(d('9007199254740991.12345678'), d('0.00000001')), 8)).toBe('9007199254740991.12345679');
    expect(toFixed(subtract(d('1000000.000'), d('999999.999')), 3)).toBe('0.001');
    expect(toFixed(subtract(d('1'), d('3')), 2)).toBe('-2.00');
  });

  it('toFixed rounds half up (away from zero)', () => {
    expect(fixed('1.2345', 3)).toBe('1.235');
    expect(fixed('1.2344', 3)).toBe('1.234');
    expect(fixed('-1.2345', 3)).toBe('-1.235');
    expect(fixed('5', 3)).toBe('5.000');
    expect(fixed('0.5', 0)).toBe('1');
    expect(fixed('1e3', 2)).toBe('1000.00');
    expect(fixed('-0', 2)).toBe('0.00');
    expect(fixed('-0.001', 2)).toBe('-0.00');
  });
});
