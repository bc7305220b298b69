import type { PostDetail } from '../api/client';
import { useI18n } from '../i18n';
import { formatDate } from './ui';

/** What a post of a kind adds under its title: the price of a sale or service, when and where an event is. */
export function KindDetails({ post }: { post: PostDetail }) {
  const { t, language } = useI18n();
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
