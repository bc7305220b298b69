import { useEffect, useState } from 'react';
import { call, type Board, type FeedItem } from '../api/client';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { ErrorNote, Loading, PageTitle } from '../components/ui';
import { PostCard } from '../components/PostCard';

/** The home page: every open board, then what editors featured across boards. */
export function BoardsPage() {
  const { t } = useI18n();
  const [boards, setBoards] = useState<Board[] | null>(null);
  const [featured, setFeatured] = useState<FeedItem[]>([]);
  const [error, setError] = useState<unknown>(null);
  const load = () => {
    setError(null);
    call('get', '/boards', { query: { 'sort[0]': 'name:asc', 'pagination[pageSize]': 100 } })
      .then((answer) => setBoards(answer.data))
      .catch(setError);
    call('get', '/featured', { query: { limit: 5 } })
      .then((answer) => setFeatured(answer.data))
      .catch(() => setFeatured([]));
  };
  useEffect(load, []);
  return (
    <>
      <PageTitle>{t('boardsTitle')}</PageTitle>
      {error ? <ErrorNote error={error} onRetry={load} /> : null}
      {!boards && !error && <Loading />}
      {boards && (
        <ul className="board-list" data-testid="board-list">
          {boards.map((board) => (
            <li key={board.documentId}>
              <Link className="board-card" href={`/b/${board.slug}`} data-board={board.slug}>
                <strong>{board.name}</strong>
                {board.description && <span className="muted">{board.description}</span>}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {featured.length > 0 && (
        <section aria-labelledby="featured-heading">
          <h2 id="featured-heading">{t('featuredTitle')}</h2>
          <ul className="post-list">
            {featured.map((post) => (
              <li key={post.documentId}>
                <PostCard post={post} showBoard />
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
