/**
 * Permlinks (the per-author post id on Hive, 1..255 bytes of [a-z0-9-]) from
 * Quanzi slugs. Deterministic: the outbox may rebuild an operation after a
 * crash and must get the same permlink back.
 */
import { createHash } from 'node:crypto';
import { MAX_PERMLINK_LENGTH, PERMLINK_CHARSET } from '../chain/protocol';

/** Room left at the end of a generated permlink for uniquePermlink's "-2", "-3"… (up to 7 digits). */
export const PERMLINK_UNIQUENESS_RESERVE = 8;
/** Hex digits of the slug hash used when the slug has letters [a-z0-9] cannot spell. */
export const PERMLINK_HASH_LENGTH = 10;
/** Start of a permlink made only of a hash, so it still reads as a post id. */
export const PERMLINK_HASH_PREFIX = 'post';

const SUFFIX_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const COMBINING_MARKS = /\p{M}/gu;
const LETTERS_OR_DIGITS = /[\p{L}\p{N}]/u;

export interface PermlinkOptions {
  /** Appended after a dash, e.g. a date for container posts; must already be [a-z0-9-] words. */
  suffix?: string;
}

/**
 * A permlink for `slug`: Latin letters and digits kept (accents dropped), every
 * other run of characters becomes one dash. When the slug has letters that
 * cannot be spelled that way (Chinese, Cyrillic…), a short hash of the slug is
 * appended — or used alone — so different titles do not collapse into the same
 * permlink, without guessing a transliteration. Leaves PERMLINK_UNIQUENESS_RESERVE
 * bytes free for uniquePermlink.
 */
export function permlinkFromSlug(slug: string, options: PermlinkOptions = {}): string {
  const { suffix } = options;
  if (suffix !== undefined && !SUFFIX_PATTERN.test(suffix)) {
    throw new RangeError(`Permlink suffix must be lowercase letters and digits joined by single dashes, got "${suffix}"`);
  }
  const folded = slug.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase();
  const words = folded.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  const unspellable = LETTERS_OR_DIGITS.test(folded.replace(/[a-z0-9]/g, ''));
  const needsHash = unspellable || words === '';

  const tail = [needsHash ? slugHash(slug) : null, suffix ?? null].filter((x): x is string => x !== null);
  const tailBytes = tail.reduce((n, part) => n + part.length + 1, 0);
  const budget = MAX_PERMLINK_LENGTH - PERMLINK_UNIQUENESS_RESERVE - tailBytes;
  if (budget < 1) throw new RangeError(`Permlink suffix "${suffix}" leaves no room for the slug`);

  const head = words.slice(0, budget).replace(/-+$/, '') || (needsHash ? PERMLINK_HASH_PREFIX : '');
  return [head, ...tail].filter((part) => part !== '').join('-');
}

/**
 * `base` if it is free, else `base-2`, `base-3`… (shortening base to stay
 * within MAX_PERMLINK_LENGTH), the first for which `isTaken` is false.
 */
export function uniquePermlink(base: string, isTaken: (permlink: string) => boolean, maxAttempts = 10_000): string {
  if (!PERMLINK_CHARSET.test(base) || base.length > MAX_PERMLINK_LENGTH) {
    throw new RangeError(`"${base}" is not a valid permlink (1 to ${MAX_PERMLINK_LENGTH} characters of a-z, 0-9 and -)`);
  }
  if (!isTaken(base)) return base;
  for (let n = 2; n <= maxAttempts + 1; n += 1) {
    const suffix = `-${n}`;
    const candidate = base.slice(0, MAX_PERMLINK_LENGTH - suffix.length) + suffix;
    if (!isTaken(candidate)) return candidate;
  }
  throw new Error(`No free permlink found after ${maxAttempts} attempts from "${base}"`);
}

/** The last resort when every candidate is taken: the base shortened so a time suffix fits in MAX_PERMLINK_LENGTH. */
export function lastResortPermlink(base: string, now = Date.now()): string {
  const suffix = `-${now.toString(36)}`;
  return `${base.slice(0, MAX_PERMLINK_LENGTH - suffix.length).replace(/-+$/, '')}${suffix}`;
}

/** Stable short id of a slug; NFC first so the same visible title always hashes the same. */
function slugHash(slug: string): string {
  return createHash('sha256').update(slug.normalize('NFC'), 'utf8').digest('hex').slice(0, PERMLINK_HASH_LENGTH);
}
