/** hived time points: whole seconds, JSON as "YYYY-MM-DDTHH:MM:SS" (UTC, no zone suffix). */

export const TIME_MAX = 0xffffffff;

export function isoTime(sec: number): string {
  if (sec >= TIME_MAX) return '1969-12-31T23:59:59';
  return new Date(sec * 1000).toISOString().slice(0, 19);
}

/** Parse a hived/dhive time string ("2024-01-01T00:00:00", with or without "Z"/millis). NaN if invalid. */
export function parseTime(value: unknown): number {
  if (typeof value !== 'string') return NaN;
  const s = /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`;
  const ms = Date.parse(s);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : NaN;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
