import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createBoard } from '../helpers/fixtures';
import { bearer, createMember } from '../helpers/members';
import { adminAuth, cm, createAdmin } from '../helpers/admins';

let strapi: Core.Strapi;
const api = () => request(strapi.server.httpServer);

beforeAll(async () => {
  strapi = await startStrapi();
});
afterAll(stopStrapi);

describe('boards over REST', () => {
  it('starts empty: no demo data is seeded in tests', async () => {
    expect(await strapi.documents('api::board.board').count({})).toBe(0);
    expect(await strapi.db.query('plugin::users-permissions.user').count({})).toBe(0);
  });

  it('lists active boards to the public and hides inactive ones', async () => {
    const open = await createBoard(strapi, { name: 'Open board' });
    const closed = await createBoard(strapi, { name: 'Closed board', active: false });
    const res = await api().get('/api/boards').expect(200);
    const ids = res.body.data.map((b: any) => b.documentId);
    expect(ids).toContain(open.documentId);
    expect(ids).not.toContain(closed.documentId);
    expect(res.body.meta.pagination).toBeDefined();
  });

  it('finds a board by slug and 404s an inactive one', async () => {
    const board = await createBoard(strapi, { slug: 'by-slug-board' });
    const res = await api().get('/api/boards/by-slug-board').expect(200);
    expect(res.body.data.documentId).toBe(board.documentId);
    const closed = await createBoard(strapi, { active: false });
    const missing = await api().get(`/api/boards/${closed.documentId}`).expect(404);
    expect(missing.body.error.name).toBe('NotFoundError');
  });

  it('paginates and filters with qs', async () => {
    for (let i = 0; i < 3; i++) await createBoard(strapi, { kind: 'school', name: `School ${i}` });
    const res = await api().get('/api/boards?filters[kind][$eq]=school&pagination[pageSize]=2&pagination[page]=1&sort=name:asc').expect(200);
    expect(res.body.data).toHaveLength(2);
    expect(res.body.data.every((b: any) => b.kind === 'school')).toBe(true);
    expect(res.body.meta.pagination.pageSize).toBe(2);
    expect(res.body.meta.pagination.total).toBeGreaterThanOrEqual(3);
  });

  it('refuses board writes from members', async () => {
    const member = await createMember(strapi);
    await api().post('/api/boards').set(bearer(member)).send({ data: { name: 'Mine' } }).expect(403);
    await api().post('/api/boards').send({ data: { name: 'Anon' } }).expect(403);
  });

  it('rejects an invalid Hive account or community with a clear message and stores nothing', async () => {
    const before = await strapi.documents('api::board.board').count({});
    await expect(createBoard(strapi, { hiveAccount: 'Bad_Name' })).rejects.toThrow(/lowercase/);
    await expect(createBoard(strapi, { hiveCommunity: 'hive-999' })).rejects.toThrow(/hive-123456/);
    await expect(createBoard(strapi, { hiveAccount: 'ab' })).rejects.toThrow(/3 to 16/);
    expect(await strapi.documents('api::board.board').count({})).toBe(before);
  });

  it('takes a board time zone as an IANA name, and refuses anything else in the admin panel with the fix and nothing stored', async () => {
    const admin = await createAdmin(strapi);
    const before = await strapi.documents('api::board.board').count({});
    const data = { name: 'Shanghai parents', slug: 'shanghai-parents', kind: 'school', hiveAccount: 'maple-school', moderationMode: 'direct', active: true };
    const bad = await api().post(cm('api::board.board')).set(adminAuth(admin)).send({ ...data, timezone: 'Mars/Base' }).expect(400);
    expect(bad.body).toMatchObject({ data: null, error: { status: 400, name: 'ValidationError' } });
    expect(bad.body.error.message).toMatch(/"Mars\/Base" is not a time zone\. Use an IANA name such as "Asia\/Shanghai"/);
    expect(bad.body.error.details.errors[0].path).toEqual(['timezone']);
    const miscased = await api().post(cm('api::board.board')).set(adminAuth(admin)).send({ ...data, timezone: 'asia/shanghai' }).expect(400);
    expect(miscased.body.error.message).toMatch(/Write the time zone as "Asia\/Shanghai"/);
    expect(await strapi.documents('api::board.board').count({})).toBe(before);

    const created = await api().post(cm('api::board.board')).set(adminAuth(admin)).send({ ...data, timezone: 'Asia/Shanghai' }).expect(201);
    expect(created.body.data.timezone).toBe('Asia/Shanghai');
    const utc = await createBoard(strapi, {});
    expect(utc.timezone ?? null).toBeNull();
  });
});
