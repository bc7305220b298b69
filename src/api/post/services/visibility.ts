/** Readers only see posts whose board is active: a deactivated board disappears with its posts. */
export function publicPostFilters(filters: unknown): Record<string, unknown> {
  const activeBoard = { board: { active: { $eq: true } } };
  if (!filters || (typeof filters === 'object' && Object.keys(filters as object).length === 0)) return activeBoard;
  return { $and: [filters as Record<string, unknown>, activeBoard] };
}
