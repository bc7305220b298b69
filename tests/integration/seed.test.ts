import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { DEMO_BOARDS, DEMO_MERCHANTS, seedDemoCommunity, shouldSeed } from '../../src/bootstrap/seed';

let strapi: Core.Strapi;
const api = () => request(strapi.server.httpServer);

beforeAll(async () => {
  strapi = await startStrapi({ SEED_DEMO: 'true' });
});
afterAll(stopStrapi);

it('seeds three living communities when asked', async () => {
  const boards = await api().get('/api/boards?sort=name:asc').expect(200);
  expect(boards.body.data.map((b: any) => b.kind).sort()).toEqual(['interest', 'neighbourhood', 'school']);
  const posts = await api().get('/api/posts?pagination[pageSize]=100').expect(200);
  // The school board reviews posts: its seeded posts are published by the seed itself, as an editor would.
  expect(posts.body.data.length).toBeGreaterThanOrEqual(6);
  const comments = await api().get('/api/comments').expect(200);
  expect(comments.body.data.length).toBeGreaterThanOrEqual(4);
  const login = await api().post('/api/auth/local').send({ identifier: 'alice', password: 'Quanzi-demo-2026' }).expect(200);
  expect(login.body.jwt).toBeTruthy();
  expect(DEMO_BOARDS.map((b) => b.hiveAccount)).toEqual(['maple-school', 'riverside-photo', 'oakhill-hood']);
});

it('seeds posts of every kind, with one upcoming event per board', async () => {
  for (const board of DEMO_BOARDS) {
    const events = await api().get(`/api/feed?board=${board.slug}&kind=event`).expect(200);
    expect(events.body.data).toHaveLength(1);
    expect(Date.parse(events.body.data[0].event.startsAt)).toBeGreaterThan(Date.now());
  }
  const kinds = new Set<string>();
  for (const board of DEMO_BOARDS) for (const item of (await api().get(`/api/feed?board=${board.slug}&limit=50`).expect(200)).body.data) kinds.add(item.kind);
  expect(kinds).toEqual(new Set(['news', 'event', 'sale', 'service', 'request']));
});

it('seeds one or two merchants per board, listed without their staff', async () => {
  for (const board of DEMO_BOARDS) {
    const merchants = (await api().get(`/api/boards/${board.slug}/merchants`).expect(200)).body.data;
    expect(merchants.length).toBeGreaterThanOrEqual(1);
    expect(merchants.length).toBeLessThanOrEqual(2);
    expect(merchants.map((m: any) => m.name)).toEqual(DEMO_MERCHANTS.filter((m) => m.board === board.slug).map((m) => m.name).sort());
    expect(merchants.every((m: any) => !('staff' in m))).toBe(true);
  }
  const staffed = await strapi.db.query('api::merchant.merchant').findMany({ populate: { staff: { select: ['username'] } } });
  expect(staffed.every((m: any) => m.staff.length > 0)).toBe(true);
});

it('does not seed twice', async () => {
  const before = await strapi.documents('api::board.board').count({});
  expect(await seedDemoCommunity(strapi, () => {})).toBe(false);
  expect(await strapi.documents('api::board.board').count({})).toBe(before);
});

it('never seeds in production or tests unless asked', () => {
  expect(shouldSeed({ NODE_ENV: 'production' } as any)).toBe(false);
  expect(shouldSeed({ NODE_ENV: 'test' } as any)).toBe(false);
  expect(shouldSeed({ NODE_ENV: 'development' } as any)).toBe(true);
  expect(shouldSeed({ NODE_ENV: 'development', SEED_DEMO: 'false' } as any)).toBe(false);
  expect(shouldSeed({ NODE_ENV: 'test', SEED_DEMO: 'true' } as any)).toBe(true);
});

describe('the demo economy', () => {
  it('turns token rewards on for every demo board, with the devnet\'s issuers', async () => {
    const boards = await strapi.documents('api::board.board').findMany({ populate: ['economics'] as any });
    const economics = Object.fromEntries(boards.map((b: any) => [b.slug, b.economics && { enabled: b.economics.enabled, symbol: b.economics.symbol, issuer: b.economics.issuer }]));
    expect(economics).toEqual({
      'maple-street-primary': { enabled: true, symbol: 'MAPLE', issuer: 'maple-tokens' },
      'riverside-photo': { enabled: true, symbol: 'SNAP', issuer: 'photo-tokens' },
      'oak-hill': { enabled: true, symbol: 'OAK', issuer: 'oakhill-tokens' },
    });
    const links = await strapi.db.query('plugin::hive-smt.account-link' as any).findMany({ select: ['account'] });
    expect(links.map((l: any) => l.account).sort()).toEqual(['alice', 'bob', 'carol', 'dave']);
  });

  it('pays a first reward period on chain soon after the first start, visible over REST', async () => {
    const payouts = () => strapi.db.query('plugin::hive-smt.payout' as any).findMany({ select: ['id', 'state', 'symbol', 'error', 'account', 'amount'] });
    const deadline = Date.now() + 90000;
    let lines: any[] = [];
    while (Date.now() < deadline) {
      lines = await payouts();
      if (lines.length && lines.every((l) => l.state === 'paid')) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.filter((l) => l.state !== 'paid')).toEqual([]);
    expect(new Set(lines.map((l) => l.symbol))).toEqual(new Set(['MAPLE', 'SNAP', 'OAK']));

    const login = await api().post('/api/auth/local').send({ identifier: 'alice', password: 'Quanzi-demo-2026' }).expect(200);
    const mine = await api().get('/api/me/rewards').set('Authorization', `Bearer ${login.body.jwt}`).expect(200);
    const paid = mine.body.data.balances.filter((b: any) => Number(b.paid) > 0);
    expect(paid.length).toBeGreaterThan(0);

    const liked = await strapi.documents('api::post.post').findFirst({ filters: { title: 'Street party on the 14th' }, status: 'published' });
    const rewardsOfPost = await api().get(`/api/posts/${liked!.documentId}/rewards`).expect(200);
    expect(rewardsOfPost.body.data.status).toBe('settled');
    expect(rewardsOfPost.body.data.symbol).toBe('OAK');
    expect(Number(rewardsOfPost.body.data.paid.total)).toBeGreaterThan(0);
  }, 120000);
});
