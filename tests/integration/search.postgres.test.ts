import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createBoard, createPost } from '../helpers/fixtures';
import { createMember } from '../helpers/members';
import { createTestDatabase, describeWithPostgres } from '../helpers/postgres';

/** Search on PostgreSQL: the same answers as on SQLite for what members search (Chinese inside words, every word, visible posts only). */
describeWithPostgres('search on PostgreSQL', () => {
  let strapi: Core.Strapi;
  let database: { url: string; drop: () => Promise<void> };
  const api = () => request(strapi.server.httpServer);
  const titles = async (query: Record<string, string>) => (await api().get('/api/search').query(query).expect(200)).body.data.map((h: any) => h.title);

  beforeAll(async () => {
    database = await createTestDatabase('search');
    strapi = await startStrapi({ DATABASE_CLIENT: 'postgres', DATABASE_URL: database.url, HIVE_WORKER_ENABLED: 'false' });
    const board = await createBoard(strapi, { slug: 'pg-search' });
    const closed = await createBoard(strapi, { slug: 'pg-closed', active: false });
    const alice = await createMember(strapi);
    await createPost(strapi, board, alice, { title: '学校花园：周六种植日', body: '请带手套。spring bulbs' });
    await createPost(strapi, board, alice, { title: 'Reading list', body: '夏洛的网 and a garden book' });
    await createPost(strapi, board, alice, { title: 'Garden draft', body: 'secret' }, 'draft');
    await createPost(strapi, closed, alice, { title: 'Closed garden', body: 'garden' });
  }, 120000);
  afterAll(async () => {
    await stopStrapi();
    await database?.drop();
  });

  it('finds Chinese words inside titles and bodies, titles first', async () => {
    expect(await titles({ q: '花园' })).toEqual(['学校花园：周六种植日']);
    expect(await titles({ q: '夏洛' })).toEqual(['Reading list']);
    expect(await titles({ q: 'GARDEN' })).toEqual(['Reading list']);
    expect(await titles({ q: 'garden 夏洛' })).toEqual(['Reading list']);
  });

  it('leaves out drafts and closed boards, and treats the query as text', async () => {
    expect(await titles({ q: 'secret' })).toEqual([]);
    expect(await titles({ q: 'closed' })).toEqual([]);
    for (const q of ['50%', 'a_b', "'; DROP TABLE posts; --", '\\']) await api().get('/api/search').query({ q }).expect((r) => expect([200, 400]).toContain(r.status));
  });

  it('has its trigram index when the role may create the extension', async () => {
    const rows = await strapi.db.connection.raw(`SELECT indexname FROM pg_indexes WHERE indexname = 'posts_search_trgm'`);
    expect(rows.rows.length).toBe(1);
  });
});
