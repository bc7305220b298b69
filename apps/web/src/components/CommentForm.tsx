import { useId, useState, type FormEvent } from 'react';
import { call, type NewComment } from '../api/client';
import { useI18n } from '../i18n';
import { ErrorNote } from './ui';

/** Comment on a post, or reply to a comment (`parent`): POST /api/posts/:documentId/comments. */
export function CommentForm(props: {
  postId: string;
  parent?: string;
  label?: string;
  submitLabel?: string;
  autoFocus?: boolean;
  onCancel?(): void;
  onSent(moderation: string): void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const data: NewComment = props.parent ? { body, parent: props.parent } : { body };
      const answer = await call('post', '/posts/{documentId}/comments', { params: { documentId: props.postId }, body: { data } });
      setBody('');
      props.onSent(answer.meta.moderation);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="comment-form" onSubmit={submit} data-testid={props.parent ? 'reply-form' : 'comment-form'}>
      <label htmlFor={id}>{props.label ?? t('commentLabel')}</label>
      <textarea id={id} value={body} onChange={(e) => setBody(e.target.value)} rows={3} maxLength={5000} required autoFocus={props.autoFocus} />
      {error ? <ErrorNote error={error} /> : null}
      <div className="row">
        <button type="submit" className="button" disabled={busy || !body.trim()}>
          {props.submitLabel ?? t('commentSend')}
        </button>
        {props.onCancel && (
          <button type="button" className="button secondary" onClick={props.onCancel}>
            {t('cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
