/**
 * The rules of replying to an event, without a database: when replies are
 * closed, whether a new reply is going or waits. Tested in
 * tests/unit/event-rules.test.ts.
 */
export type RsvpStatus = 'going' | 'waitlisted';

/** How long before an event its going members get a reminder. */
export const REMINDER_LEAD_MS = 2 * 60 * 60 * 1000;

export interface EventTimes {
  startsAt: string;
  endsAt?: string;
  rsvpDeadline?: string | null;
  capacity?: number | null;
}

/** Why a reply is not taken now (null: it is), in words a member can act on. */
export function rsvpClosedReason(event: EventTimes, now: number): string | null {
  const start = Date.parse(event.startsAt);
  if (!Number.isFinite(start)) return 'This event has no start time, so it takes no replies.';
  if (now >= start) return `This event started at ${event.startsAt}: replies are closed.`;
  if (event.rsvpDeadline && now > Date.parse(event.rsvpDeadline)) return `Replies to this event closed at ${event.rsvpDeadline}.`;
  return null;
}

/** A new reply is going while seats are left (no capacity: always), else it joins the waiting list. */
export function statusForNewReply(capacity: number | null | undefined, going: number): RsvpStatus {
  return capacity == null || going < capacity ? 'going' : 'waitlisted';
}

/** Whether a cancelled seat goes to the first on the waiting list (a seat freed below capacity). */
export function seatFreed(cancelled: RsvpStatus, capacity: number | null | undefined, goingAfter: number): boolean {
  return cancelled === 'going' && capacity != null && goingAfter < capacity;
}

/** Going members get their reminder once, within REMINDER_LEAD_MS before the start. */
export function reminderDue(event: EventTimes, now: number): boolean {
  const start = Date.parse(event.startsAt);
  return Number.isFinite(start) && now < start && start - now <= REMINDER_LEAD_MS;
}
