import { useId, useState, type FormEvent } from 'react';
import { call } from '../api/client';
import { useI18n } from '../i18n';
import { useMember } from '../member';
import { ErrorNote, PageTitle } from '../components/ui';

/** What Hive Keychain's extension puts on window (only the call this page uses). */
interface Keychain {
  requestSignBuffer(account: string, message: string, keyType: 'Posting', callback: (response: { success: boolean; result?: string; message?: string; error?: string }) => void): void;
}
const keychain = (): Keychain | undefined => (window as unknown as { hive_keychain?: Keychain }).hive_keychain;

function sign(account: string, challenge: string): Promise<string> {
  return new Promise((resolve, reject) => {
    keychain()!.requestSignBuffer(account, challenge, 'Posting', (response) => {
      if (response.success && response.result) resolve(response.result);
      else reject(new Error(response.message ?? response.error ?? 'cancelled'));
    });
  });
}

/**
 * Link a Hive account: the server hands out a challenge, Keychain signs it with
 * the account's posting key, the server checks the signature against the chain.
 */
export function LinkHivePage() {
  const { t } = useI18n();
  const { me, refresh } = useMember();
  const id = useId();
  const [account, setAccount] = useState('');
  const [busy, setBusy] = useState(false);
  const [linked, setLinked] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const present = Boolean(keychain());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const name = account.trim().replace(/^@/, '').toLowerCase();
      const { challenge } = (await call('post', '/me/hive-account/challenge')).data;
      let signature: string;
      try {
        signature = await sign(name, challenge);
      } catch (e) {
        throw new Error(t('keychainRefused', { message: (e as Error).message }), { cause: e });
      }
      const answer = await call('post', '/me/hive-account', { body: { account: name, signature, challenge } });
      setLinked(answer.data.account);
      await refresh();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const current = linked ?? me?.hiveAccount;
  return (
    <>
      <PageTitle>{t('linkTitle')}</PageTitle>
      {current && (
        <p role="status" className="note" data-testid="linked">
          {t('linked', { account: current })}
        </p>
      )}
      {!present && (
        <section className="card" data-testid="keychain-missing">
          <h2>{t('keychainMissing')}</h2>
          <ol>
            {t('keychainSteps')
              .split('|')
              .map((step) => (
                <li key={step}>{step.replace(/^\d+\.\s*/, '')}</li>
              ))}
          </ol>
        </section>
      )}
      {present && (
        <form className="form" onSubmit={submit} data-testid="link-form">
          <label htmlFor={id}>{t('hiveAccount')}</label>
          <input id={id} name="account" required pattern="@?[a-zA-Z0-9.\-]{3,16}" autoCapitalize="none" autoComplete="off" value={account} onChange={(e) => setAccount(e.target.value)} />
          {error ? <ErrorNote error={error} /> : null}
          <button type="submit" className="button" disabled={busy}>
            {busy ? t('linking') : t('linkWithKeychain')}
          </button>
        </form>
      )}
    </>
  );
}
