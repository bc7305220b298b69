import type { Knex } from 'knex';
import { seatFreed, statusForNewReply, type RsvpStatus } from './rules';

/**
 * Replies to events and check-ins, in two tables of their own (created by the
 * migration in database/migrations; Strapi's schema sync leaves them alone):
 *
 *   event_rsvps(id, post_document_id, member_id, status, created_ms)  unique (post_document_id, member_id)
 *   event_checkins(post_document_id, member_id, checked_in_ms)        primary (post_document_id, member_id)
 *
 * Capacity holds under racing replies: each reply and cancellation counts and
 * writes inside one transaction that first takes the event's lock — on
 * PostgreSQL a transaction-scoped advisory lock on the event, on SQLite the
 * database's single write connection, which serializes transactions. The
 * unique keys make a member's second reply or check-in a no-op.
 */
export const RSVP_TABLE = 'event_rsvps';
export const CHECKIN_TABLE = 'event_checkins';

export async function createEventTables(knex: Knex | Knex.Transaction): Promise<void> {
  if (!(await knex.schema.hasTable(RSVP_TABLE))) {
    await knex.schema.createTable(RSVP_TABLE, (t) => {
      t.increments('id');
      t.string('post_document_id', 255).notNullable();
      t.integer('member_id').notNullable();
      t.string('status', 16).notNullable();
      t.bigInteger('created_ms').notNullable();
      t.unique(['post_document_id', 'member_id'], { indexName: 'event_rsvps_member_unique' });
      // Counts per status, and the waiting list in order.
      t.index(['post_document_id', 'status', 'id'], 'event_rsvps_status_idx');
    });
  }
  if (!(await knex.schema.hasTable(CHECKIN_TABLE))) {
    await knex.schema.createTable(CHECKIN_TABLE, (t) => {
      t.string('post_document_id', 255).notNullable();
      t.integer('member_id').notNullable();
      t.bigInteger('checked_in_ms').notNullable();
      t.primary(['post_document_id', 'member_id']);
    });
  }
}

export interface RsvpRow {
  id: number;
  post_document_id: string;
  member_id: number;
  status: RsvpStatus;
  created_ms: number | string;
}

export interface Reply {
  status: RsvpStatus;
  /** 1 for the first on the waiting list; null while going. */
  position: number | null;
}

type Trx = Knex.Transaction;

/** Serializes the replies of one event (see above): PostgreSQL's advisory lock, held until the transaction ends. */
async function lockEvent(trx: Trx, documentId: string): Promise<void> {
  if (trx.client.config.client === 'postgres' || trx.client.config.client === 'pg') {
    await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`event-rsvp:${documentId}`]);
  }
}

const goingCount = async (trx: Knex | Trx, documentId: string) =>
  Number((await trx(RSVP_TABLE).where({ post_document_id: documentId, status: 'going' }).count({ n: '*' }))[0].n);

async function replyOf(trx: Knex | Trx, row: RsvpRow): Promise<Reply> {
  if (row.status === 'going') return { status: 'going', position: null };
  const ahead = await trx(RSVP_TABLE).where({ post_document_id: row.post_document_id, status: 'waitlisted' }).andWhere('id', '<=', row.id).count({ n: '*' });
  return { status: 'waitlisted', position: Number(ahead[0].n) };
}

const rowOf = (trx: Knex | Trx, documentId: string, memberId: number) =>
  trx(RSVP_TABLE).where({ post_document_id: documentId, member_id: memberId }).first() as Promise<RsvpRow | undefined>;

/** A member's reply: going while seats are left, else waitlisted; a second reply answers the first's state. */
export async function reply(trx: Trx, documentId: string, memberId: number, capacity: number | null | undefined, now: number): Promise<Reply & { created: boolean }> {
  await lockEvent(trx, documentId);
  const existing = await rowOf(trx, documentId, memberId);
  if (existing) return { ...(await replyOf(trx, existing)), created: false };
  const status = statusForNewReply(capacity, await goingCount(trx, documentId));
  await trx(RSVP_TABLE).insert({ post_document_id: documentId, member_id: memberId, status, created_ms: now });
  return { ...(await replyOf(trx, (await rowOf(trx, documentId, memberId))!)), created: true };
}

