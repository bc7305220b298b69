/**
 * What a member hears about (`event`: a seat came free for you, or an event you go to starts soon;
 * `payment`: a receipt — you paid a merchant, your shop received a payment, or a payment was refunded).
 * `like` notifications are grouped: one per post until it is read.
 */
export const NOTIFICATION_KINDS = ['reply', 'mention', 'like', 'reward', 'moderation', 'event', 'payment'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** How many likers a grouped like notification names (the count says how many there are). */
export const MAX_GROUPED_ACTORS = 5;

/** Adds an actor to a group, newest first, each once, at most MAX_GROUPED_ACTORS of them. */
export function addActor(actors: unknown, actorId: number): number[] {
  const list = Array.isArray(actors) ? actors.filter((id): id is number => Number.isInteger(id) && id !== actorId) : [];
  return [actorId, ...list].slice(0, MAX_GROUPED_ACTORS);
}

/** One line a mini program can show as it is (subscribe messages and lists without their own wording). */
export function notificationText(kind: NotificationKind, who: string, count: number, payload: Record<string, any>, postTitle: string | null): string {
  const on = postTitle ? `「${postTitle}」` : 'your post';
  switch (kind) {
    case 'reply':
      return `${who} replied on ${on}`;
    case 'mention':
      return `${who} mentioned you on ${on}`;
    case 'like':
      return count > 1 ? `${who} and ${count - 1} other${count > 2 ? 's' : ''} liked ${on}` : `${who} liked ${on}`;
    case 'reward':
      return `You were paid ${payload.amount ?? ''} ${payload.symbol ?? ''}`.trim();
    case 'moderation': {
      const what = payload.target === 'comment' ? 'Your comment' : payload.target === 'profile' ? 'Your profile' : `Your post ${on}`;
      if (payload.decision === 'approved') return `${what} was approved`;
      if (payload.decision === 'rejected') return `${what} was rejected${payload.reason ? `: ${payload.reason}` : ''}`;
      return `${what} was hidden${payload.reason ? `: ${payload.reason}` : ''}`;
    }
    case 'event':
      return payload.change === 'promoted' ? `A seat came free: you are going to ${on}` : `${on} starts soon`;
    case 'payment': {
      const amount = `${payload.amount ?? ''} ${payload.symbol ?? ''}`.trim();
      if (payload.change === 'received') return `${payload.merchant ?? 'Your shop'} received ${amount}`;
      if (payload.change === 'refunded') return `${payload.merchant ?? 'The merchant'} refunded ${amount}`;
      return `You paid ${amount} to ${payload.merchant ?? 'a merchant'}`;
    }
  }
}
