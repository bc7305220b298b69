import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { kindOf } from '../../../posts/kinds';
import { checkCheckinCode, checkinSecret, makeCheckinCode } from '../../../events/checkin-code';
import { reminderDue, rsvpClosedReason, type EventTimes } from '../../../events/rules';
import { cancel, goingMembers, recordCheckin, reply, replyCounts, replyList, replyOfMember, RSVP_TABLE } from '../../../events/store';
import { memberCards } from '../../../people/cards';
import { TAG } from '../../feed/lib/tags';
import { hiveSmtService } from '../../../utils/hive-smt-hooks';
import { refuse } from '../../../utils/request';

const POST = 'api::post.post';


interface LoadedEvent {
  documentId: string;
  title: string;
  organiserId: number | null;
  event: EventTimes;
}

/**
 * Events: replies (going or waitlisted), the organiser's check-in codes and
 * attendees' check-ins, reminders. The rules are src/events/rules.ts, the
 * tables src/events/store.ts; this service finds the event, says no in
 * Strapi's error shape, and tells readers' caches and members what changed.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const notifications = () => strapi.service('api::notification.notification') as any;
  /** Anonymous post details are cached: a reply changes the counts they show. */
  const forgetDetail = (documentId: string) => (strapi.service('api::feed.feed') as any).invalidate([TAG.post(documentId)]);

  /** A published event of an active board, or a 404 / 400 that says which it is not. */
  async function loadEvent(documentId: string): Promise<LoadedEvent> {
    const row: any = await strapi.db.query(POST).findOne({
      where: { documentId, publishedAt: { $notNull: true } },
      select: ['documentId', 'title', 'kind', 'event'],
      populate: { author: { select: ['id'] }, board: { select: ['id', 'active'] } },
    });
    if (!row || !row.board?.active) throw new errors.NotFoundError('No published post with this id.');
    const event = typeof row.event === 'string' ? JSON.parse(row.event) : row.event;
    if (kindOf(row.kind) !== 'event' || !event) throw new errors.ValidationError('This post is not an event: only events take replies and check-ins.');
    return { documentId, title: row.title, organiserId: row.author?.id ?? null, event };
  }

  const inTransaction = <T>(work: (trx: any) => Promise<T>) => strapi.db.transaction(async ({ trx }) => work(trx));

  return {
    async rsvp(documentId: string, memberId: number) {
      const loaded = await loadEvent(documentId);
      const now = Date.now();
      const closed = rsvpClosedReason(loaded.event, now);
      if (closed) throw refuse(409, closed);
      const answer = await inTransaction((trx) => reply(trx, documentId, memberId, loaded.event.capacity, now));
      if (answer.created) forgetDetail(documentId);
      return { status: answer.status, ...(answer.position !== null ? { position: answer.position } : {}) };
    },

    async cancelRsvp(documentId: string, memberId: number) {
      const loaded = await loadEvent(documentId);
      const result = await inTransaction((trx) => cancel(trx, documentId, memberId, loaded.event.capacity));
      if (!result.cancelled) throw new errors.NotFoundError('You have not replied to this event.');
      forgetDetail(documentId);
      if (result.promoted !== null) {
        await notifications().notify({ recipientId: result.promoted, kind: 'event', actorId: null, postDocumentId: documentId, payload: { change: 'promoted' } });
      }
      return { status: 'cancelled' as const };
    },

    /** A fresh code for the organiser's QR code, and what the QR code carries. */
    async checkinCode(documentId: string, memberId: number) {
      const loaded = await loadEvent(documentId);
      if (loaded.organiserId !== memberId) throw refuse(403, "Only the event's organiser shows its check-in code.");
      const { code, expiresAt } = makeCheckinCode(checkinSecret(), documentId, Date.now());
      return { code, expiresAt, qrPayload: `quanzi:checkin:${documentId}:${code}` };
    },

    /** An attendee's check-in with the organiser's code: recorded once per member. */
    async checkin(documentId: string, memberId: number, code: string) {
      const loaded = await loadEvent(documentId);
      if (loaded.organiserId === memberId) throw refuse(403, 'The organiser hosts the event and does not check in to it.');
      const check = checkCheckinCode(checkinSecret(), documentId, code, Date.now());
      if (check === 'expired') throw refuse(410, 'This check-in code has expired: ask the organiser to show the QR code again.');
      if (check === 'invalid') throw new errors.ValidationError('This is not a check-in code for this event: scan the organiser\'s QR code again.', {
        errors: [{ path: ['code'], message: 'Not a check-in code of this event', name: 'ValidationError' }],
      });
      // The check-in and its attendance reward commit together: exactly once, or neither.
      const { first, rewarded } = await inTransaction(async (trx) => {
        const recorded = await recordCheckin(trx, documentId, memberId, Date.now());
        const engagement = hiveSmtService(strapi, 'engagement');
        const attendance = recorded && engagement ? await engagement.recordAttendance(documentId, memberId) : null;
        return { first: recorded, rewarded: attendance?.recorded === true && attendance.note === null };
      });
      if (first) forgetDetail(documentId);
      return { checkedIn: true, first, rewarded };
    },

    /** What a post detail shows of an event's replies: counts, the reader's own, and the list for its organiser. */
    async detailOf(documentId: string, organiserId: number | null, memberId?: number) {
      const counts = await replyCounts(knex(), documentId);
      const out: Record<string, unknown> = { ...counts };
      if (memberId !== undefined) out.myRsvp = await replyOfMember(knex(), documentId, memberId);
      if (memberId !== undefined && organiserId === memberId) {
        const list = await replyList(knex(), documentId);
        const cards = await memberCards(strapi, list.map((r) => r.memberId));
        out.attendees = list.map((r) => ({ displayName: cards.get(r.memberId)?.displayName ?? '', status: r.status, position: r.position, checkedIn: r.checkedIn }));
      }
      return out;
    },

    /** Reminders to going members of events starting within REMINDER_LEAD_MS, once per member and event. */
    async sendReminders(now = Date.now()): Promise<number> {
      // Events with replies whose first reply is recent enough to be ahead: past events' rows are not read again and again.
      const ids: string[] = (await knex()(RSVP_TABLE).distinct('post_document_id').where('created_ms', '>', now - 366 * 86_400_000)).map((r: any) => r.post_document_id);
      if (ids.length === 0) return 0;
      const rows: any[] = await strapi.db.query(POST).findMany({ where: { documentId: { $in: ids }, publishedAt: { $notNull: true }, kind: 'event' }, select: ['documentId', 'event'] });
      const due = rows.filter((r) => r.event && reminderDue(typeof r.event === 'string' ? JSON.parse(r.event) : r.event, now)).map((r) => r.documentId);
      let sent = 0;
      for (const { documentId, memberId } of await goingMembers(knex(), due)) {
        await notifications().notify({ recipientId: memberId, kind: 'event', actorId: null, postDocumentId: documentId, groupKey: `event-reminder:${documentId}`, once: true, payload: { change: 'reminder' } });
        sent += 1;
      }
      return sent;
    },
  };
};
