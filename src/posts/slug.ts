import { pinyin } from 'pinyin-pro';

/** Long enough to read, short enough for a link in a chat message. */
export const MAX_SLUG_LENGTH = 80;

/**
 * A readable slug for a title in any of the languages members write: Chinese
 * characters become their pinyin syllables without tones (学校花园 → xue-xiao-hua-yuan),
 * Latin letters lose their accents, everything else separates words. Only
 * [a-z0-9-] remain, which is what Strapi's uid type and URLs accept as they are.
 */
export function slugBase(title: string): string {
  const syllables = pinyin(String(title ?? ''), { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true }) as string[];
  const words = syllables
    .join(' ')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > MAX_SLUG_LENGTH) break;
    slug = next;
  }
  return slug || (words[0] ?? '').slice(0, MAX_SLUG_LENGTH) || 'post';
}

/** The n-th slug a base may take: the base itself, then the base with -2, -3, … (shortened to fit). */
export function slugCandidate(base: string, n: number): string {
  return n <= 1 ? base : `${base.slice(0, MAX_SLUG_LENGTH - String(n).length - 1)}-${n}`;
}

/** Candidates `from` … `from + count - 1`, in the order they are tried. */
export function slugCandidates(base: string, from: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => slugCandidate(base, from + i));
}

/** The base itself when free, else the base with the first free number (-2, -3, …). */
export function firstFreeSlug(base: string, taken: Set<string>): string {
  for (let n = 1; ; n += 1) {
    const candidate = slugCandidate(base, n);
    if (!taken.has(candidate)) return candidate;
  }
}