/** Withdraws a member's reply; a freed seat goes to the first on the waiting list, whose id is returned. */
export async function cancel(trx: Trx, documentId: string, memberId: number, capacity: number | null | undefined): Promise<{ cancelled: boolean; promoted: number | null }> {
  await lockEvent(trx, documentId);
  const existing = await rowOf(trx, documentId, memberId);
  if (!existing) return { cancelled: false, promoted: null };
  await trx(RSVP_TABLE).where({ id: existing.id }).delete();
  if (!seatFreed(existing.status, capacity, await goingCount(trx, documentId))) return { cancelled: true, promoted: null };
  const first = (await trx(RSVP_TABLE).where({ post_document_id: documentId, status: 'waitlisted' }).orderBy('id', 'asc').first()) as RsvpRow | undefined;
  if (!first) return { cancelled: true, promoted: null };
  await trx(RSVP_TABLE).where({ id: first.id }).update({ status: 'going' });
  return { cancelled: true, promoted: Number(first.member_id) };
}

/** How many are going and waiting. */
export async function replyCounts(knex: Knex, documentId: string): Promise<{ going: number; waitlisted: number }> {
  const rows: Array<{ status: string; n: number | string }> = await knex(RSVP_TABLE).where({ post_document_id: documentId }).groupBy('status').select('status').count({ n: '*' });
  const of = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
  return { going: of('going'), waitlisted: of('waitlisted') };
}

/** Every reply in order (going first, then the waiting list), with whether the member checked in. */
export async function replyList(knex: Knex, documentId: string): Promise<Array<{ memberId: number; status: RsvpStatus; position: number | null; checkedIn: boolean }>> {
  const rows: RsvpRow[] = await knex(RSVP_TABLE).where({ post_document_id: documentId }).orderBy('id', 'asc');
  const checkedIn = new Set((await knex(CHECKIN_TABLE).where({ post_document_id: documentId }).select('member_id')).map((r: { member_id: number }) => Number(r.member_id)));
  let waiting = 0;
  const list = rows.map((row) => ({
    memberId: Number(row.member_id),
    status: row.status,
    position: row.status === 'waitlisted' ? ++waiting : null,
    checkedIn: checkedIn.has(Number(row.member_id)),
  }));
  return [...list.filter((r) => r.status === 'going'), ...list.filter((r) => r.status === 'waitlisted')];
}

/** The member's own reply, or null. */
export async function replyOfMember(knex: Knex, documentId: string, memberId: number): Promise<Reply | null> {
  const row = await rowOf(knex, documentId, memberId);
  return row ? replyOf(knex, row) : null;
}

/** Records a member's check-in once; true the first time. */
export async function recordCheckin(trx: Trx, documentId: string, memberId: number, now: number): Promise<boolean> {
  await lockEvent(trx, documentId);
  const existing = await trx(CHECKIN_TABLE).where({ post_document_id: documentId, member_id: memberId }).first();
  if (existing) return false;
  await trx(CHECKIN_TABLE).insert({ post_document_id: documentId, member_id: memberId, checked_in_ms: now });
  return true;
}

/** Members going to these events (for reminders). */
export async function goingMembers(knex: Knex, documentIds: string[]): Promise<Array<{ documentId: string; memberId: number }>> {
  if (documentIds.length === 0) return [];
  const rows = await knex(RSVP_TABLE).whereIn('post_document_id', documentIds).andWhere({ status: 'going' }).select('post_document_id', 'member_id');
  return rows.map((r: { post_document_id: string; member_id: number }) => ({ documentId: r.post_document_id, memberId: Number(r.member_id) }));
}
