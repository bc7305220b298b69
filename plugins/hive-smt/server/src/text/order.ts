/** Orderings that do not depend on the machine: ledgers must sort the same everywhere. */

/** UTF-16 code-unit order of two strings: the same on every machine and locale (localeCompare is not). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
