import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createBoard, createPost } from '../helpers/fixtures';
import { bearer, createMember, TestMember } from '../helpers/members';
import { confirmedMirror, waitForContent } from '../helpers/chain';

let strapi: Core.Strapi;
let board: any;
let eventsOnly: any;
let alice: TestMember;
const api = () => request(strapi.server.httpServer);
const countPosts = () => strapi.db.query('api::post.post').count({});
const inDays = (days: number, hours = 0) => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000).toISOString();
const event = () => ({ startsAt: inDays(3), endsAt: inDays(3, 2), place: 'Community hall', capacity: 20 });
const write = (data: Record<string, unknown>, member = alice) => api().post('/api/posts').set(bearer(member)).send({ data });

beforeAll(async () => {
  strapi = await startStrapi();
  board = await createBoard(strapi, { slug: 'kinds-board', tokenSymbol: 'OAK' });
  eventsOnly = await createBoard(strapi, { slug: 'events-only', name: 'Events only', postKinds: ['news', 'event'] });
  alice = await createMember(strapi);
});
afterAll(stopStrapi);

describe('writing posts of a kind', () => {
  it('takes an event, a sale, a service and a request, and stores each with its object', async () => {
    const sent = {
      event: { kind: 'event', event: event() },
      sale: { kind: 'sale', sale: { price: '25.50', currency: 'OAK', condition: 'like-new' } },
      service: { kind: 'service', service: { category: 'tutoring', price: '80', unit: 'hour', area: 'Oak Hill' } },
      request: { kind: 'request', request: { budget: '150', currency: 'CNY' } },
    };
    for (const [kind, data] of Object.entries(sent)) {
      const res = await write({ title: `A ${kind}`, body: 'Details inside', board: board.slug, ...data }).expect(200);
      expect(res.body.data.kind).toBe(kind);
      const stored: any = await strapi.documents('api::post.post').findOne({ documentId: res.body.data.documentId, status: 'published' });
      expect(stored.kind).toBe(kind);
    }
    const sale: any = await strapi.documents('api::post.post').findFirst({ filters: { title: 'A sale' }, status: 'published' });
    expect(sale.sale).toEqual({ price: '25.50', currency: 'OAK', condition: 'like-new', status: 'available' });
    expect(sale.event).toBeNull();
  });

  it('is news when no kind is sent, as before kinds', async () => {
    const res = await write({ title: 'Plain news', body: 'Nothing special', board: board.slug }).expect(200);
    expect(res.body.data.kind).toBe('news');
  });

  it('answers 400 naming the field at fault, and writes nothing', async () => {
    const before = await countPosts();
    const { startsAt, ...noStart } = event();
    expect(startsAt).toBeTruthy();
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ kind: 'event', event: noStart }, ['event', 'startsAt']],
      [{ kind: 'event', event: { ...event(), capacity: -1 } }, ['event', 'capacity']],
      [{ kind: 'event', event: { ...event(), endsAt: inDays(2) } }, ['event', 'endsAt']],
      [{ kind: 'sale', sale: { price: '-3', currency: 'CNY', condition: 'good' } }, ['sale', 'price']],
      [{ kind: 'sale', sale: { price: '3', currency: 'USD', condition: 'good' } }, ['sale', 'currency']],
      [{ kind: 'sale' }, ['sale']],
      [{ kind: 'news', event: event() }, ['event']],
    ];
    for (const [data, path] of cases) {
      const res = await write({ title: 'Bad', body: 'Bad', board: board.slug, ...data }).expect(400);
      expect(res.body).toMatchObject({ data: null, error: { status: 400, name: 'ValidationError' } });
      expect(res.body.error.details.errors[0].path).toEqual(path);
      expect(res.body.error.message.length).toBeGreaterThan(10);
    }
    const refused = await write({ title: 'A sale', body: 'x', board: eventsOnly.slug, kind: 'sale', sale: { price: '3', currency: 'CNY', condition: 'good' } }).expect(400);
    expect(refused.body.error.details.errors[0].path).toEqual(['kind']);
    expect(refused.body.error.message).toBe('The board "Events only" does not take sale posts; it takes news, event.');
    expect(await countPosts()).toBe(before);
  });

  it("lets the author edit the kind's object, and refuses another kind's object", async () => {
    const res = await write({ title: 'Lens', body: 'For sale', board: board.slug, kind: 'sale', sale: { price: '300', currency: 'CNY', condition: 'good' } }).expect(200);
    const id = res.body.data.documentId;
    await api().put(`/api/posts/${id}`).set(bearer(alice)).send({ data: { sale: { price: '250', currency: 'CNY', condition: 'good', status: 'reserved' } } }).expect(200);
    const detail = await api().get(`/api/posts/${id}`).expect(200);
    expect(detail.body.data.sale).toMatchObject({ price: '250', status: 'reserved' });
    const bad = await api().put(`/api/posts/${id}`).set(bearer(alice)).send({ data: { event: event() } }).expect(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['event']);
  });
});

