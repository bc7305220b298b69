import { useEffect, useId, useState, type FormEvent } from 'react';
import { call, signOut, type MyPost, type ProfileChange } from '../api/client';
import type { MessageKey } from '../i18n/messages';
import { uploadPicture } from '../api/uploads';
import { useI18n } from '../i18n';
import { useMember } from '../member';
import { Link, navigate } from '../router';
import { Avatar, ErrorNote, PageTitle } from '../components/ui';

/** The member's name, picture and bio (GET/PUT /api/me), and the way to rewards and Hive. */
export function ProfilePage() {
  const { t } = useI18n();
  const { me, refresh } = useMember();
  const ids = { name: useId(), bio: useId(), picture: useId() };
  const [displayName, setDisplayName] = useState('');
  const [bio, setBio] = useState('');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [posts, setPosts] = useState<MyPost[]>([]);

  useEffect(() => {
    call('get', '/me/posts', { query: { pageSize: 20 } })
      .then((answer) => setPosts(answer.data))
      .catch(() => setPosts([]));
  }, []);
  useEffect(() => {
    if (!me) return;
    setDisplayName(me.displayName);
    setBio(me.bio ?? '');
  }, [me]);
  if (!me) return null;

  const save = async (change: ProfileChange) => {
    setBusy(true);
    setSaved(false);
    setError(null);
    try {
      await call('put', '/me', { body: { data: change } });
      await refresh();
      setSaved(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save({ displayName, bio });
  };
  const choosePicture = async (file: File | undefined) => {
    if (!file) return;
    try {
      const upload = await uploadPicture(file);
      await save({ avatar: upload.id });
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      <PageTitle>{t('profileTitle')}</PageTitle>
      <div className="profile-head">
        <Avatar url={me.avatarUrl} name={me.displayName || me.username} size={72} />
        <div>
          <strong data-testid="profile-name">{me.displayName}</strong>
          <div className="muted">@{me.username}</div>
        </div>
      </div>
      <form className="form" onSubmit={submit} data-testid="profile-form">
        <label htmlFor={ids.picture}>{t('picture')}</label>
        <input id={ids.picture} name="picture" type="file" accept="image/jpeg,image/png,image/webp,image/gif" onChange={(e) => void choosePicture(e.target.files?.[0])} />
        <label htmlFor={ids.name}>{t('displayName')}</label>
        <input id={ids.name} name="displayName" required maxLength={40} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        <label htmlFor={ids.bio}>{t('bio')}</label>
        <textarea id={ids.bio} name="bio" rows={3} maxLength={280} value={bio} onChange={(e) => setBio(e.target.value)} />
        {error ? <ErrorNote error={error} /> : null}
        <button type="submit" className="button" disabled={busy}>
          {t('save')}
        </button>
        {saved && (
          <span role="status" className="note">
            {t('saved')}
          </span>
        )}
      </form>
      {posts.length > 0 && (
        <section aria-labelledby="my-posts-heading">
          <h2 id="my-posts-heading">{t('myPosts')}</h2>
          <ul className="history" data-testid="my-posts">
            {posts.map((post) => (
              <li key={post.documentId} data-post={post.documentId}>
                {post.status === 'draft' ? <strong>{post.title}</strong> : <Link href={`/p/${post.documentId}`}>{post.title}</Link>}
                <span className="muted"> · {t(`status_${post.status}` as MessageKey)}</span>
                {post.status !== 'draft' && (
                  <>
                    {' '}
                    ·{' '}
                    <Link href={`/write?edit=${post.documentId}`} aria-label={`${t('edit')}: ${post.title}`}>
                      {t('edit')}
                    </Link>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      <ul className="menu">
        <li>
          <Link href="/rewards">{t('myRewards')}</Link>
        </li>
        <li>
          <Link href="/link-hive">{me.hiveAccount ? t('linkedAs', { account: me.hiveAccount }) : t('linkHive')}</Link>
        </li>
        <li>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              void signOut().then(() => navigate('/'));
            }}
          >
            {t('signOut')}
          </button>
        </li>
      </ul>
    </>
  );
}
