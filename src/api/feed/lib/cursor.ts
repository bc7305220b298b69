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
 * Reads a cursor made by encodeCursor for the same list (its key count and key
 * types must match `shape`: 'n' a number, 's' a string), or throws a 400.
 */
export function decodeCursor(cursor: string, list: string, shape: ReadonlyArray<'n' | 's'>): CursorKey[] {
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
    const ok = shape[i] === 'n' ? typeof value === 'number' && Number.isFinite(value) : typeof value === 'string' && value.length > 0;
    if (!ok) throw invalid('(it is damaged or was not made by this server)');
  });
  return k as CursorKey[];
}
