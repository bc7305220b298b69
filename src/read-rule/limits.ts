import { errors } from '@strapi/utils';

/**
 * How much one public or member read may ask for. An answer's size is rows ×
 * relations × rows per relation; these keep it to what a screen shows, so no
 * query string can make the server build answers that grow with the data.
 * Rows per relation: one for a to-one relation; a to-many relation is counted
 * (populate.ts), its rows read from its own list, which pages (at most
 * api.rest.maxLimit rows, config/api.ts).
 */

/** Levels of populated relations and components below the list itself (comments → post → board → cover). */
export const MAX_POPULATE_DEPTH = 3;
/** Relations and components populated side by side at one level. */
export const MAX_POPULATE_PER_LEVEL = 4;
/** Values in one $in / $notIn list. */
export const MAX_FILTER_LIST = 100;
/** Conditions (each compared value) in one query's filters, populate filters included. */
export const MAX_FILTER_VALUES = 200;
/** How deeply $and / $or / $not and relation filters may nest. */
export const MAX_FILTER_DEPTH = 8;

export type ReadRule =
  | 'populate-depth'
  | 'populate-width'
  | 'populate-list-relation'
  | 'populate-polymorphic'
  | 'populate-shape'
  | 'filter-list-size'
  | 'filter-size'
  | 'filter-depth'
  | 'filter-json'
  | 'filter-value'
  | 'sort-relation';

/** A 400 in Strapi's error shape that names the rule the query broke and where. */
export function refuse(rule: ReadRule, message: string, path: string[] = []): never {
  throw new errors.ValidationError(message, { rule, path: path.join('.') || null });
}
