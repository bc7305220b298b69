/** Time spans [start, end) in epoch milliseconds, and the few operations the liveness analysis needs. */
export type Span = readonly [number, number];

/** Sorted, merged, without empty spans. */
export function union(spans: Iterable<Span>): Span[] {
  const sorted = [...spans].filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [s, e] of sorted) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

/** Index of the first merged span that ends after `t`. */
function firstEndingAfter(merged: Span[], t: number): number {
  let lo = 0;
  let hi = merged.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (merged[mid][1] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The parts of `target` that no span of these merged lists covers. */
export function uncovered(target: Span, ...mergedLists: Span[][]): Span[] {
  let gaps: Span[] = target[1] > target[0] ? [target] : [];
  for (const merged of mergedLists) {
    const next: Span[] = [];
    for (const [gs, ge] of gaps) {
      let cursor = gs;
      for (let i = firstEndingAfter(merged, gs); i < merged.length && merged[i][0] < ge; i++) {
        const [s, e] = merged[i];
        if (s > cursor) next.push([cursor, Math.min(s, ge)]);
        cursor = Math.max(cursor, e);
        if (cursor >= ge) break;
      }
      if (cursor < ge) next.push([cursor, ge]);
    }
    gaps = next;
    if (gaps.length === 0) break;
  }
  return gaps;
}

/** How much of `target` these merged span lists cover together. */
export function coveredLength(target: Span, ...mergedLists: Span[][]): number {
  const gaps = uncovered(target, ...mergedLists);
  return target[1] - target[0] - gaps.reduce((n, [s, e]) => n + (e - s), 0);
}

/** Joins spans that touch (within `joinMs`) into stretches. */
export function stretches(spans: Span[], joinMs = 0): Span[] {
  return union(spans.map(([s, e]) => [s, e + joinMs] as Span)).map(([s, e]) => [s, e - joinMs] as Span);
}
