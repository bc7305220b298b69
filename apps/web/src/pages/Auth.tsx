import { useId, useState, type FormEvent } from 'react';
import { call } from '../api/client';
import { session } from '../api/session';
import { useI18n } from '../i18n';
import { Link, navigate } from '../router';
import { ErrorNote, PageTitle } from '../components/ui';

/** What users-permissions answers to sign-in and sign-up. */
interface AuthAnswer {
  jwt?: string;
  /** With the server's refresh-token sessions. */
  refreshToken?: string;
  user?: { id: number; username: string };
}

const nextPath = () => {
  const next = new URLSearchParams(location.search).get('next');
  // Only a path of this site: never an address elsewhere.
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
};

/** Sign in (POST /api/auth/local) or sign up (POST /api/auth/local/register) with email and password. */
export function AuthPage({ mode }: { mode: 'signin' | 'signup' }) {
  const { t } = useI18n();
  const ids = { identifier: useId(), email: useId(), username: useId(), password: useId(), hint: useId() };
  const [identifier, setIdentifier] = useState('');
  const [email, setEmail] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const signup = mode === 'signup';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = (signup
        ? await call('post', '/auth/local/register', { body: { username, email, password } })
        : await call('post', '/auth/local', { body: { identifier, password } })) as AuthAnswer;
      if (!answer.jwt) throw new Error(t('mustSignIn'));
      session.set(answer.jwt, answer.refreshToken);
      navigate(signup ? '/me' : nextPath(), { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle>{signup ? t('signUp') : t('signIn')}</PageTitle>
      <form className="form" onSubmit={submit} data-testid={signup ? 'signup-form' : 'signin-form'}>
        {signup ? (
          <>
            <label htmlFor={ids.username}>{t('username')}</label>
            <input id={ids.username} name="username" autoComplete="username" required minLength={3} value={username} onChange={(e) => setUsername(e.target.value)} />
            <label htmlFor={ids.email}>{t('email')}</label>
            <input id={ids.email} name="email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
          </>
        ) : (
          <>
            <label htmlFor={ids.identifier}>{t('identifier')}</label>
            <input id={ids.identifier} name="identifier" autoComplete="username" required value={identifier} onChange={(e) => setIdentifier(e.target.value)} />
          </>
        )}
        <label htmlFor={ids.password}>{t('password')}</label>
        <input
          id={ids.password}
          name="password"
          type="password"
          autoComplete={signup ? 'new-password' : 'current-password'}
          required
          minLength={6}
          aria-describedby={signup ? ids.hint : undefined}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {signup && (
          <small id={ids.hint} className="muted">
            {t('passwordHint')}
          </small>
        )}
        {error ? <ErrorNote error={error} /> : null}
        <button type="submit" className="button" disabled={busy}>
          {signup ? t('signUp') : t('signIn')}
        </button>
      </form>
      <p>
        <Link href={signup ? '/signin' : '/signup'}>{signup ? t('haveAccount') : t('noAccount')}</Link>
      </p>
    </>
  );
}
