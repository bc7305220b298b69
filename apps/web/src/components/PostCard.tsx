import type { FeedItem } from '../api/client';
import { useI18n } from '../i18n';
import { Link } from '../router';

/** One post in a list: thumbnail, title, excerpt, who and how many likes and comments. */
export function PostCard({ post, showBoard = false }: { post: FeedItem; showBoard?: boolean }) {
  const { t } = useI18n();
  return (
    <Link className="post-card" href={`/p/${post.documentId}`} data-testid="post-card" data-post={post.documentId}>
      {post.coverThumbnailUrl && <img className="post-thumb" src={post.coverThumbnailUrl} alt="" loading="lazy" width={72} height={72} />}
      <span className="post-card-text">
        {post.featured && <span className="badge">{t('featured')}</span>}
        <strong className="post-card-title">{post.title}</strong>
        <span className="muted excerpt">{post.excerpt}</span>
        <span className="meta">
          {showBoard && <span>{post.board.name} · </span>}
          {post.author && <span>{post.author.displayName} · </span>}
          <span>{t('likes', { n: post.likeCount })}</span> · <span>{t('comments', { n: post.commentCount })}</span>
        </span>
      </span>
    </Link>
  );
}
