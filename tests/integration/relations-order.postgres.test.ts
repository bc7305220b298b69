import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createBoard } from '../helpers/fixtures';
import { bearer, createMember } from '../helpers/members';
import { createTestDatabase, describeWithPostgres } from '../helpers/postgres';

/**
 * On PostgreSQL (where Strapi names the schema in its queries) a new post is
 * linked last among its board's posts with the largest order read from the
 * index (src/relations), and the slug and order indexes exist after boot.
 */
describeWithPostgres('publishing on PostgreSQL: the board order and the slug from indexes', () => {
  let strapi: Core.Strapi;
  let database: { url: string; drop: () => Promise<void> };
  const api = () => request(strapi.server.httpServer);

  beforeAll(async () => {
    database = await createTestDatabase('relorder');
    strapi = await startStrapi({ DATABASE_CLIENT: 'postgres', DATABASE_URL: database.url, HIVE_WORKER_ENABLED: 'false' });
  }, 120000);
  afterAll(async () => {
    await stopStrapi();
    await database?.drop();
  });

  it("links each new post last among its board's posts, without a grouped max over the board's links", async () => {
    const board = await createBoard(strapi, { slug: 'pg-ordered-board' });
    const member = await createMember(strapi);
    const knex: any = strapi.db.connection;
    const queries: string[] = [];
    const listen = (query: { sql: string }) => queries.push(query.sql);
    knex.on('query', listen);
    const ids: string[] = [];
    try {
      for (const title of ['Same title', 'Same title', 'Same title']) {
        ids.push((await api().post('/api/posts').set(bearer(member)).send({ data: { title, body: 'b', board: 'pg-ordered-board' } }).expect(200)).body.data.documentId);
      }
    } finally {
      knex.off('query', listen);
    }
    const links = await knex('posts_board_lnk as l').join('posts as p', 'p.id', 'l.post_id').where('l.board_id', board.id).orderBy('l.post_ord').select('p.document_id as documentId', 'p.slug', 'l.post_ord as ord');
    expect(links.map((l: any) => Number(l.ord))).toEqual([1, 1, 2, 2, 3, 3]);
    expect([...new Set(links.map((l: any) => l.documentId))]).toEqual(ids);
    expect([...new Set(links.map((l: any) => l.slug))]).toEqual(['same-title', 'same-title-2', 'same-title-3']);
    expect(queries.some((sql) => /max\("post_ord"\)/.test(sql))).toBe(false);
    expect(queries.filter((sql) => /order by "post_ord" desc limit 1/.test(sql)).length).toBeGreaterThanOrEqual(6);
    const indexes = (await knex.raw("SELECT indexname FROM pg_indexes WHERE indexname IN ('posts_slug_idx', 'posts_board_lnk_inv_ord_idx') ORDER BY indexname")).rows;
    expect(indexes.map((r: any) => r.indexname)).toEqual(['posts_board_lnk_inv_ord_idx', 'posts_slug_idx']);
  });
});
