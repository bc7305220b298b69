/**
 * Splitting an integer amount by exact fractions so the parts add up to the
 * whole (the largest-remainder method), with bigint rationals so no share is
 * ever rounded before the final step.
 */

/** The fraction num/den of the whole that one recipient is owed; den > 0. */
export interface Fraction {
  num: bigint;
  den: bigint;
}

/**
 * `total` split by `fractions`, which must add up to exactly 1: each part is
 * floor(total · fraction), and the units left over go one each to the parts
 * with the largest remainders. Equal remainders are broken by position —
 * earlier wins — so callers order their items canonically first.
 */
export function apportion(total: bigint, fractions: readonly Fraction[]): bigint[] {
  if (total < 0n) throw new RangeError('Cannot apportion a negative amount');
  const parts: bigint[] = [];
  const remainders: Fraction[] = [];
  let assigned = 0n;
  for (const { num, den } of fractions) {
    if (den <= 0n || num < 0n) throw new RangeError('Fractions must be non-negative with a positive denominator');
    const scaled = total * num;
    parts.push(scaled / den);
    remainders.push({ num: scaled % den, den });
    assigned += scaled / den;
  }
  const leftover = total - assigned;
  // With fractions summing to 1, the leftover is the sum of the remainders: fewer units than non-zero remainders.
  const order = fractions.map((_, i) => i).filter((i) => remainders[i].num > 0n);
  if (leftover < 0n || leftover > BigInt(order.length)) {
    throw new RangeError('Fractions passed to apportion do not add up to 1');
  }
  order.sort((a, b) => {
    const left = remainders[a].num * remainders[b].den;
    const right = remainders[b].num * remainders[a].den;
    return left > right ? -1 : left < right ? 1 : a - b;
  });
  for (let k = 0; k < Number(leftover); k += 1) parts[order[k]] += 1n;
  return parts;
}

/** `total` split in proportion to non-negative integer `weights` (all zero: everything to nobody is refused). */
export function apportionByWeights(total: bigint, weights: readonly bigint[]): bigint[] {
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum <= 0n) throw new RangeError('apportionByWeights needs at least one positive weight');
  return apportion(
    total,
    weights.map((w) => ({ num: w, den: sum })),
  );
}
