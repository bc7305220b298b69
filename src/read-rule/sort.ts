import { refuse } from './limits';
import { isPopulatable, type Model } from './schema';

/**
 * Readers who are not editors sort a list by its own fields. Sorting by a
 * relation (`sort=posts.title`) joins every related row, drafts and hidden
 * comments included, and the order of the answer would tell what they say.
 */
const isPlainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** The attribute names a sort value refers to at its first level, with whether they go deeper. */
function sortKeys(sort: unknown): Array<{ key: string; nested: boolean }> {
  if (typeof sort === 'string') {
    return sort
      .split(',')
      .map((part) => part.trim().split(':')[0])
      .filter(Boolean)
      .map((field) => ({ key: field.split('.')[0], nested: field.includes('.') }));
  }
  if (Array.isArray(sort)) return sort.flatMap(sortKeys);
  if (isPlainObject(sort)) return Object.entries(sort).map(([key, value]) => ({ key, nested: isPlainObject(value) }));
  return [];
}

export function checkSort(sort: unknown, model: Model, options: { bounded: boolean }, path: string[] = ['sort']): void {
  if (!options.bounded) return;
  for (const { key, nested } of sortKeys(sort)) {
    const attribute = model.attributes[key];
    if (nested || (attribute && isPopulatable(attribute))) {
      refuse('sort-relation', `Lists are sorted by their own fields; "${key}" is a relation (sort by e.g. createdAt:desc, or read the related list itself).`, [...path, key]);
    }
  }
}
