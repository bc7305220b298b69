import type { Notifications } from '../api/client';
import type { MessageKey } from './messages';

type Notification = Notifications['data'][number];
type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** A notification in the reader's language, from its kind, actors, post and payload (the API's `text` is one language). */
export function notificationText(t: Translate, n: Notification): string {
  const who = n.actors[0]?.displayName ?? '';
  const on = n.post?.title ? `「${n.post.title}」` : t('yourPost');
  const payload = n.payload as Record<string, string | undefined>;
  switch (n.kind) {
    case 'reply':
      return t('notifyReply', { who, on });
    case 'mention':
      return t('notifyMention', { who, on });
    case 'like':
      return n.count > 1 ? t('notifyLikeMany', { who, count: n.count, others: n.count - 1, on }) : t('notifyLike', { who, on });
    case 'reward':
      return t('notifyReward', { amount: payload.amount ?? '', symbol: payload.symbol ?? '' });
    case 'moderation': {
      const what = payload.target === 'comment' ? t('targetComment') : payload.target === 'profile' ? t('targetProfile') : t('targetPost', { on });
      const line = t(payload.decision === 'approved' ? 'notifyApproved' : payload.decision === 'rejected' ? 'notifyRejected' : 'notifyHidden', { what });
      return payload.reason ? `${line}. ${t('reason', { reason: payload.reason })}` : line;
    }
    case 'event':
      return t(payload.change === 'promoted' ? 'notifyEventPromoted' : 'notifyEventReminder', { on });
    default:
      return n.text;
  }
}
