import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { DEMO_BOARDS, seedDemoCommunity, shouldSeed } from '../../src/bootstrap/seed';

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
