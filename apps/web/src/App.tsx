import type { ReactNode } from 'react';
import { useI18n } from './i18n';
import { useMember } from './member';
import { Link, match, useLocation } from './router';
import { PageTitle, Loading } from './components/ui';
import { BoardsPage } from './pages/Boards';
import { FeedPage } from './pages/Feed';
import { PostPage } from './pages/Post';
import { AuthPage } from './pages/Auth';
import { WritePage } from './pages/Write';
import { ProfilePage } from './pages/Profile';
import { NotificationsPage } from './pages/Notifications';
import { RewardsPage } from './pages/Rewards';
import { LinkHivePage } from './pages/LinkHive';

/** Pages that need a member: without one, the sign-in page, which comes back here after. */
function MembersOnly({ children }: { children: ReactNode }) {
  const { me, loading } = useMember();
  const { t } = useI18n();
  if (loading) return <Loading />;
  if (!me)
    return (
      <>
        <PageTitle>{t('mustSignIn')}</PageTitle>
        <p>
          <Link className="button" href={`/signin?next=${encodeURIComponent(location.pathname + location.search)}`}>
            {t('signIn')}
          </Link>{' '}
          <Link className="button secondary" href="/signup">
            {t('signUp')}
          </Link>
        </p>
      </>
    );
  return <>{children}</>;
}

function page(pathname: string): ReactNode {
  let params: Record<string, string> | null;
  if (pathname === '/') return <BoardsPage />;
  if ((params = match(pathname, '/b/:slug'))) return <FeedPage key={params.slug} slug={params.slug} />;
  if ((params = match(pathname, '/p/:documentId'))) return <PostPage key={params.documentId} documentId={params.documentId} />;
  if (match(pathname, '/signin')) return <AuthPage key="signin" mode="signin" />;
  if (match(pathname, '/signup')) return <AuthPage key="signup" mode="signup" />;
  const members: Record<string, () => ReactNode> = {
    '/write': () => <WritePage />,
    '/me': () => <ProfilePage />,
    '/notifications': () => <NotificationsPage />,
    '/rewards': () => <RewardsPage />,
    '/link-hive': () => <LinkHivePage />,
  };
  const found = members[pathname.replace(/\/$/, '')];
  if (found) return <MembersOnly>{found()}</MembersOnly>;
  return null;
}

export function App() {
  const { t, language, setLanguage } = useI18n();
  const { me } = useMember();
  const { pathname } = useLocation();
  const content = page(pathname);
  const unread = me?.unreadNotifications ?? 0;
  const current = (href: string) => (pathname === href || (href !== '/' && pathname.startsWith(href)) ? 'page' : undefined);
  return (
    <>
      <a className="skip" href="#main">
        {t('skipToContent')}
      </a>
      <header className="top">
        <Link href="/" className="brand">
          {t('appName')}
        </Link>
        <button type="button" className="link-button" lang={language === 'zh' ? 'en' : 'zh-CN'} title={t('languageLabel')} onClick={() => setLanguage(language === 'zh' ? 'en' : 'zh')} data-testid="language">
          {t('language')}
        </button>
        {!me && (
          <Link href="/signin" className="link-button">
            {t('signIn')}
          </Link>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {content ?? (
          <>
            <PageTitle>{t('notFound')}</PageTitle>
            <Link href="/">{t('navBoards')}</Link>
          </>
        )}
      </main>
      <nav className="tabs" aria-label={t('appName')}>
        <Link href="/" aria-current={pathname === '/' || pathname.startsWith('/b/') ? 'page' : undefined}>
          {t('navBoards')}
        </Link>
        <Link href="/write" aria-current={current('/write')}>
          {t('navWrite')}
        </Link>
        <Link href="/notifications" aria-current={current('/notifications')} data-testid="nav-notifications">
          {t('navNotifications')}
          {unread > 0 && (
            <span className="count" data-testid="unread-badge">
              <span aria-hidden="true">{unread}</span>
              <span className="visually-hidden">{t('unreadCount', { n: unread })}</span>
            </span>
          )}
        </Link>
        <Link href="/me" aria-current={current('/me')}>
          {t('navMe')}
        </Link>
      </nav>
    </>
  );
}
