/**
 * Tags as hivemind will index them, computed before broadcasting so that what
 * Quanzi stores, shows and sends is what Hive feeds will list.
 */
import { FRONTEND_MAX_TAGS, HIVEMIND_QUERYABLE_TAG_PATTERN, HIVEMIND_TAG_MAX_LENGTH } from '../chain/protocol';

export interface NormalizeTagsOptions {
  /** Keep at most this many tags (after de-duplication); default FRONTEND_MAX_TAGS. */
  maxTags?: number;
}

// hivemind (hive_post_operations.sql, prepare_tags / process_tags_batch):
//   LEFT(LOWER(REGEXP_REPLACE(tag, '[#\s]', '', 'g')), 32), skip '' and repeats.
// So '#' and whitespace are removed anywhere in the tag, not only at the start.
const HIVEMIND_STRIPPED = /[#\s]/g;

/**
 * One tag as hivemind indexes it, or null when hivemind would drop it (empty)
 * or no bridge query could ever find it (characters outside [a-z0-9_-]).
 */
export function normalizeTag(raw: unknown): string | null {
  // hivemind reads tags with jsonb_array_elements_text, so numbers count as their text.
  if (typeof raw !== 'string' && typeof raw !== 'number') return null;
  const stripped = String(raw).replace(HIVEMIND_STRIPPED, '').toLowerCase();
  // LEFT(…, 32) counts characters (code points), not UTF-16 units.
  const tag = Array.from(stripped).slice(0, HIVEMIND_TAG_MAX_LENGTH).join('');
  if (tag === '' || !HIVEMIND_QUERYABLE_TAG_PATTERN.test(tag)) return null;
  return tag;
}

/**
 * Tags normalized as hivemind does (see normalizeTag), de-duplicated keeping
 * the first occurrence's position, capped at `maxTags`.
 */
export function normalizeTags(tags: readonly unknown[], options: NormalizeTagsOptions = {}): string[] {
  const maxTags = options.maxTags ?? FRONTEND_MAX_TAGS;
  if (!Number.isInteger(maxTags) || maxTags < 0) throw new RangeError(`maxTags must be a non-negative integer, got ${maxTags}`);
  const out: string[] = [];
  for (const raw of tags) {
    if (out.length >= maxTags) break;
    const tag = normalizeTag(raw);
    if (tag !== null && !out.includes(tag)) out.push(tag);
  }
  return out;
}
