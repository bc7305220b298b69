import { MAX_FILTER_DEPTH, MAX_FILTER_LIST, MAX_FILTER_VALUES, refuse } from './limits';
import { isRelation, targetOf, type Attribute, type GetModel, type Model } from './schema';
import { hasVisibilityRule, visibleRows } from './visibility';

/**
 * A reader's filters, checked against the schema and, for readers who are not
 * editors, joined with the visibility rule wherever they cross a relation: a
 * filter on `posts.title` matches published posts of active boards only, so
 * filters cannot be used to learn what drafts or hidden comments say.
 *
 * Values must fit their column (a whole number for an integer, two values for
 * $between, …): the database would otherwise answer with an error, a 500 on
 * PostgreSQL. JSON columns (tags) cannot be compared, only tested for null.
 */
const GROUP = new Set(['$and', '$or']);
const LIST = new Set(['$in', '$notIn']);
const NULLS = new Set(['$null', '$notNull']);
const COMPARE = new Set([
  '$eq',
  '$eqi',
  '$ne',
  '$nei',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
  '$startsWith',
  '$endsWith',
  '$startsWithi',
  '$endsWithi',
  '$contains',
  '$notContains',
  '$containsi',
  '$notContainsi',
]);

/** PostgreSQL's integer column (Strapi's `integer` and ids); bigintegers are 64-bit. */
const INT32 = 2147483647;
const INT64 = BigInt('9223372036854775807');

const BOOLEAN_WORDS = new Set(['true', 'false', 't', 'f', '1', '0']);

export interface FilterContext {
  getModel: GetModel;
  /** Join relation filters with the visibility rule (readers who are not editors). */
  visibility: boolean;
  /** Values compared so far in this query (shared by root and populate filters). */
  counted: { values: number };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** qs turns `[$in][0..n]` past its array limit into an object with numeric keys: a list all the same. */
function asList(value: unknown): unknown[] | null {
  if (Array.isArray(value)) return value;
  if (isPlainObject(value) && Object.keys(value).length > 0 && Object.keys(value).every((k) => /^\d+$/.test(k))) return Object.values(value);
  return null;
}

function count(ctx: FilterContext, n: number, path: string[]) {
  ctx.counted.values += n;
  if (ctx.counted.values > MAX_FILTER_VALUES) refuse('filter-size', `Filters compare at most ${MAX_FILTER_VALUES} values in one request: split the request in several.`, path);
}

/** Whether one compared value fits the attribute's column; a message naming the problem when not. */
export function valueProblem(attribute: Attribute | 'id', value: unknown): string | null {
  if (value === null) return null;
  if (typeof value === 'object') return 'expects a single value, not a list or an object';
  const type = attribute === 'id' ? 'integer' : attribute.type;
  const text = String(value);
  switch (type) {
    case 'integer': {
      if (!/^-?\d{1,10}$/.test(text) || Math.abs(Number(text)) > INT32) return `expects a whole number from -${INT32} to ${INT32}`;
      return null;
    }
    case 'biginteger': {
      if (!/^-?\d{1,19}$/.test(text) || (BigInt(text) > INT64 || BigInt(text) < -INT64)) return 'expects a whole number (64-bit)';
      return null;
    }
    case 'float':
    case 'decimal':
      return text.trim() !== '' && Number.isFinite(Number(text)) ? null : 'expects a number';
    case 'boolean':
      return BOOLEAN_WORDS.has(text.toLowerCase()) ? null : 'expects true or false';
    case 'date':
    case 'datetime':
    case 'timestamp':
    case 'time':
      return /^-?\d{1,15}$/.test(text) || !Number.isNaN(Date.parse(text)) || (type === 'time' && /^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)) ? null : 'expects a date, e.g. 2026-05-01T18:00:00Z';
    default:
      return null;
  }
}

function checkValue(attribute: Attribute | 'id', value: unknown, path: string[]) {
  const problem = valueProblem(attribute, value);
  if (problem) refuse('filter-value', `The filter on "${path.join('.')}" ${problem}.`, path);
}

