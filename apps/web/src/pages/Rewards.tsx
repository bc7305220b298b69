import { useEffect, useState } from 'react';
import { call, type MyRewards } from '../api/client';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { ErrorNote, formatDate, Loading, PageTitle } from '../components/ui';
import type { MessageKey } from '../i18n/messages';

/** Per token: pending, on its way, paid (GET /api/me/rewards), then each reward with its chain transaction. */
export function RewardsPage() {
  const { t, language } = useI18n();
  const [rewards, setRewards] = useState<MyRewards | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () => {
    setError(null);
    call('get', '/me/rewards', { query: { limit: 50 } })
      .then((answer) => setRewards(answer.data))
      .catch(setError);
  };
  useEffect(load, []);

  return (
    <>
      <PageTitle>{t('rewardsTitle')}</PageTitle>
      {error ? <ErrorNote error={error} onRetry={load} /> : null}
      {!rewards && !error && <Loading />}
      {rewards && !rewards.account && rewards.balances.some((b) => b.presentation === 'token') && (
        <p className="note">
          {t('needAccount')} <Link href="/link-hive">{t('linkHive')}</Link>
        </p>
      )}
      {rewards && rewards.balances.length === 0 && <p className="muted">{t('noRewards')}</p>}
      {rewards?.balances.map((balance) => {
        // Points (the board's presentation): no token symbol, no chain; what is not paid out is what can be spent.
        const points = balance.presentation === 'points';
        return (
          <section
            key={`${balance.board.documentId}-${balance.symbol}`}
            className="card"
            data-testid="balance"
            data-symbol={points ? undefined : balance.symbol}
            data-presentation={balance.presentation}
          >
            <h2>
              {points ? t('points') : balance.symbol} <span className="muted">{balance.board.name}</span>
            </h2>
            {points && <p className="muted">{t('pointsNote')}</p>}
            <dl className="amounts">
              <div>
                <dt>{t(points ? 'available' : 'pending')}</dt>
                <dd data-testid="pending">{balance.pending}</dd>
              </div>
              <div>
                <dt>{t('scheduled')}</dt>
                <dd>{balance.scheduled}</dd>
              </div>
              <div>
                <dt>{t('paid')}</dt>
                <dd data-testid="paid">{balance.paid}</dd>
              </div>
              {!/^0(\.0+)?$/.test(balance.spent) && (
                <div>
                  <dt>{t('spent')}</dt>
                  <dd data-testid="spent">{balance.spent}</dd>
                </div>
              )}
              {balance.onChain !== null && (
                <div>
                  <dt>{t('onChain')}</dt>
                  <dd>{balance.onChain}</dd>
                </div>
              )}
            </dl>
          </section>
        );
      })}
      {rewards && rewards.history.length > 0 && (
        <section aria-labelledby="history-heading">
          <h2 id="history-heading">{t('rewardHistory')}</h2>
          <ul className="history">
            {rewards.history.map((line) => (
              <li key={line.id} data-testid="reward-line" data-state={line.state}>
                <strong>
                  {line.amount} {line.presentation === 'points' ? t('points') : line.symbol}
                </strong>{' '}
                · {t(`role_${line.role}` as MessageKey)} · {t(line.state as MessageKey)}
                {line.post && (
                  <>
                    {' '}
                    · <Link href={`/p/${line.post.documentId}`}>{line.board.name}</Link>
                  </>
                )}
                <div className="muted">
                  {formatDate(line.payout?.paidAt ?? line.earnedAt, language)}
                  {line.payout?.txId && (
                    <>
                      {' '}
                      · {t('transaction')}{' '}
                      {line.payout.links.hive ? (
                        <a href={line.payout.links.hive} rel="noreferrer" data-testid="payout-tx">
                          {line.payout.txId.slice(0, 10)}…
                        </a>
                      ) : (
                        <code data-testid="payout-tx">{line.payout.txId.slice(0, 10)}…</code>
                      )}
                    </>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
