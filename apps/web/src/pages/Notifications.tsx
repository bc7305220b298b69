import { useEffect, useState } from 'react';
import { call, type Notifications } from '../api/client';
import { useI18n } from '../i18n';
import { useMember } from '../member';
import { Link } from '../router';
import { notificationText } from '../i18n/notification-text';
import { Avatar, ErrorNote, formatDate, Loading, PageTitle } from '../components/ui';

/** Replies, mentions, likes, rewards and moderation news, newest first; unread ones marked. */
export function NotificationsPage() {
  const { t, language } = useI18n();
  const { refresh } = useMember();
  const [items, setItems] = useState<Notifications['data']>([]);
  const [unread, setUnread] = useState(0);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const load = async (from?: string) => {
    setError(null);
    try {
      const page = await call('get', '/me/notifications', { query: { limit: 20, cursor: from } });
      setItems((before) => (from ? [...before, ...page.data] : page.data));
      setUnread(page.meta.unread);
      setCursor(page.meta.nextCursor);
    } catch (e) {
      setError(e);
    } finally {
      setLoaded(true);
    }
  };
  useEffect(() => {
    void load();
  }, []);
  const markAllRead = async () => {
    try {
      await call('post', '/me/notifications/read', { body: { all: true } });
      await load();
      await refresh();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      <PageTitle>{t('notificationsTitle')}</PageTitle>
      <p className="row">
        <span data-testid="unread" aria-live="polite">
          {t('unreadCount', { n: unread })}
        </span>
        {unread > 0 && (
          <button type="button" className="button secondary" onClick={markAllRead}>
            {t('markAllRead')}
          </button>
        )}
      </p>
      {error ? <ErrorNote error={error} onRetry={() => void load()} /> : null}
      {!loaded && <Loading />}
      {loaded && items.length === 0 && <p className="muted">{t('noNotifications')}</p>}
      <ul className="notifications" data-testid="notifications">
        {items.map((n) => (
          <li key={n.id} className={n.read ? 'notification' : 'notification unread'} data-testid="notification" data-kind={n.kind}>
            <Avatar url={n.actors[0]?.avatarUrl} name={n.actors[0]?.displayName ?? '★'} size={32} />
            <div>
              {!n.read && <span className="visually-hidden">{t('unread')}: </span>}
              {n.post ? <Link href={`/p/${n.post.documentId}`}>{notificationText(t, n)}</Link> : <span>{notificationText(t, n)}</span>}
              <div className="muted">{formatDate(n.lastAt, language)}</div>
            </div>
          </li>
        ))}
      </ul>
      {cursor && (
        <button type="button" className="button secondary" onClick={() => void load(cursor)}>
          {t('loadMore')}
        </button>
      )}
    </>
  );
}
