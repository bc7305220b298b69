import { useCallback, useEffect, useRef, useState } from 'react';
import { call, type Board, type FeedItem } from '../api/client';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { ErrorNote, Loading, PageTitle } from '../components/ui';
import { PostCard } from '../components/PostCard';

/** A board's posts, featured ones first, paged by cursor as the reader scrolls (and by a button). */
export function FeedPage({ slug }: { slug: string }) {
  const { t } = useI18n();
  const [board, setBoard] = useState<Board | null>(null);
  const [posts, setPosts] = useState<FeedItem[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const sentinel = useRef<HTMLDivElement>(null);

  const loadMore = useCallback(async () => {
    if (busy || cursor === null) return;
    setBusy(true);
    setError(null);
    try {
      const page = await call('get', '/feed', { query: { board: slug, featuredFirst: 'true', limit: 10, cursor: cursor ?? undefined } });
      setPosts((before) => [...before, ...page.data]);
      setCursor(page.meta.nextCursor);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }, [busy, cursor, slug]);

  useEffect(() => {
    setPosts([]);
    setCursor(undefined);
    call('get', '/boards', { query: { 'filters[slug][$eq]': slug } })
      .then((answer) => setBoard(answer.data[0] ?? null))
      .catch(() => setBoard(null));
  }, [slug]);

  useEffect(() => {
    if (cursor === undefined && posts.length === 0 && !busy) void loadMore();
  }, [cursor, posts.length, busy, loadMore]);

  // Infinite scroll: the next page when the end of the list comes into view.
  useEffect(() => {
    const node = sentinel.current;
    if (!node || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && cursor) void loadMore();
    });
    observer.observe(node);
    return () => observer.disconnect();
  }, [cursor, loadMore]);

  return (
    <>
      <PageTitle>{board?.name ?? slug}</PageTitle>
      {board?.description && <p className="muted">{board.description}</p>}
      <p>
        <Link className="button" href={`/write?board=${encodeURIComponent(slug)}`}>
          {t('navWrite')}
        </Link>
      </p>
      <ul className="post-list" data-testid="feed">
        {posts.map((post) => (
          <li key={post.documentId}>
            <PostCard post={post} />
          </li>
        ))}
      </ul>
      {error ? <ErrorNote error={error} onRetry={loadMore} /> : null}
      {busy && <Loading />}
      {!busy && cursor === null && <p className="muted">{posts.length ? t('noMore') : t('feedEmpty')}</p>}
      {!busy && cursor && (
        <button type="button" className="button secondary" onClick={loadMore}>
          {t('loadMore')}
        </button>
      )}
      <div ref={sentinel} aria-hidden="true" />
    </>
  );
}
