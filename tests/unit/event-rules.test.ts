import { reminderDue, REMINDER_LEAD_MS, rsvpClosedReason, seatFreed, statusForNewReply } from '../../src/events/rules';
import { CHECKIN_CODE_TTL_SECONDS, checkCheckinCode, checkinSecret, makeCheckinCode } from '../../src/events/checkin-code';

const at = (iso: string) => Date.parse(iso);
const event = { startsAt: '2027-01-10T10:00:00.000Z', endsAt: '2027-01-10T12:00:00.000Z', rsvpDeadline: '2027-01-09T18:00:00.000Z' };

describe('replies to an event', () => {
  it('close at the deadline and at the start, saying which', () => {
    expect(rsvpClosedReason(event, at('2027-01-09T17:59:59Z'))).toBeNull();
    expect(rsvpClosedReason(event, at('2027-01-09T18:00:01Z'))).toBe('Replies to this event closed at 2027-01-09T18:00:00.000Z.');
    expect(rsvpClosedReason({ ...event, rsvpDeadline: null }, at('2027-01-10T09:59:59Z'))).toBeNull();
    expect(rsvpClosedReason({ ...event, rsvpDeadline: null }, at('2027-01-10T10:00:00Z'))).toBe('This event started at 2027-01-10T10:00:00.000Z: replies are closed.');
    expect(rsvpClosedReason({ startsAt: 'soon' }, 0)).toMatch(/no start time/);
  });

  it('are going while seats are left, waitlisted after; a freed seat moves the list only below capacity', () => {
    expect(statusForNewReply(null, 1000)).toBe('going');
    expect(statusForNewReply(3, 2)).toBe('going');
    expect(statusForNewReply(3, 3)).toBe('waitlisted');
    expect(seatFreed('going', 3, 2)).toBe(true);
    expect(seatFreed('waitlisted', 3, 2)).toBe(false);
    expect(seatFreed('going', null, 2)).toBe(false);
    // Capacity lowered below the number going: a cancellation frees no seat yet.
    expect(seatFreed('going', 2, 3)).toBe(false);
  });

  it('are reminded within the lead time before the start, not before nor after', () => {
    const start = at(event.startsAt);
    expect(reminderDue(event, start - REMINDER_LEAD_MS - 1)).toBe(false);
    expect(reminderDue(event, start - REMINDER_LEAD_MS)).toBe(true);
    expect(reminderDue(event, start - 1)).toBe(true);
    expect(reminderDue(event, start)).toBe(false);
  });
});

describe('check-in codes', () => {
  const secret = 'test-secret';
  const now = at('2027-01-10T10:30:00Z');

  it('are valid for their event until they expire', () => {
    const { code, expiresAt } = makeCheckinCode(secret, 'event1', now);
    expect(Date.parse(expiresAt) - now).toBe(CHECKIN_CODE_TTL_SECONDS * 1000);
    expect(checkCheckinCode(secret, 'event1', code, now)).toBe('valid');
    expect(checkCheckinCode(secret, 'event1', code, Date.parse(expiresAt) - 1)).toBe('valid');
    expect(checkCheckinCode(secret, 'event1', code, Date.parse(expiresAt))).toBe('expired');
  });

  it('are refused for another event, with another secret, or altered', () => {
    const { code } = makeCheckinCode(secret, 'event1', now);
    expect(checkCheckinCode(secret, 'event2', code, now)).toBe('invalid');
    expect(checkCheckinCode('other-secret', 'event1', code, now)).toBe('invalid');
    const [expiry, signature] = code.split('.');
    // A later expiry with the same signature: the signature covers the expiry.
    expect(checkCheckinCode(secret, 'event1', `${(parseInt(expiry, 36) + 3600).toString(36)}.${signature}`, now)).toBe('invalid');
    expect(checkCheckinCode(secret, 'event1', `${expiry}.${signature.slice(0, -1)}`, now)).toBe('invalid');
    for (const junk of ['', '.', 'abc', `${expiry}.${signature}.x`, `ZZ.${signature}`]) expect(checkCheckinCode(secret, 'event1', junk, now)).toBe('invalid');
  });

  it('are signed with CHECKIN_SECRET, else a key derived from the JWT secret', () => {
    expect(checkinSecret({ CHECKIN_SECRET: 'set' } as any)).toBe('set');
    const derived = checkinSecret({ JWT_SECRET: 'jwt-a' } as any);
    expect(derived).not.toBe('jwt-a');
    expect(derived).toMatch(/^[0-9a-f]{64}$/);
    expect(checkinSecret({ JWT_SECRET: 'jwt-b' } as any)).not.toBe(derived);
  });
});
