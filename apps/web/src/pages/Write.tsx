import { useEffect, useId, useState, type FormEvent } from 'react';
import { call, type Board, type NewPost, type PostChange } from '../api/client';
import { useI18n } from '../i18n';
import { navigate } from '../router';
import { ErrorNote, PageTitle } from '../components/ui';
import { uploadPicture } from '../api/uploads';

/**
 * Write a post on a board, with an optional photo (uploaded first, then the
 * post's cover); with ?edit=<documentId>, change one's own published post.
 */
export function WritePage() {
  const { t } = useI18n();
  const editing = new URLSearchParams(location.search).get('edit');
  const ids = { board: useId(), title: useId(), body: useId(), hint: useId(), photo: useId() };
  const [boards, setBoards] = useState<Board[]>([]);
  const [board, setBoard] = useState(new URLSearchParams(location.search).get('board') ?? '');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [photo, setPhoto] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [held, setHeld] = useState(false);

  useEffect(() => {
    call('get', '/boards', { query: { 'sort[0]': 'name:asc', 'pagination[pageSize]': 100 } })
      .then((answer) => {
        setBoards(answer.data);
        setBoard((chosen) => chosen || answer.data[0]?.slug || '');
      })
      .catch(setError);
  }, []);
  useEffect(() => {
    if (!editing) return;
    call('get', '/posts/{id}', { params: { id: editing } })
      .then(({ data }) => {
        setTitle(data.title);
        setBody(data.body);
        if (data.board) setBoard(data.board.slug);
      })
      .catch(setError);
  }, [editing]);
  useEffect(() => {
    if (!photo) return setPreview(null);
    const url = URL.createObjectURL(photo);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [photo]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const cover = photo ? (await uploadPicture(photo)).id : undefined;
      if (editing) {
        const change: PostChange = { title, body, ...(cover ? { cover } : {}) };
        await call('put', '/posts/{id}', { params: { id: editing }, body: { data: change } });
        navigate(`/p/${editing}`, { replace: true });
        return;
      }
      const data: NewPost = { board, title, body, ...(cover ? { cover } : {}) };
      const answer = (await call('post', '/posts', { body: { data } })) as { data: { documentId: string; publishedAt?: string | null }; meta?: { moderation?: string } };
      if (answer.meta?.moderation && answer.meta.moderation !== 'published') setHeld(true);
      else navigate(`/p/${answer.data.documentId}`, { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (held)
    return (
      <>
        <PageTitle>{t('writeTitle')}</PageTitle>
        <p role="status" className="note">
          {t('postAwaiting')}
        </p>
      </>
    );
  return (
    <>
      <PageTitle>{editing ? t('editTitle') : t('writeTitle')}</PageTitle>
      <form className="form" onSubmit={submit} data-testid="write-form">
        <label htmlFor={ids.board}>{t('postBoard')}</label>
        <select id={ids.board} name="board" value={board} onChange={(e) => setBoard(e.target.value)} required disabled={Boolean(editing)}>
          {boards.map((b) => (
            <option key={b.documentId} value={b.slug}>
              {b.name}
            </option>
          ))}
        </select>
        <label htmlFor={ids.title}>{t('postTitle')}</label>
        <input id={ids.title} name="title" required maxLength={255} value={title} onChange={(e) => setTitle(e.target.value)} />
        <label htmlFor={ids.body}>{t('postBody')}</label>
        <textarea id={ids.body} name="body" rows={8} required aria-describedby={ids.hint} value={body} onChange={(e) => setBody(e.target.value)} />
        <small id={ids.hint} className="muted">
          {t('postBodyHint')}
        </small>
        <label htmlFor={ids.photo}>{t('postPhoto')}</label>
        <input id={ids.photo} name="photo" type="file" accept="image/jpeg,image/png,image/webp,image/gif" onChange={(e) => setPhoto(e.target.files?.[0] ?? null)} />
        {editing && !photo && <small className="muted">{t('keepPhoto')}</small>}
        {preview && <img className="preview" src={preview} alt="" />}
        {error ? <ErrorNote error={error} /> : null}
        <button type="submit" className="button" disabled={busy || !board}>
          {busy ? t('publishing') : editing ? t('save') : t('publish')}
        </button>
      </form>
    </>
  );
}
