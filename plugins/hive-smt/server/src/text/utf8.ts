/**
 * Byte-aware string helpers. hived measures titles, permlinks and custom_json
 * payloads in UTF-8 bytes while JavaScript measures UTF-16 code units, so any
 * limit from the chain goes through these.
 */

const encoder = new TextEncoder();
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Number of bytes `text` takes in UTF-8. */
export function utf8ByteLength(text: string): number {
  return encoder.encode(text).length;
}

/**
 * Longest prefix of `text` that fits in `maxBytes` UTF-8 bytes, cut between
 * grapheme clusters so an emoji sequence or a letter with its accent is never
 * split (a split would leave a broken character on chain).
 */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (utf8ByteLength(text) <= maxBytes) return text;
  let used = 0;
  let out = '';
  for (const { segment } of graphemes.segment(text)) {
    const size = utf8ByteLength(segment);
    if (used + size > maxBytes) break;
    used += size;
    out += segment;
  }
  return out;
}

/**
 * `text` shortened to at most `maxChars` user-visible characters, ending with
 * an ellipsis when something was cut.
 */
export function truncateChars(text: string, maxChars: number): string {
  const parts = Array.from(graphemes.segment(text), (s) => s.segment);
  if (parts.length <= maxChars) return text;
  return `${parts
    .slice(0, Math.max(0, maxChars - 1))
    .join('')
    .trimEnd()}…`;
}