describe('changing the kind of a post', () => {
  it('moves it to the lists of its new kind at once, with only the new object', async () => {
    const own = await createBoard(strapi);
    const res = await write({ title: 'Turns into an event', body: 'Soon', board: own.slug }).expect(200);
    const id = res.body.data.documentId;
    const before = await api().get(`/api/feed?board=${own.slug}&kind=event&limit=50`).expect(200);
    expect(before.body.data.map((item: any) => item.documentId)).not.toContain(id);
    await api().put(`/api/posts/${id}`).set(bearer(alice)).send({ data: { kind: 'event' } }).expect(400);
    await api().put(`/api/posts/${id}`).set(bearer(alice)).send({ data: { kind: 'event', event: event() } }).expect(200);
    const after = await api().get(`/api/feed?board=${own.slug}&kind=event&limit=50`).expect(200);
    expect(after.body.data.find((item: any) => item.documentId === id)?.event).toMatchObject({ place: 'Community hall' });
    const news = await api().get(`/api/feed?board=${own.slug}&kind=news&limit=50`).expect(200);
    expect(news.body.data.map((item: any) => item.documentId)).not.toContain(id);
    const changed = await api().put(`/api/posts/${id}`).set(bearer(alice)).send({ data: { kind: 'sale', sale: { price: '1', currency: 'CNY', condition: 'new' } } });
    expect(changed.status).toBe(200);
    const stored: any = await strapi.documents('api::post.post').findOne({ documentId: id, status: 'published' });
    expect([stored.kind, stored.event, stored.sale?.price]).toEqual(['sale', null, '1']);
  });
});

describe('reading posts of a kind', () => {
  it('filters the feed by kind, and every item carries its kind and object', async () => {
    const all = await api().get(`/api/feed?board=${board.slug}&limit=50`).expect(200);
    expect(new Set(all.body.data.map((item: any) => item.kind))).toEqual(new Set(['news', 'event', 'sale', 'service', 'request']));
    const events = await api().get(`/api/feed?board=${board.slug}&kind=event`).expect(200);
    expect(events.body.data.map((item: any) => item.title)).toEqual(['A event']);
    expect(events.body.data[0].event).toMatchObject({ place: 'Community hall', capacity: 20 });
    const sales = await api().get(`/api/feed?board=${board.slug}&kind=sale&featuredFirst=true`).expect(200);
    expect(sales.body.data.map((item: any) => item.title).sort()).toEqual(['A sale', 'Lens']);
    expect(sales.body.data.every((item: any) => item.sale && item.event === undefined)).toBe(true);
    const bad = await api().get(`/api/feed?board=${board.slug}&kind=party`).expect(400);
    expect(bad.body.error.message).toContain('"kind" is one of');
  });

  it('shows posts written without a kind as news, in the feed and on their page', async () => {
    const old = await createPost(strapi, board, alice, { title: 'Written before kinds' });
    await strapi.db.query('api::post.post').updateMany({ where: { documentId: old.documentId }, data: { kind: null } as any });
    const detail = await api().get(`/api/posts/${old.documentId}`).expect(200);
    expect(detail.body.data.kind).toBe('news');
    expect(detail.body.data).not.toHaveProperty('event');
    const news = await api().get(`/api/feed?board=${board.slug}&kind=news&limit=50`).expect(200);
    expect(news.body.data.map((item: any) => item.documentId)).toContain(old.documentId);
  });

  it("shows an event's details on its page", async () => {
    const res = await write({ title: 'Picnic', body: 'In the park', board: board.slug, kind: 'event', event: event() }).expect(200);
    const detail = await api().get(`/api/posts/${res.body.data.documentId}`).expect(200);
    expect(detail.body.data.kind).toBe('event');
    expect(detail.body.data.event).toMatchObject({ place: 'Community hall', capacity: 20 });
    expect(detail.body.data).not.toHaveProperty('sale');
  });
});

describe('kinds on Hive', () => {
  it('carries the kind and its object in json_metadata, and a readable block in the body', async () => {
    const hiveBoard = await createBoard(strapi, { hiveAccount: 'maple-school' });
    const details = event();
    const res = await write({ title: 'Bulb planting', body: 'Bring gloves.', board: hiveBoard.slug, kind: 'event', event: details }).expect(200);
    const mirror = await confirmedMirror(strapi, res.body.data.documentId);
    const post = await waitForContent(strapi, 'maple-school', mirror.permlink);
    const meta = JSON.parse(post.json_metadata);
    expect(meta.quanzi).toMatchObject({ documentId: res.body.data.documentId, kind: 'event', event: { place: 'Community hall', capacity: 20 } });
    expect(post.body).toMatch(/^\*\*When:\*\* .+ UTC – .+ UTC {2}\n\*\*Where:\*\* Community hall {2}\n\*\*Seats:\*\* 20\n\nBring gloves\./);
  });
});
