import { useState } from 'react';
import { call, type PostDetail } from '../api/client';
import { useI18n } from '../i18n';
import { useMember } from '../member';
import { ErrorNote, formatDate } from './ui';

/** A member's reply to an event: going (or on the waiting list), and cancelling it. */
function RsvpButton({ post, onChanged }: { post: PostDetail; onChanged: () => void }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const mine = post.event?.myRsvp ?? null;
  const toggle = async () => {
    setError(null);
    try {
      if (mine) await call('delete', '/posts/{documentId}/rsvp', { params: { documentId: post.documentId } });
      else await call('post', '/posts/{documentId}/rsvp', { params: { documentId: post.documentId } });
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <p>
      {mine && <span data-testid="my-rsvp">{mine.status === 'going' ? t('rsvpGoing') : t('rsvpWaiting', { n: mine.position ?? 0 })} </span>}
      <button type="button" className="button" onClick={toggle} data-testid="rsvp">
        {mine ? t('rsvpCancel') : t('rsvpJoin')}
      </button>
      {error ? <ErrorNote error={error} /> : null}
    </p>
  );
}

/** What a post of a kind adds under its title: the price of a sale or service, when and where an event is (and, for members, their reply). */
export function KindDetails({ post, onChanged }: { post: PostDetail; onChanged: () => void }) {
  const { t, language } = useI18n();
  const { me } = useMember();
  if (post.kind === 'sale' && post.sale) {
    return (
      <p className="kind-details" data-testid="kind-details">
        <strong>{t('kindSale')}</strong> {t('salePrice', { ...post.sale })}
      </p>
    );
  }
  if (post.kind === 'service' && post.service) {
    return (
      <p className="kind-details" data-testid="kind-details">
        <strong>{t('kindService')}</strong> {t('servicePrice', { ...post.service })}
      </p>
    );
  }
  if (post.kind === 'event' && post.event) {
    const event = post.event;
    return (
      <div className="kind-details" data-testid="kind-details">
        <p>
          <strong>{t('kindEvent')}</strong> {t('eventWhen', { start: formatDate(event.startsAt, language), end: formatDate(event.endsAt, language) })}
        </p>
        <p>{t('eventWhere', { place: event.place })}</p>
        {event.capacity ? <p>{t('eventSeats', { n: event.capacity })}</p> : null}
        {event.going !== undefined ? <p data-testid="event-replies">{t('eventReplies', { going: event.going, waitlisted: event.waitlisted ?? 0 })}</p> : null}
        {me ? <RsvpButton post={post} onChanged={onChanged} /> : null}
      </div>
    );
  }
  if (post.kind === 'request') {
    return (
      <p className="kind-details" data-testid="kind-details">
        <strong>{t('kindRequest')}</strong> {post.request?.budget ? t('requestBudget', { budget: post.request.budget, currency: post.request.currency ?? '' }) : null}
      </p>
    );
  }
  return null;
}
