/**
 * Decimal numbers the way the Hive-Engine `tokens` contract sees them.
 *
 * The contract works on strings through bignumber.js (v8, RANGE 500). This
 * module reproduces the part of it the contract relies on, exactly and
 * without floats: string parsing (including bignumber's leniency for
 * surrounding whitespace, a leading '+', exponents, `Infinity`/`NaN` and
 * 0x/0b/0o integers — base-prefixed fractions like "0xff.8" are the one
 * input read differently: NaN here), `dp()`, comparisons, addition/subtraction and
 * `toFixed(n)` with ROUND_HALF_UP. A finite value is `coef × 10^-scale`
 * with a BigInt coefficient.
 */

export type Decimal = { kind: 'finite'; neg: boolean; coef: bigint; scale: number } | { kind: 'infinity'; neg: boolean } | { kind: 'nan' };

/** bignumber.js exponent range configured by hive-engine (BigNumber.set({ RANGE: 500 })). */
const MAX_EXP = 500;
const MIN_EXP = -500;

const NAN: Decimal = { kind: 'nan' };
const STRICT = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const WHITESPACE_OR_PLUS = /^\s*\+(?=[\w.])|^\s+|\s+$/g;
const INFINITY_OR_NAN = /^-?(Infinity|NaN)$/;
const BASE_PREFIX = /^(-?)0([xbo])([0-9a-z]+)$/i;

const pow10 = (n: number): bigint => 10n ** BigInt(n);

function finite(neg: boolean, coef: bigint, scale: number): Decimal {
  return { kind: 'finite', neg, coef, scale };
}

/** Parse like `new BigNumber(value)` for a string or a number; anything else is NaN. */
export function parseDecimal(value: unknown): Decimal {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return NAN;
    if (!Number.isFinite(value)) return { kind: 'infinity', neg: value < 0 };
    return parseDecimal(String(value));
  }
  if (typeof value !== 'string') return NAN;
  if (STRICT.test(value)) return parseStrict(value);
  const s = value.replace(WHITESPACE_OR_PLUS, '');
  if (INFINITY_OR_NAN.test(s)) {
    return s.endsWith('NaN') ? NAN : { kind: 'infinity', neg: s.startsWith('-') };
  }
  const prefixed = BASE_PREFIX.exec(s);
  if (prefixed) {
    const base = prefixed[2].toLowerCase() === 'x' ? 16 : prefixed[2].toLowerCase() === 'b' ? 2 : 8;
    const digits = prefixed[3].toLowerCase();
    const allowed = '0123456789abcdef'.slice(0, base);
    if (![...digits].every((c) => allowed.includes(c))) return NAN;
    const literal = base === 16 ? '0x' : base === 2 ? '0b' : '0o';
    return normalizeRange(finite(prefixed[1] === '-', BigInt(literal + digits), 0));
  }
  if (s !== value && STRICT.test(s)) return parseStrict(s);
  return NAN;
}

function parseStrict(s: string): Decimal {
  let rest = s;
  const neg = rest.startsWith('-');
  if (neg) rest = rest.slice(1);
  let exp = 0;
  const e = rest.search(/e/i);
  if (e >= 0) {
    const expText = rest.slice(e + 1);
    rest = rest.slice(0, e);
    // Beyond any sane exponent the value is certainly outside RANGE 500.
    if (expText.replace(/^[+-]?0*/, '').length > 9) {
      const expNeg = expText.startsWith('-');
      const allZero = /^0*\.?0*$/.test(rest);
      if (allZero) return finite(neg, 0n, 0);
      return expNeg ? finite(neg, 0n, 0) : { kind: 'infinity', neg };
    }
    exp = Number(expText);
  }
  const dot = rest.indexOf('.');
  const intPart = dot >= 0 ? rest.slice(0, dot) : rest;
  const fracPart = dot >= 0 ? rest.slice(dot + 1) : '';
  const digits = (intPart + fracPart).replace(/^0+(?=\d)/, '');
  const coef = BigInt(digits === '' ? '0' : digits);
  return normalizeRange(finite(neg, coef, fracPart.length - exp));
}

/** bignumber.js turns exponents above MAX_EXP into Infinity and below MIN_EXP into zero. */
function normalizeRange(d: Decimal): Decimal {
  if (d.kind !== 'finite' || d.coef === 0n) return d;
  const e = d.coef.toString().length - 1 - d.scale; // exponent of the first significant digit
  if (e > MAX_EXP) return { kind: 'infinity', neg: d.neg };
  if (e < MIN_EXP) return finite(d.neg, 0n, 0);
  return d;
}

