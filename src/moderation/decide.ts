/** What the content check said of new text (see api::wechat.content-check `gate`). */
export type CheckGate = 'pass' | 'review' | 'risky' | 'unchecked' | 'skipped';

/** How a new post or comment starts, and what the member is told (`meta.moderation`). */
export interface Start {
  visible: boolean;
  moderation: 'published' | 'awaiting-editor' | 'awaiting-check' | 'hidden';
}

/**
 * One rule for posts and comments: shown at once only when the board does not
 * review them and the check (if any) passed — or could not be asked and the
 * board fails open. Risky text is hidden; text the check sends for review, or
 * that waits for a check on a fail-closed board, is held.
 */
export function startOf(input: { boardReviews: boolean; gate: CheckGate; failClosed: boolean }): Start {
  if (input.gate === 'risky') return { visible: false, moderation: 'hidden' };
  if (input.gate === 'review') return { visible: false, moderation: 'awaiting-editor' };
  if (input.boardReviews) return { visible: false, moderation: 'awaiting-editor' };
  if (input.gate === 'unchecked' && input.failClosed) return { visible: false, moderation: 'awaiting-check' };
  return { visible: true, moderation: 'published' };
}