/** Operators on one scalar attribute: `{ $eq: 'x' }`, `'x'` (equals), `['a', 'b']` (one of), `{ $not: { … } }`. */
function checkAttributeFilter(attribute: Attribute | 'id', value: unknown, path: string[], ctx: FilterContext, depth: number): unknown {
  if (depth > MAX_FILTER_DEPTH) refuse('filter-depth', `Filters nest at most ${MAX_FILTER_DEPTH} levels deep.`, path);
  const list = asList(value);
  if (list) return checkList(attribute, list, path, ctx);
  if (!isPlainObject(value)) {
    count(ctx, 1, path);
    checkValue(attribute, value, path);
    return value;
  }
  const out: Record<string, unknown> = {};
  for (const [op, operand] of Object.entries(value)) {
    const where = [...path, op];
    if (op === '$not') out[op] = checkAttributeFilter(attribute, operand, where, ctx, depth + 1);
    else if (LIST.has(op)) {
      const items = asList(operand) ?? [operand];
      out[op] = checkList(attribute, items, where, ctx);
    } else if (op === '$between') {
      const items = asList(operand);
      if (!items || items.length !== 2) refuse('filter-value', `"${where.join('.')}" takes exactly two values: [from, to].`, where);
      count(ctx, 2, where);
      items.forEach((item) => checkValue(attribute, item, where));
      out[op] = items;
    } else if (NULLS.has(op)) {
      count(ctx, 1, where);
      if (!BOOLEAN_WORDS.has(String(operand).toLowerCase())) refuse('filter-value', `"${where.join('.')}" takes true or false.`, where);
      out[op] = operand;
    } else if (COMPARE.has(op)) {
      count(ctx, 1, where);
      checkValue(attribute, operand, where);
      out[op] = operand;
    } else {
      refuse('filter-value', `"${op}" is not a filter operator readers may use (at "${path.join('.')}").`, where);
    }
  }
  return out;
}

function checkList(attribute: Attribute | 'id', items: unknown[], path: string[], ctx: FilterContext) {
  if (items.length > MAX_FILTER_LIST) refuse('filter-list-size', `A list in a filter holds at most ${MAX_FILTER_LIST} values ("${path.join('.')}" has ${items.length}).`, path);
  count(ctx, items.length, path);
  items.forEach((item) => checkValue(attribute, item, path));
  return items;
}

/** JSON columns take only $null / $notNull: comparing their text is not portable (PostgreSQL refuses it). */
function checkJsonFilter(value: unknown, path: string[], ctx: FilterContext) {
  const ok = isPlainObject(value) && Object.keys(value).length > 0 && Object.keys(value).every((op) => NULLS.has(op));
  if (!ok) refuse('filter-json', `"${path.join('.')}" is a list of values (JSON): it can only be filtered with $null or $notNull.`, path);
  return checkAttributeFilter({ type: 'json' }, value, path, ctx, 0);
}

/**
 * Checks (and for non-editors, constrains) a filters object of `model`;
 * returns the filters to run. Unknown keys were removed by Strapi's sanitizer.
 */
export function rewriteFilters(filters: unknown, model: Model, ctx: FilterContext, path: string[] = [], depth = 0): unknown {
  if (depth > MAX_FILTER_DEPTH) refuse('filter-depth', `Filters nest at most ${MAX_FILTER_DEPTH} levels deep.`, path);
  const list = asList(filters);
  if (list) return list.map((item, i) => rewriteFilters(item, model, ctx, [...path, String(i)], depth + 1));
  if (!isPlainObject(filters)) return filters;

  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filters)) {
    const where = [...path, key];
    if (GROUP.has(key)) {
      const items = asList(value) ?? [value];
      out[key] = items.map((item, i) => rewriteFilters(item, model, ctx, [...where, String(i)], depth + 1));
      continue;
    }
    if (key === '$not') {
      out[key] = rewriteFilters(value, model, ctx, where, depth + 1);
      continue;
    }
    if (key.startsWith('$')) refuse('filter-value', `"${key}" is not a filter operator readers may use here.`, where);
    if (key === 'id' || key === 'documentId') {
      out[key] = checkAttributeFilter(key === 'id' ? 'id' : { type: 'string' }, value, where, ctx, depth + 1);
      continue;
    }
    const attribute = model.attributes[key];
    if (!attribute) continue;
    if (attribute.type === 'json') {
      out[key] = checkJsonFilter(value, where, ctx);
      continue;
    }
    const target = targetOf(attribute, ctx.getModel);
    if (target) {
      // `filters[board]=5` means the board with id 5.
      const given = isPlainObject(value) || asList(value) ? value : { id: value };
      const checked = rewriteFilters(given, target, ctx, where, depth + 1);
      const inner = Array.isArray(checked) ? { $and: checked } : checked;
      // Crossing into posts, comments or boards: only the rows a reader may see take part.
      out[key] = ctx.visibility && isRelation(attribute) && hasVisibilityRule(target.uid) ? { $and: [inner, visibleRows(target.uid)] } : inner;
      continue;
    }
    out[key] = checkAttributeFilter(attribute, value, where, ctx, depth + 1);
  }
  return out;
}