export function isNaNDecimal(d: Decimal): boolean {
  return d.kind === 'nan';
}

/** `BigNumber(x).dp()`: decimals without trailing zeros; null for Infinity and NaN. */
export function decimalPlaces(d: Decimal): number | null {
  if (d.kind !== 'finite') return null;
  if (d.coef === 0n) return 0;
  let { coef, scale } = d;
  while (scale > 0 && coef % 10n === 0n) {
    coef /= 10n;
    scale -= 1;
  }
  return Math.max(scale, 0);
}

/** -1, 0, 1; null when either side is NaN (every bignumber comparison is then false). */
export function compare(a: Decimal, b: Decimal): -1 | 0 | 1 | null {
  if (a.kind === 'nan' || b.kind === 'nan') return null;
  if (a.kind === 'infinity' || b.kind === 'infinity') {
    const rank = (x: Decimal): number => (x.kind === 'infinity' ? (x.neg ? -1 : 1) : 0);
    const ra = rank(a);
    const rb = rank(b);
    if (ra !== rb) return ra < rb ? -1 : 1;
    if (ra !== 0) return 0;
  }
  const [x, y] = align(a as FiniteDecimal, b as FiniteDecimal);
  return x < y ? -1 : x > y ? 1 : 0;
}

type FiniteDecimal = Extract<Decimal, { kind: 'finite' }>;

function signed(d: FiniteDecimal): bigint {
  return d.neg ? -d.coef : d.coef;
}

function align(a: FiniteDecimal, b: FiniteDecimal): [bigint, bigint] {
  const scale = Math.max(a.scale, b.scale);
  return [signed(a) * pow10(scale - a.scale), signed(b) * pow10(scale - b.scale)];
}

export const gt = (a: Decimal, b: Decimal): boolean => compare(a, b) === 1;
export const gte = (a: Decimal, b: Decimal): boolean => {
  const c = compare(a, b);
  return c === 1 || c === 0;
};
export const lte = (a: Decimal, b: Decimal): boolean => {
  const c = compare(a, b);
  return c === -1 || c === 0;
};

/** a + b (exact, as bignumber.js plus/minus are). */
export function add(a: Decimal, b: Decimal): Decimal {
  if (a.kind === 'nan' || b.kind === 'nan') return NAN;
  if (a.kind === 'infinity' || b.kind === 'infinity') {
    if (a.kind === 'infinity' && b.kind === 'infinity' && a.neg !== b.neg) return NAN;
    return a.kind === 'infinity' ? a : b;
  }
  const [x, y] = align(a, b);
  const sum = x + y;
  return finite(sum < 0n, sum < 0n ? -sum : sum, Math.max(a.scale, b.scale));
}

export function negate(d: Decimal): Decimal {
  if (d.kind === 'nan') return d;
  return { ...d, neg: !d.neg };
}

export function subtract(a: Decimal, b: Decimal): Decimal {
  return add(a, negate(b));
}

/** `BigNumber(x).toFixed(places)` with the default ROUND_HALF_UP (half away from zero). */
export function toFixed(d: Decimal, places: number): string {
  if (d.kind === 'nan') return 'NaN';
  if (d.kind === 'infinity') return d.neg ? '-Infinity' : 'Infinity';
  let coef = d.coef;
  if (d.scale > places) {
    const div = pow10(d.scale - places);
    const q = coef / div;
    const r = coef % div;
    coef = r * 2n >= div ? q + 1n : q;
  } else {
    coef *= pow10(places - d.scale);
  }
  let text = coef.toString();
  if (places > 0) {
    text = text.padStart(places + 1, '0');
    text = `${text.slice(0, -places)}.${text.slice(-places)}`;
  }
  // bignumber.js keeps the sign of negative values that round to zero ("-0.00").
  return d.neg && (coef !== 0n || d.coef !== 0n) ? `-${text}` : text;
}

/** Convenience: parse then toFixed. */
export function fixed(value: string, places: number): string {
  return toFixed(parseDecimal(value), places);
}

/** The decimal from a quantity already known to be finite. */
export function fromInteger(n: number | bigint): Decimal {
  const b = BigInt(n);
  return finite(b < 0n, b < 0n ? -b : b, 0);
}
