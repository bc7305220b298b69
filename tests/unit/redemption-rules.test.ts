import fc from 'fast-check';
import { cashValue, rateProblem, redemptionMemo, transitionRefusal } from '../../src/redemptions/rules';

describe('redemption rules', () => {
  it('prices a quantity at the board’s rate, in cents, rounded down', () => {
    expect(cashValue(12_500n, 3, '0.1')).toBe('1.25');
    expect(cashValue(1n, 3, '0.1')).toBe('0.00');
    expect(cashValue(3_333n, 3, '2.5')).toBe('8.33');
    expect(cashValue(7n, 0, '1.2345')).toBe('8.64');
  });

  it('never prices above units × rate, and less than a cent below it', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 99_999_999 }), (units, precision, rateScaled) => {
        const rate = `${Math.floor(rateScaled / 10_000)}.${String(rateScaled % 10_000).padStart(4, '0')}`;
        const cents = BigInt(cashValue(units, precision, rate).replace('.', ''));
        // Exact value × 10^(precision + 4) in cents: units × rateScaled × 100.
        const exact = units * BigInt(rateScaled) * 100n;
        const scale = 10n ** BigInt(precision + 4);
        return cents * scale <= exact && exact < (cents + 1n) * scale;
      }),
    );
  });

  it('takes a rate of up to 4 decimals, above zero, or none', () => {
    expect(rateProblem('')).toBeNull();
    expect(rateProblem(null)).toBeNull();
    expect(rateProblem('0.1')).toBeNull();
    expect(rateProblem('12')).toBeNull();
    expect(rateProblem('0.00001')).toMatch(/at most 4 decimals/);
    expect(rateProblem('-1')).toMatch(/cash one token is worth/);
    expect(rateProblem('0.0')).toMatch(/more than zero/);
  });

  it('lets an admin settle only returned tokens with a note, and reject only requests', () => {
    expect(transitionRefusal('returned', 'settled', 'Bank transfer ref 4411')).toBeNull();
    expect(transitionRefusal('returned', 'settled', '  ')).toMatch(/settlement note/);
    expect(transitionRefusal('requested', 'settled', 'paid')).toMatch(/status "returned"/);
    expect(transitionRefusal('requested', 'rejected', null)).toBeNull();
    expect(transitionRefusal('returned', 'rejected', null)).toMatch(/have not come back/);
    expect(transitionRefusal('requested', 'returned', null)).toMatch(/found on Hive-Engine/);
    expect(transitionRefusal('settled', 'requested', null)).toMatch(/cannot go back/);
    expect(transitionRefusal('settled', 'settled', null)).toBeNull();
    expect(redemptionMemo('abc')).toBe('Quanzi redemption abc');
  });
});
