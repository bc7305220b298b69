/** A snippet shows about this many characters around the first match. */
export const SNIPPET_LENGTH = 120;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Where each term occurs in the text (case-insensitive), merged into non-overlapping ranges. */
function matchRanges(text: string, terms: string[]): Array<[number, number]> {
  const lower = text.toLowerCase();
  const ranges: Array<[number, number]> = [];
  for (const term of terms) {
    if (!term) continue;
    for (let at = lower.indexOf(term); at !== -1; at = lower.indexOf(term, at + term.length)) ranges.push([at, at + term.length]);
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number]> = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

/** The text as HTML with every match in <mark>…</mark>; everything else escaped. */
export function highlight(text: string, terms: string[]): string {
  let out = '';
  let at = 0;
  for (const [start, end] of matchRanges(text, terms)) {
    out += `${escapeHtml(text.slice(at, start))}<mark>${escapeHtml(text.slice(start, end))}</mark>`;
    at = end;
  }
  return out + escapeHtml(text.slice(at));
}

/**
 * A window of the text around its first match (or its start, when only the
 * title matched), cut with … where text was left out, matches marked. Safe to
 * insert as HTML.
 */
export function snippet(text: string, terms: string[], length = SNIPPET_LENGTH): string {
  const first = matchRanges(text, terms)[0];
  const center = first ? first[0] : 0;
  const start = Math.max(0, Math.min(center - Math.floor(length / 3), text.length - length));
  const end = Math.min(text.length, start + length);
  // lower-casing keeps UTF-16 offsets for the scripts members write; never cut a surrogate pair in two.
  const safeStart = start > 0 && /[\udc00-\udfff]/.test(text[start]) ? start - 1 : start;
  const safeEnd = end < text.length && /[\ud800-\udbff]/.test(text[end - 1]) ? end + 1 : end;
  return `${safeStart > 0 ? '…' : ''}${highlight(text.slice(safeStart, safeEnd), terms)}${safeEnd < text.length ? '…' : ''}`;
}
