import { errors } from '@strapi/utils';

/**
 * Opaque keyset cursors: base64url of the last item's sort keys. A cursor holds
 * values, not ids, so it survives the deletion of the post it came from, and a
 * page after it never repeats or skips an item when newer posts arrive.
 */
export type CursorKey = number | string;

export interface DecodedCursor {
  list: string;
  keys: CursorKey[];
}

export function encodeCursor(list: string, keys: CursorKey[]): string {
  return Buffer.from(JSON.stringify({ l: list, k: keys }), 'utf8').toString('base64url');
}

const invalid = (why: string) =>
  new errors.ValidationError(`This cursor is not valid ${why}: start again without "cursor", then pass on the "meta.nextCursor" you receive.`, {
    errors: [{ path: ['cursor'], message: `Invalid cursor ${why}`, name: 'ValidationError' }],
  });

/**
 * How each kind of key may look, so that every key reaches the database as a
 * value its column compares without an error (PostgreSQL refuses an integer
 * out of range, a date outside its calendar or a NUL in text with a 500):
 * 'd' a date in epoch ms (what Date can hold), 'n' a 32-bit whole number (a
 * rank, a 0/1 group), 's' a documentId.
 */
export type CursorKeyType = 'd' | 'n' | 's';

/** new Date() holds ±8.64e15 ms (ECMA-262 time values); PostgreSQL's timestamps fit well inside. */
const MAX_DATE_MS = 8.64e15;
const MAX_INT32 = 2147483647;

const fits: Record<CursorKeyType, (value: unknown) => boolean> = {
  d: (v) => Number.isSafeInteger(v) && Math.abs(v as number) <= MAX_DATE_MS,
  n: (v) => Number.isSafeInteger(v) && Math.abs(v as number) <= MAX_INT32,
  s: (v) => typeof v === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(v),
};

/**
 * Reads a cursor made by encodeCursor for the same list (its key count and key
 * types must match `shape`), or throws a 400.
 */
export function decodeCursor(cursor: string, list: string, shape: ReadonlyArray<CursorKeyType>): CursorKey[] {
  let parsed: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('not base64url');
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid('(it is damaged or was not made by this server)');
  }
  const { l, k } = (parsed ?? {}) as { l?: unknown; k?: unknown };
  if (l !== list) throw invalid('for this list (it belongs to another feed or ordering)');
  if (!Array.isArray(k) || k.length !== shape.length) throw invalid('(it is damaged or was not made by this server)');
  k.forEach((value, i) => {
    if (!fits[shape[i]](value)) throw invalid('(it is damaged or was not made by this server)');
  });
  return k as CursorKey[];
}
