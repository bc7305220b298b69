import { MAX_POPULATE_DEPTH, MAX_POPULATE_PER_LEVEL, refuse } from './limits';
import { rewriteFilters, type FilterContext } from './filters';
import { checkSort } from './sort';
import { isHidden, isPolymorphic, isPopulatable, isRelation, isToMany, targetOf, type GetModel, type Model } from './schema';
import { hasVisibilityRule, withVisibility } from './visibility';

/**
 * A reader's `populate`, in two steps around Strapi's own sanitizer:
 *
 * 1. shapePopulate (on the query as sent): every form Strapi accepts ('*',
 *    'a,b.c', ['a'], { a: true }, { a: { populate: … } }) becomes one explicit
 *    object, and for readers who are not editors the bounds hold: at most
 *    MAX_POPULATE_DEPTH levels, MAX_POPULATE_PER_LEVEL relations side by side,
 *    no polymorphic relations, and one row per relation: a to-one relation is
 *    populated, a to-many one (a board's posts, a comment's replies) is counted
 *    (`populate[posts][count]=true`) and its rows are read from their own list,
 *    which pages (`/api/posts?filters[board][slug][$eq]=…`). Strapi's Document
 *    Service takes no limit on a populated relation, so rows there would grow
 *    with the data. `*` means every relation the reader may populate.
 *
 * 2. constrainPopulate (on the sanitized query): every populated (or counted)
 *    relation to posts, comments or boards is filtered by the visibility rule,
 *    and its own filters and sort are checked like the root's.
 */
export interface PopulateNode {
  fields?: unknown;
  filters?: unknown;
  sort?: unknown;
  populate?: Record<string, PopulateNode>;
  count?: boolean;
  start?: unknown;
  limit?: unknown;
  on?: unknown;
  [key: string]: unknown;
}

export type PopulateTree = Record<string, PopulateNode>;

