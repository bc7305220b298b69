/**
 * What a reader who is not an editor may see, said once for every read path:
 * a board while it is active; a post once published, while its board is
 * active; a comment while it is not hidden and its post is visible. As
 * Strapi document filters, so the same rule is applied at the root of a query,
 * in every populated relation and inside every filter that crosses a relation.
 */
export const BOARD = 'api::board.board';
export const POST = 'api::post.post';
export const COMMENT = 'api::comment.comment';

type Filters = Record<string, unknown>;

const activeBoard = (): Filters => ({ active: { $eq: true } });

// Relation filters join every row linked to the relation, a post's draft row included: the published row is asked for by name.
const visiblePost = (): Filters => ({ publishedAt: { $notNull: true }, board: activeBoard() });

// Comments imported before the flag existed have no value: null counts as visible, as the feed's counts do.
const notHidden = (): Filters => ({ $or: [{ hidden: { $eq: false } }, { hidden: { $null: true } }] });

const RULES: Record<string, () => Filters> = {
  [BOARD]: activeBoard,
  [POST]: visiblePost,
  [COMMENT]: () => ({ $and: [notHidden(), { post: visiblePost() }] }),
};

/** The filters every row of this content type must match to be read; null for types without a rule (users, media, components). */
export function visibleRows(uid: string): Filters | null {
  return RULES[uid]?.() ?? null;
}

export const hasVisibilityRule = (uid: string) => uid in RULES;

/** Reader filters joined with the rule: both must hold. */
export function withVisibility(uid: string, filters: unknown): Filters {
  const rule = visibleRows(uid);
  const given = filters && typeof filters === 'object' && Object.keys(filters as object).length > 0 ? (filters as Filters) : null;
  if (!rule) return given ?? {};
  return given ? { $and: [given, rule] } : rule;
}
