/**
 * Exact integer arithmetic for reward curves. Powers with fractional exponents
 * are computed as floor(x^(p/q) · 2^CURVE_FRACTION_BITS) with bigint roots, so
 * every server, on every platform, gets the same number (floats would not).
 */

/** Fractional bits of curve values: enough that a square root of small totals still orders likes finely. */
export const CURVE_FRACTION_BITS = 32;

/** An exponent p/q in lowest terms. */
export interface Exponent {
  num: bigint;
  den: bigint;
}

const EXPONENT_TEXT = /^(\d+)(?:\.(\d{1,2}))?$/;

/**
 * An exponent from a SCOT-style parameter ("1.5", 0.5): at most 2 decimals,
 * like the comments contract accepts, within [min, max].
 */
export function parseExponent(value: number | string, name: string, min: number, max: number): Exponent {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const match = EXPONENT_TEXT.exec(text);
  if (!match) throw new RangeError(`${name} must be a number with at most 2 decimals, got ${JSON.stringify(value)}`);
  const hundredths = BigInt(match[1]) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
  if (hundredths < BigInt(Math.round(min * 100)) || hundredths > BigInt(Math.round(max * 100))) {
    throw new RangeError(`${name} must be between ${min} and ${max}, got ${text}`);
  }
  const g = gcd(hundredths, 100n);
  return { num: hundredths / g, den: 100n / g };
}

/** floor(x^(num/den) · 2^CURVE_FRACTION_BITS) for x ≥ 0, exactly. */
export function curveValue(x: bigint, exponent: Exponent): bigint {
  if (x < 0n) throw new RangeError('curve input must be non-negative');
  if (x === 0n) return 0n;
  const scaled = (x ** exponent.num) << (BigInt(CURVE_FRACTION_BITS) * exponent.den);
  return integerRoot(scaled, exponent.den);
}

/** floor(n^(1/k)) for n ≥ 0, k ≥ 1, exactly. */
export function integerRoot(n: bigint, k: bigint): bigint {
  if (n < 0n || k < 1n) throw new RangeError('integerRoot needs n ≥ 0 and k ≥ 1');
  if (n < 2n || k === 1n) return n;
  // A float estimate only picks the starting point; Newton's method on integers
  // and the final check make the result exact whatever the float rounding.
  let x = floatRootEstimate(n, k);
  if (x ** k <= n) x = 1n << BigInt(Math.ceil(bitLength(n) / Number(k))); // must start above the root
  for (;;) {
    const next = ((k - 1n) * x + n / x ** (k - 1n)) / k;
    if (next >= x) break;
    x = next;
  }
  while (x ** k > n) x -= 1n;
  while ((x + 1n) ** k <= n) x += 1n;
  return x;
}

/** Number of binary digits of n > 0. */
export function bitLength(n: bigint): number {
  return n.toString(2).length;
}

function floatRootEstimate(n: bigint, k: bigint): bigint {
  const bits = bitLength(n);
  const shift = Math.max(0, bits - 53);
  const log2 = Math.log2(Number(n >> BigInt(shift))) + shift;
  const e = log2 / Number(k);
  const exponent = Math.max(0, Math.floor(e) - 52);
  const mantissa = BigInt(Math.ceil(2 ** (e - exponent)));
  const estimate = mantissa << BigInt(exponent);
  return estimate + (estimate >> 30n) + 2n; // a little above, to start from an overestimate
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