export interface ShapeContext {
  getModel: GetModel;
  /** Bounds apply (readers who are not editors). */
  bounded: boolean;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const TRUE_WORDS = new Set(['true', 't', '1', '*']);
const FALSE_WORDS = new Set(['false', 'f', '0']);

/** Dotted paths ('board.posts') as nested nodes. */
function fromPaths(paths: string[]): Record<string, unknown> {
  const root: Record<string, any> = {};
  for (const path of paths) {
    let level = root;
    const parts = path.split('.').map((p) => p.trim()).filter(Boolean);
    parts.forEach((part, i) => {
      const node = (level[part] = isPlainObject(level[part]) ? level[part] : {});
      if (i < parts.length - 1) level = node.populate = isPlainObject(node.populate) ? node.populate : {};
    });
  }
  return root;
}

/** Any accepted form of one populate level, as { attribute: raw node }; '*' as every populatable attribute. */
function levelEntries(raw: unknown, model: Model, expand: (model: Model) => string[], path: string[]): Record<string, unknown> {
  if (raw === undefined || raw === null || raw === false) return {};
  if (raw === true || raw === '*') return Object.fromEntries(expand(model).map((key) => [key, {}]));
  if (typeof raw === 'string') return raw.trim() === '*' ? levelEntries('*', model, expand, path) : fromPaths(raw.split(','));
  if (Array.isArray(raw)) {
    if (!raw.every((item) => typeof item === 'string')) refuse('populate-shape', 'populate lists name relations: populate[0]=board&populate[1]=cover.', path);
    if (raw.includes('*')) return levelEntries('*', model, expand, path);
    return fromPaths(raw.flatMap((item: string) => item.split(',')));
  }
  if (isPlainObject(raw)) {
    // qs makes populate[0]=a&populate[1]=b an array, or an object past its array limit.
    const keys = Object.keys(raw);
    if (keys.length && keys.every((k) => /^\d+$/.test(k))) return levelEntries(Object.values(raw), model, expand, path);
    return raw;
  }
  refuse('populate-shape', 'populate is "*", a relation name, a list of them, or populate[relation]=…', path);
}

function nodeOf(raw: unknown, path: string[]): PopulateNode | null {
  if (raw === true) return {};
  if (typeof raw === 'string') {
    if (TRUE_WORDS.has(raw.trim().toLowerCase())) return {};
    if (FALSE_WORDS.has(raw.trim().toLowerCase())) return null;
    refuse('populate-shape', `populate[${path.join('][')}] is "true", "*" or an object of options.`, path);
  }
  if (raw === false || raw === null || raw === undefined) return null;
  if (isPlainObject(raw)) return { ...(raw as PopulateNode) };
  refuse('populate-shape', `populate[${path.join('][')}] is "true", "*" or an object of options.`, path);
}

const countAsked = (node: PopulateNode) => node.count === true || String(node.count).toLowerCase() === 'true';

/** Step 1: the populate as one explicit object, within the bounds for non-editors. */
export function shapePopulate(raw: unknown, model: Model, ctx: ShapeContext, depth = 1, path: string[] = []): PopulateTree | undefined {
  if (raw === undefined) return undefined;
  // What '*' stands for: what the reader may populate (for non-editors, no lists and nothing polymorphic).
  const expand = (m: Model) =>
    Object.entries(m.attributes)
      .filter(([, a]) => isPopulatable(a) && !isHidden(a) && !(ctx.bounded && (isPolymorphic(a) || isToMany(a))))
      .map(([key]) => key);
  const entries = levelEntries(raw, model, expand, path);
  const out: PopulateTree = {};
  // Hidden attributes (private, Strapi's bookkeeping) are left to Strapi's sanitizer, which removes them.
  const keys = Object.keys(entries).filter((key) => model.attributes[key] && isPopulatable(model.attributes[key]) && !(ctx.bounded && isHidden(model.attributes[key])));
  if (ctx.bounded && keys.length > MAX_POPULATE_PER_LEVEL) {
    refuse('populate-width', `At most ${MAX_POPULATE_PER_LEVEL} relations can be populated side by side (${path.length ? path.join('.') : 'the top level'} asks for ${keys.length}).`, path);
  }
  for (const key of keys) {
    const attribute = model.attributes[key];
    const where = [...path, key];
    const node = nodeOf(entries[key], where);
    if (!node) continue;
    if (ctx.bounded) {
      if (depth > MAX_POPULATE_DEPTH) refuse('populate-depth', `populate goes at most ${MAX_POPULATE_DEPTH} levels deep; "${where.join('.')}" is level ${depth}.`, where);
      if (isPolymorphic(attribute)) refuse('populate-polymorphic', `"${where.join('.')}" links to several kinds of content and cannot be populated.`, where);
      if (isToMany(attribute) && !countAsked(node)) {
        const listOf = targetOf(attribute, ctx.getModel)?.uid.split('.').pop() ?? key;
        refuse(
          'populate-list-relation',
          `"${where.join('.')}" is a list: it can be counted (populate[${where.join('][populate][')}][count]=true); its ${key} are read from the ${listOf} list itself, which pages (e.g. /api/${listOf}s?filters[…]).`,
          where,
        );
      }
      if (attribute.type === 'media' && node.populate !== undefined) refuse('populate-depth', `"${where.join('.')}" is a file: nothing below it can be populated.`, where);
    }
    const target = targetOf(attribute, ctx.getModel);
    if (target && node.populate !== undefined && !countAsked(node)) {
      const below = shapePopulate(node.populate, target, ctx, depth + 1, where);
      if (below && Object.keys(below).length) node.populate = below;
      else delete node.populate;
    }
    out[key] = node;
  }
  return out;
}

export interface ConstrainContext extends FilterContext {
  /** Sorts stay on the related list's own fields (readers who are not editors). */
  bounded: boolean;
}

/** Step 2: visibility on every populated relation, checked filters and sorts. */
export function constrainPopulate(populate: unknown, model: Model, ctx: ConstrainContext, path: string[] = []): unknown {
  if (!isPlainObject(populate)) return populate;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(populate)) {
    const attribute = model.attributes[key];
    const where = [...path, key];
    const target = attribute ? targetOf(attribute, ctx.getModel) : undefined;
    if (!attribute || !target) {
      out[key] = value;
      continue;
    }
    const node: PopulateNode = value === true ? {} : isPlainObject(value) ? { ...(value as PopulateNode) } : {};
    if (node.filters !== undefined) node.filters = rewriteFilters(node.filters, target, ctx, [...where, 'filters']);
    if (ctx.visibility && isRelation(attribute) && hasVisibilityRule(target.uid)) node.filters = withVisibility(target.uid, node.filters);
    if (node.sort !== undefined) checkSort(node.sort, target, { bounded: ctx.bounded }, [...where, 'sort']);
    if (node.populate !== undefined) node.populate = constrainPopulate(node.populate, target, ctx, where) as Record<string, PopulateNode>;
    out[key] = node;
  }
  return out;
}
