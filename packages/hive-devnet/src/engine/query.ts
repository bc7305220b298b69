/**
 * The subset of MongoDB query, sort and projection semantics that Hive-Engine
 * clients use with `find` / `findOne` (hive-engine stores contract tables in
 * MongoDB and passes the query through). Unsupported operators make the
 * query fail, as MongoDB would (the RPC then answers null).
 */

export type Doc = Record<string, unknown>;

export class UnsupportedQueryError extends Error {}

const COMPARATORS = new Set(['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$exists']);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && deepEqual((a as Doc)[k], (b as Doc)[k]));
}

/** Mongo compares only values of the same BSON type class with $gt & co. */
function typeClass(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'boolean';
  return 'other';
}

function order(a: unknown, b: unknown): number | null {
  const ta = typeClass(a);
  if (ta !== typeClass(b) || ta === 'other') return null;
  if (ta === 'null') return 0;
  const x = a as number | string | boolean;
  const y = b as number | string | boolean;
  return x < y ? -1 : x > y ? 1 : 0;
}

function getPath(doc: Doc, path: string): unknown {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (!isPlainObject(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

/** Equality the Mongo way: a scalar also matches an array field that contains it. */
function equals(field: unknown, value: unknown): boolean {
  if (value === null) return field === null || field === undefined;
  if (deepEqual(field, value)) return true;
  return Array.isArray(field) && field.some((el) => deepEqual(el, value));
}

function matchOperators(field: unknown, ops: Record<string, unknown>): boolean {
  for (const [op, arg] of Object.entries(ops)) {
    switch (op) {
      case '$eq':
        if (!equals(field, arg)) return false;
        break;
      case '$ne':
        if (equals(field, arg)) return false;
        break;
      case '$in':
        if (!Array.isArray(arg)) throw new UnsupportedQueryError('$in needs an array');
        if (!arg.some((v) => equals(field, v))) return false;
        break;
      case '$nin':
        if (!Array.isArray(arg)) throw new UnsupportedQueryError('$nin needs an array');
        if (arg.some((v) => equals(field, v))) return false;
        break;
      case '$exists':
        if ((field !== undefined) !== Boolean(arg)) return false;
        break;
      case '$gt':
      case '$gte':
      case '$lt':
      case '$lte': {
        const c = order(field, arg);
        if (c === null) return false;
        if (op === '$gt' && !(c > 0)) return false;
        if (op === '$gte' && !(c >= 0)) return false;
        if (op === '$lt' && !(c < 0)) return false;
        if (op === '$lte' && !(c <= 0)) return false;
        break;
      }
      default:
        throw new UnsupportedQueryError(`unknown operator: ${op}`);
    }
  }
  return true;
}

/** True when `doc` satisfies the (Mongo-style) `query`. */
export function matches(doc: Doc, query: Record<string, unknown>): boolean {
  for (const [key, cond] of Object.entries(query)) {
    if (key === '$and' || key === '$or' || key === '$nor') {
      if (!Array.isArray(cond) || cond.length === 0 || !cond.every(isPlainObject)) {
        throw new UnsupportedQueryError(`${key} needs a non-empty array of queries`);
      }
      const results = (cond as Doc[]).map((q) => matches(doc, q));
      if (key === '$and' && !results.every(Boolean)) return false;
      if (key === '$or' && !results.some(Boolean)) return false;
      if (key === '$nor' && results.some(Boolean)) return false;
      continue;
    }
    if (key.startsWith('$')) throw new UnsupportedQueryError(`unknown top level operator: ${key}`);
    const field = getPath(doc, key);
    if (isPlainObject(cond) && Object.keys(cond).length > 0 && Object.keys(cond).every((k) => k.startsWith('$'))) {
      if (!Object.keys(cond).every((k) => COMPARATORS.has(k))) {
        throw new UnsupportedQueryError(`unknown operator in ${JSON.stringify(cond)}`);
      }
      if (!matchOperators(field, cond)) return false;
    } else if (!equals(field, cond)) {
      return false;
    }
  }
  return true;
}

export interface SortKey {
  field: string;
  descending: boolean;
}

/** Sort by the given keys, then by _id ascending (hive-engine always appends it). */
export function sortDocs(docs: Doc[], keys: SortKey[]): Doc[] {
  const all = keys.some((k) => k.field === '_id') ? keys : [...keys, { field: '_id', descending: false }];
  return [...docs].sort((a, b) => {
    for (const k of all) {
      const c = order(getPath(a, k.field), getPath(b, k.field)) ?? 0;
      if (c !== 0) return k.descending ? -c : c;
    }
    return 0;
  });
}

/** MongoDB projection restricted to 0/1 values (hive-engine's allowArbitraryProject=false). */
export function project(doc: Doc, projection: Record<string, unknown>): Doc {
  const entries = Object.entries(projection);
  if (entries.length === 0) return doc;
  const inclusive = entries.some(([k, v]) => k !== '_id' && v === 1);
  if (inclusive) {
    const out: Doc = {};
    if (projection._id !== 0 && '_id' in doc) out._id = doc._id;
    for (const [k, v] of entries) if (v === 1 && k in doc) out[k] = doc[k];
    return out;
  }
  const out: Doc = { ...doc };
  for (const [k, v] of entries) if (v === 0) delete out[k];
  return out;
}
