/** A comment as the thread view reads it from the database. */
export interface CommentRow {
  id: number;
  documentId: string;
  body: string;
  createdAt: string | Date;
  parentId: number | null;
  authorId: number | null;
  hiveAuthor: string | null;
  source: string | null;
}

export interface ThreadNode<T> {
  row: CommentRow;
  replies: Array<ThreadNode<T>>;
  extra?: T;
}

const time = (value: string | Date) => new Date(value).getTime();

/**
 * Hangs replies under their parents, oldest reply first at every level (a
 * conversation reads downwards), for the given top-level comments in their
 * given order. Replies whose parent is not among the rows (hidden, held, or
 * past the depth read) are left out with it: a thread never shows an answer
 * to something the reader cannot see.
 */
export function buildThreads(roots: CommentRow[], replies: CommentRow[]): Array<ThreadNode<never>> {
  const children = new Map<number, CommentRow[]>();
  for (const reply of replies) {
    if (reply.parentId == null) continue;
    const list = children.get(reply.parentId) ?? [];
    list.push(reply);
    children.set(reply.parentId, list);
  }
  for (const list of children.values()) list.sort((a, b) => time(a.createdAt) - time(b.createdAt) || a.id - b.id);
  const seen = new Set<number>();
  const grow = (row: CommentRow): ThreadNode<never> => {
    seen.add(row.id);
    return { row, replies: (children.get(row.id) ?? []).filter((child) => !seen.has(child.id)).map(grow) };
  };
  return roots.map(grow);
}
