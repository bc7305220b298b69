/**
 * Names for what a cached answer was read from, and so what a write must make
 * the caches forget (cache.ts). One vocabulary for pages, post details, the
 * per-post counts and other instances (the cluster bus carries these strings).
 */
export const TAG = {
  /** A board's row (name, slug, active) and every list of it. */
  board: (id: number) => `board:${id}`,
  /** What readers see of one post: its detail and its counts. */
  post: (documentId: string) => `post:${documentId}`,
  /** A member's name as lists and details show it. */
  user: (id: number) => `user:${id}`,
  /** An uploaded file (a cover). */
  file: (id: number) => `file:${id}`,
  /** The featured list, board lists with featured first, and any page showing a featured post. */
  featured: 'featured',
  /** Every page. */
  pages: 'pages',
  /** Every post detail (readers' permissions changed, or something a detail may populate). */
  details: 'details',
  /** Every post's counts. */
  counts: 'counts',
  /** Every post's list item. */
  items: 'items',
  /** Every board looked up by slug. */
  boards: 'boards',
} as const;

/** Tags to forget; undefined means everything. */
export type Tags = Iterable<string>;
