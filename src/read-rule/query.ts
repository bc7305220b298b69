import { rewriteFilters } from './filters';
import { constrainPopulate, shapePopulate } from './populate';
import type { GetModel, Model } from './schema';
import { checkSort } from './sort';
import { hasVisibilityRule, withVisibility } from './visibility';

/**
 * The read rule on one content-API query, around Strapi's sanitizer:
 *
 *   reader's query → prepareReaderQuery → Strapi's sanitize.query → applyReadRule → Document Service
 *
 * For readers who are not editors: `status` is always `published` (Strapi
 * applies it to every populated level), the publication-cohort parameters are
 * dropped, the visibility rule joins the root filters, every relation filter
 * and every populated relation, and the populate and filter bounds hold.
 * For everyone: filter values must fit their columns.
 */
export interface ReaderContext {
  getModel: GetModel;
  /** A users-permissions Editor: reads drafts and hidden rows, without bounds. */
  editor: boolean;
}

type Query = Record<string, unknown>;

const COHORT_PARAMS = ['publicationFilter', 'hasPublishedVersion'];

/** Whether posts, comments or boards can appear in an answer about this model (it is one, or links to one). */
const reachesRuledContent = (model: Model) =>
  hasVisibilityRule(model.uid) || Object.values(model.attributes).some((a) => a.type === 'relation' && !!a.target && hasVisibilityRule(a.target));

function pinPublished(query: Query, model: Model) {
  for (const key of COHORT_PARAMS) delete query[key];
  if (reachesRuledContent(model)) query.status = 'published';
  else delete query.status;
}

export function prepareReaderQuery(query: Query, model: Model, ctx: ReaderContext): Query {
  const next: Query = { ...query };
  if (!ctx.editor) pinPublished(next, model);
  if (next.populate !== undefined) next.populate = shapePopulate(next.populate, model, { getModel: ctx.getModel, bounded: !ctx.editor });
  if (next.sort !== undefined) checkSort(next.sort, model, { bounded: !ctx.editor });
  // The filters as sent are checked here too: Strapi's sanitizer silently drops shapes it does not read
  // (a list past qs's array limit), which would widen the answer instead of refusing it.
  if (next.filters !== undefined) rewriteFilters(next.filters, model, { getModel: ctx.getModel, visibility: false, counted: { values: 0 } }, ['filters']);
  return next;
}

export function applyReadRule(query: Query, model: Model, ctx: ReaderContext): Query {
  const next: Query = { ...query };
  const filterContext = { getModel: ctx.getModel, visibility: !ctx.editor, counted: { values: 0 } };
  const filters = next.filters === undefined ? undefined : rewriteFilters(next.filters, model, filterContext, ['filters']);
  if (ctx.editor) {
    if (filters !== undefined) next.filters = filters;
  } else {
    const visible = withVisibility(model.uid, Array.isArray(filters) ? { $and: filters } : filters);
    if (filters !== undefined || Object.keys(visible).length) next.filters = visible;
    pinPublished(next, model);
  }
  if (next.populate !== undefined) next.populate = constrainPopulate(next.populate, model, { ...filterContext, bounded: !ctx.editor });
  return next;
}
