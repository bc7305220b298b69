/** List items carry at most this many characters of excerpt. */
export const EXCERPT_LENGTH = 160;

/**
 * Plain text for a list item: the author's excerpt when they wrote one, else
 * the start of the markdown body with its markup removed, cut at a word.
 */
export function listExcerpt(excerpt: string | null | undefined, bodyStart: string | null | undefined): string {
  const own = excerpt?.trim();
  if (own) return own;
  return truncateAtWord(markdownToPlainText(bodyStart ?? ''), EXCERPT_LENGTH);
}

export function markdownToPlainText(md: string): string {
  return md
    .replace(/```[\s\S]*?(```|$)/g, ' ') // fenced code
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1') // images: keep the alt text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1') // links: keep the text
    .replace(/<[^>]*>/g, ' ') // raw HTML tags
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '') // headings, quotes, list markers
    .replace(/[*_~`]+/g, '') // emphasis and inline code marks
    .replace(/\s+/g, ' ')
    .trim();
}

export function truncateAtWord(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max - 1).join('');
  if (/\s/.test(chars[max - 1])) return `${cut.trimEnd()}…`; // the cut falls between words
  const space = cut.lastIndexOf(' ');
  // Chinese text has no spaces: cut at the limit when no word boundary is near.
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}
