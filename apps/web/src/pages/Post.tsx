import { useCallback, useEffect, useRef, useState } from 'react';
import { call, type PostDetail, type Thread, type ThreadComment } from '../api/client';
import { useI18n } from '../i18n';
import { useMember } from '../member';
import { Link } from '../router';
import { Avatar, ErrorNote, formatDate, Loading } from '../components/ui';
import { CommentForm } from '../components/CommentForm';
import { KindDetails } from '../components/KindDetails';

type Reply = ThreadComment['replies'][number];

/** A post: cover, author, the sanitized HTML the API gives, likes, then the threaded comments. */
export function PostPage({ documentId }: { documentId: string }) {
  const { t, language } = useI18n();
  const { me } = useMember();
  const [post, setPost] = useState<PostDetail | null>(null);
  const [thread, setThread] = useState<Thread | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // Focus the title once the post is there, as other pages focus theirs, so a screen reader starts at it.
  useEffect(() => heading.current?.focus({ preventScroll: true }), [post?.documentId]);

  const loadThread = useCallback(
    () =>
      call('get', '/posts/{documentId}/comments', { params: { documentId }, query: { order: 'oldest', limit: 50 } })
        .then(setThread)
        .catch(setError),
    [documentId],
  );
  const loadPost = useCallback(
    () =>
      call('get', '/posts/{id}', { params: { id: documentId } })
        .then((answer) => setPost(answer.data))
        .catch(setError),
    [documentId],
  );
  useEffect(() => {
    setPost(null);
    void loadPost();
    void loadThread();
  }, [documentId, loadPost, loadThread, me?.id]);

  const toggleLike = async () => {
    if (!post) return;
    try {
      const answer = post.likedByMe
        ? await call('delete', '/posts/{documentId}/like', { params: { documentId } })
        : await call('post', '/posts/{documentId}/like', { params: { documentId } });
      setPost({ ...post, likedByMe: answer.data.liked, likeCount: answer.data.likeCount });
    } catch (e) {
      setError(e);
    }
  };

  const sent = (moderation: string) => {
    setNote(moderation === 'published' ? null : t('commentHeld'));
    void loadThread();
  };

  if (error && !post) return <ErrorNote error={error} />;
  if (!post) return <Loading />;
  const cover = post.cover ? (post.cover.formats?.medium ?? post.cover.formats?.small ?? post.cover) : null;
  return (
    <article className="post" data-testid="post" data-post={post.documentId}>
      {post.board && (
        <p className="crumbs">
          <Link href={`/b/${post.board.slug}`}>{post.board.name}</Link>
        </p>
      )}
      {cover && <img className="cover" src={cover.url} alt={post.cover?.alternativeText ?? ''} width={cover.width ?? undefined} height={cover.height ?? undefined} />}
      <h1 ref={heading} className="page-title" tabIndex={-1}>
        {post.title}
      </h1>
      <p className="author-line">
        <Avatar url={post.author?.avatarUrl} name={post.author?.displayName ?? '?'} size={32} />
        <span>
          <span data-testid="post-author">{post.author?.displayName}</span>
          <span className="muted"> · {formatDate(post.publishedAt, language)}</span>
          {post.chain?.url && (
            <span className="muted">
              {' '}
              ·{' '}
              <a href={post.chain.url} rel="noreferrer">
                {t('chainOnHive')}
              </a>
            </span>
          )}
        </span>
      </p>
      <KindDetails post={post} onChanged={() => void loadPost()} />
      {/* The API sanitizes bodyHtml with the one server-side sanitizer (src/utils/markdown). */}
      <div className="post-body" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
      <p className="actions">
        <button
          type="button"
          className={`button like ${post.likedByMe ? 'liked' : ''}`}
          aria-pressed={Boolean(post.likedByMe)}
          onClick={toggleLike}
          disabled={!me}
          data-testid="like"
        >
          {post.likedByMe ? '♥' : '♡'} {post.likedByMe ? t('likedNote') : t('like')}
        </button>
        <span data-testid="like-count">{t('likes', { n: post.likeCount })}</span>
      </p>
      {error ? <ErrorNote error={error} /> : null}
      <section aria-labelledby="comments-heading" className="comments">
        <h2 id="comments-heading">{t('commentsTitle')}</h2>
        {!me && (
          <p className="muted">
            <Link href={`/signin?next=${encodeURIComponent(location.pathname)}`}>{t('signIn')}</Link> — {t('signInToTake')}
          </p>
        )}
        {me && <CommentForm postId={documentId} onSent={sent} />}
        {note && (
          <p role="status" className="note">
            {note}
          </p>
        )}
        {!thread && <Loading />}
        {thread && thread.data.length === 0 && <p className="muted">{t('noComments')}</p>}
        {thread && (
          <ol className="thread" data-testid="thread">
            {thread.data.map((comment) => (
              <CommentItem key={comment.documentId} comment={comment} postId={documentId} canReply={Boolean(me)} onSent={sent} />
            ))}
          </ol>
        )}
      </section>
    </article>
  );
}

function CommentItem({ comment, postId, canReply, onSent }: { comment: ThreadComment | Reply; postId: string; canReply: boolean; onSent(moderation: string): void }) {
  const { t, language } = useI18n();
  const [replying, setReplying] = useState(false);
  const name = comment.author?.displayName ?? '?';
  // Replies nest to the server's depth limit; below the first level the document types them loosely.
  const replies = (comment.replies ?? []) as Reply[];
  return (
    <li className="comment" data-testid="comment" data-comment={comment.documentId}>
      <div className="comment-head">
        <Avatar url={comment.author?.avatarUrl} name={name} size={28} />
        <strong>{name}</strong>
        <span className="muted">{formatDate(comment.createdAt, language)}</span>
      </div>
      <div className="comment-body" dangerouslySetInnerHTML={{ __html: comment.bodyHtml }} />
      {canReply && !replying && (
        <button type="button" className="link-button" onClick={() => setReplying(true)} aria-label={t('replyLabel', { name })} data-testid="reply">
          {t('reply')}
        </button>
      )}
      {replying && (
        <CommentForm
          postId={postId}
          parent={comment.documentId}
          label={t('replyLabel', { name })}
          submitLabel={t('replySend')}
          autoFocus
          onCancel={() => setReplying(false)}
          onSent={(moderation) => {
            setReplying(false);
            onSent(moderation);
          }}
        />
      )}
      {replies.length > 0 && (
        <ol className="thread replies">
          {replies.map((reply) => (
            <CommentItem key={reply.documentId} comment={reply} postId={postId} canReply={canReply} onSent={onSent} />
          ))}
        </ol>
      )}
    </li>
  );
}

