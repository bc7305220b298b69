import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { stopStrapi } from './strapi';
import { createBoard, createPost } from './fixtures';
import { bearer, createMember, type TestMember } from './members';
import { makeCheckinCode, checkinSecret } from '../../src/events/checkin-code';

/**
 * Replies to events and check-ins against the real app, on SQLite and on
 * PostgreSQL (the same scenario: capacity must hold under racing replies on
 * both). `start` boots the app on the database under test.
 */
export function describeEventReplies(start: () => Promise<Core.Strapi>, stop: () => Promise<void> = stopStrapi) {
  let strapi: Core.Strapi;
  let board: any;
  let organiser: TestMember;
  const api = () => request(strapi.server.httpServer);
  const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
  const eventPost = (event: Record<string, unknown>) =>
    createPost(strapi, board, organiser, { kind: 'event', event: { startsAt: inHours(48), endsAt: inHours(50), place: 'Hall', ...event } });
  const members = (n: number) => Promise.all(Array.from({ length: n }, () => createMember(strapi)));
  const rsvp = (post: { documentId: string }, member: TestMember) => api().post(`/api/posts/${post.documentId}/rsvp`).set(bearer(member));
  const cancel = (post: { documentId: string }, member: TestMember) => api().delete(`/api/posts/${post.documentId}/rsvp`).set(bearer(member));
  const detail = (post: { documentId: string }, member?: TestMember) => {
    const req = api().get(`/api/posts/${post.documentId}`);
    return member ? req.set(bearer(member)) : req;
  };

  beforeAll(async () => {
    strapi = await start();
    // Listening once: requests fired together then share the server (supertest would start one per request).
    await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve()));
    board = await createBoard(strapi);
    organiser = await createMember(strapi);
  }, 120000);
  afterAll(stop);

  it('holds the capacity under racing replies: the rest wait, in order', async () => {
    const post = await eventPost({ capacity: 5 });
    const crowd = await members(14);
    const answers = await Promise.all(crowd.map((m) => rsvp(post, m)));
    expect(answers.map((a) => a.status)).toEqual(crowd.map(() => 200));
    const going = answers.filter((a) => a.body.data.status === 'going');
    const waiting = answers.filter((a) => a.body.data.status === 'waitlisted');
    expect(going.length).toBe(5);
    expect(waiting.map((a) => a.body.data.position).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(going.every((a) => a.body.data.position === undefined)).toBe(true);
    // Replying again answers the reply already made.
    const again = await Promise.all(crowd.slice(0, 4).map((m) => rsvp(post, m)));
    expect(again.map((a) => a.body.data)).toEqual(answers.slice(0, 4).map((a) => a.body.data));
    const counts = (await detail(post).expect(200)).body.data.event;
    expect(counts).toMatchObject({ going: 5, waitlisted: 9, capacity: 5 });
    expect(counts).not.toHaveProperty('attendees');
  });

  it('holds the capacity when replies reach the service together, without HTTP spreading them out', async () => {
    const post = await eventPost({ capacity: 3 });
    const crowd = await members(20);
    const events = strapi.service('api::event.event') as any;
    const answers: Array<{ status: string; position?: number }> = await Promise.all(crowd.map((m) => events.rsvp(post.documentId, m.id)));
    expect(answers.filter((a) => a.status === 'going').length).toBe(3);
    expect(answers.filter((a) => a.status === 'waitlisted').map((a) => a.position).sort((x, y) => x! - y!)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
  });

  it("lists events by kind in the board's feed, each with its object", async () => {
    const post = await eventPost({ capacity: 7, place: 'Town hall' });
    await createPost(strapi, board, organiser, { kind: 'sale', sale: { price: '5', currency: 'CNY', condition: 'good', status: 'sold' } });
    const events = (await api().get(`/api/feed?board=${board.slug}&kind=event&limit=50`).expect(200)).body.data;
    expect(events.every((item: any) => item.kind === 'event' && item.event.place)).toBe(true);
    expect(events.find((item: any) => item.documentId === post.documentId).event).toMatchObject({ place: 'Town hall', capacity: 7 });
    const sales = (await api().get(`/api/feed?board=${board.slug}&kind=sale`).expect(200)).body.data;
    expect(sales.map((item: any) => item.sale)).toEqual([{ price: '5', currency: 'CNY', condition: 'good', status: 'sold' }]);
  });

  it('gives a freed seat to the first on the waiting list, and tells them', async () => {
    const post = await eventPost({ capacity: 2 });
    const [a, b, c, d] = await members(4);
    for (const m of [a, b, c, d]) await rsvp(post, m).expect(200);
    expect((await detail(post).expect(200)).body.data.event).toMatchObject({ going: 2, waitlisted: 2 });
    await cancel(post, a).expect(200, { data: { status: 'cancelled' } });
    expect((await rsvp(post, c).expect(200)).body.data).toEqual({ status: 'going' });
    expect((await rsvp(post, d).expect(200)).body.data).toEqual({ status: 'waitlisted', position: 1 });
    expect((await detail(post).expect(200)).body.data.event).toMatchObject({ going: 2, waitlisted: 1 });
    const told = await api().get('/api/me/notifications').set(bearer(c)).expect(200);
    expect(told.body.data.filter((n: any) => n.kind === 'event').map((n: any) => [n.post?.documentId, n.payload.change])).toEqual([[post.documentId, 'promoted']]);
    const notTold = await api().get('/api/me/notifications').set(bearer(d)).expect(200);
    expect(notTold.body.data.filter((n: any) => n.kind === 'event')).toEqual([]);
    // A waitlisted member leaving frees no seat: nobody moves up.
    await cancel(post, d).expect(200);
    await cancel(post, d).expect(404);
    expect((await detail(post).expect(200)).body.data.event).toMatchObject({ going: 2, waitlisted: 0 });
  });

  it('shows the organiser who replied, and each member their own reply', async () => {
    const post = await eventPost({ capacity: 1 });
    const [a, b] = await members(2);
    await rsvp(post, a).expect(200);
    await rsvp(post, b).expect(200);
    const mine = (await detail(post, b).expect(200)).body.data.event;
    expect(mine.myRsvp).toEqual({ status: 'waitlisted', position: 1 });
    expect(mine).not.toHaveProperty('attendees');
    const organisers = (await detail(post, organiser).expect(200)).body.data.event;
    expect(organisers.attendees.map((x: any) => [x.displayName, x.status, x.position, x.checkedIn])).toEqual([
      [a.username, 'going', null, false],
      [b.username, 'waitlisted', 1, false],
    ]);
  });

  it('refuses replies after the deadline or the start, and to posts that are not events', async () => {
    const [m] = await members(1);
    const closed = await eventPost({ startsAt: inHours(24), endsAt: inHours(26), rsvpDeadline: inHours(-1) });
    const late = await rsvp(closed, m).expect(409);
    expect(late.body.error.message).toMatch(/^Replies to this event closed at /);
    // Written straight to the database: the API refuses an event that has started (it cannot be created so).
    const started = await eventPost({});
    await strapi.db.query('api::post.post').updateMany({ where: { documentId: started.documentId }, data: { event: { startsAt: inHours(-1), endsAt: inHours(1), place: 'Hall' } } as any });
    expect((await rsvp(started, m).expect(409)).body.error.message).toMatch(/started at .*: replies are closed\.$/);
    const news = await createPost(strapi, board, organiser, {});
    expect((await rsvp(news, m).expect(400)).body.error.message).toBe('This post is not an event: only events take replies and check-ins.');
    await api().post('/api/posts/nope/rsvp').set(bearer(m)).expect(404);
    await api().post(`/api/posts/${closed.documentId}/rsvp`).expect(403);
    expect(await strapi.db.connection('event_rsvps').whereIn('post_document_id', [closed.documentId, started.documentId, news.documentId]).count({ n: '*' })).toEqual([
      { n: strapi.db.dialect.client === 'postgres' ? '0' : 0 },
    ]);
  });

  it('checks a member in once with the organiser\'s code, and refuses forged, foreign and expired codes', async () => {
    const post = await eventPost({});
    const other = await eventPost({});
    const [m, stranger] = await members(2);
    await api().get(`/api/posts/${post.documentId}/checkin-code`).set(bearer(m)).expect(403);
    const shown = await api().get(`/api/posts/${post.documentId}/checkin-code`).set(bearer(organiser)).expect(200);
    const { code, expiresAt, qrPayload } = shown.body.data;
    expect(qrPayload).toBe(`quanzi:checkin:${post.documentId}:${code}`);
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(5 * 60_000);
    const checkin = (target: { documentId: string }, member: TestMember, body: unknown) => api().post(`/api/posts/${target.documentId}/checkin`).set(bearer(member)).send(body as object);

    expect((await checkin(post, m, { code }).expect(200)).body.data).toEqual({ checkedIn: true, first: true, rewarded: false });
    expect((await checkin(post, m, { code }).expect(200)).body.data).toEqual({ checkedIn: true, first: false, rewarded: false });
    const forged = `${code.split('.')[0]}.${'A'.repeat(22)}`;
    expect((await checkin(post, stranger, { code: forged }).expect(400)).body.error.details.errors[0].path).toEqual(['code']);
    await checkin(other, stranger, { code }).expect(400);
    await checkin(post, stranger, {}).expect(400);
    await checkin(post, organiser, { code }).expect(403);
    const stale = makeCheckinCode(checkinSecret(), post.documentId, Date.now() - 3_600_000).code;
    expect((await checkin(post, stranger, { code: stale }).expect(410)).body.error.message).toMatch(/expired/);
    expect(await strapi.db.connection('event_checkins').where({ post_document_id: post.documentId }).select('member_id')).toEqual([{ member_id: m.id }]);
  });

  it('reminds going members once, shortly before the start', async () => {
    const soon = await eventPost({ startsAt: inHours(1), endsAt: inHours(2) });
    const later = await eventPost({});
    const [goer, waiter, laterGoer] = await members(3);
    await rsvp(soon, goer).expect(200);
    await rsvp(later, laterGoer).expect(200);
    expect(waiter).toBeTruthy();
    const events = strapi.service('api::event.event') as any;
    await events.sendReminders();
    await events.sendReminders();
    const of = async (m: TestMember) => (await api().get('/api/me/notifications').set(bearer(m)).expect(200)).body.data.filter((n: any) => n.kind === 'event');
    expect((await of(goer)).map((n: any) => [n.post?.documentId, n.payload.change])).toEqual([[soon.documentId, 'reminder']]);
    expect(await of(laterGoer)).toEqual([]);
  });
}
