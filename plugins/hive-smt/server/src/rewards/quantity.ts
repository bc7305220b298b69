/**
 * Token quantities as Hive-Engine writes them ("12.345") and as Quanzi counts
 * them (integer base units, bigint), so that no reward is ever a float.
 */
import { ENGINE_MAX_PRECISION } from '../chain/protocol';

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** Base units of a decimal quantity string: toBaseUnits('12.345', 3) === 12345n; refuses more decimals than `precision`. */
export function toBaseUnits(quantity: string, precision: number): bigint {
  assertPrecision(precision);
  const match = DECIMAL.exec(typeof quantity === 'string' ? quantity.trim() : '');
  if (!match) throw new RangeError(`"${quantity}" is not a token quantity (digits, optionally a dot and decimals)`);
  const [, whole, fraction = ''] = match;
  if (fraction.length > precision) {
    // Hive-Engine refuses these ("symbol precision mismatch"); rounding silently would move money.
    throw new RangeError(`"${quantity}" has ${fraction.length} decimals; this token has ${precision}`);
  }
  return BigInt(whole + fraction.padEnd(precision, '0'));
}

/** Quantity string with exactly `precision` decimals: formatQuantity(12345n, 3) === '12.345'. */
export function formatQuantity(units: bigint, precision: number): string {
  assertPrecision(precision);
  if (units < 0n) throw new RangeError(`Token quantities are never negative, got ${units}`);
  if (precision === 0) return units.toString();
  const digits = units.toString().padStart(precision + 1, '0');
  return `${digits.slice(0, -precision)}.${digits.slice(-precision)}`;
}

function assertPrecision(precision: number): void {
  if (!Number.isInteger(precision) || precision < 0 || precision > ENGINE_MAX_PRECISION) {
    throw new RangeError(`Token precision is a whole number from 0 to ${ENGINE_MAX_PRECISION}, got ${precision}`);
  }
}
