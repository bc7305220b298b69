import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { buildLeakWorld, HOSTILE_QUERIES, marksIn, MARK, ORACLE_QUERIES, type LeakWorld } from '../helpers/leak-world';
import { encodeCursor } from '../../src/api/feed/lib/cursor';
import { createTestDatabase, describeWithPostgres } from '../helpers/postgres';

/**
 * The read rule and the feed's cursors on PostgreSQL, which refuses with an
 * error (a 500 before) what SQLite quietly compares: JSON columns compared as
 * text, integers past 32 bits, dates past its calendar, a one-value $between.
 * Every answer here is a 2xx or a 4xx, and nothing hidden shows.
 */
describeWithPostgres('the read rule on PostgreSQL', () => {
  let strapi: Core.Strapi;
  let database: { url: string; drop: () => Promise<void> };
  let world: LeakWorld;
  const api = () => request(strapi.server.httpServer);
  const HIDDEN = [MARK.draft, MARK.unpublished, MARK.unreviewedEdit, MARK.closedPost, MARK.hiddenReply, MARK.hiddenComment, MARK.closedComment, MARK.unpublishedComment, MARK.muted, MARK.email, MARK.openId];

  beforeAll(async () => {
    database = await createTestDatabase('readrule');
    strapi = await startStrapi({ DATABASE_CLIENT: 'postgres', DATABASE_URL: database.url, HIVE_WORKER_ENABLED: 'false' });
    world = await buildLeakWorld(strapi);
  }, 120000);
  afterAll(async () => {
    await stopStrapi();
    await database?.drop();
  });

  it('answers a crafted cursor with a 400, not a 500', async () => {
    const slug = world.boards.open.slug;
    const crafted = [
      encodeCursor('board', [1e20, 'x']),
      encodeCursor('board', [-1e20, 'x']),
      encodeCursor('board', [1767225600000, 'a\u0000b']),
      encodeCursor('board-featured-first', [0, 0, 1e12, 1767225600000, 'x']),
      encodeCursor('featured', [0, 2 ** 40, 1767225600000, 'x']),
    ];
    for (const cursor of crafted) {
      const list = cursor === crafted[4] ? '/api/featured' : `/api/feed?board=${slug}${cursor === crafted[3] ? '&featuredFirst=true' : ''}`;
      const res = await api().get(`${list}${list.includes('?') ? '&' : '?'}cursor=${cursor}`);
      expect([res.status, res.body.error?.name]).toEqual([400, 'ValidationError']);
      expect(res.body.error.message).toMatch(/cursor/);
    }
    // A cursor this server made still pages.
    const first = await api().get(`/api/feed?board=${slug}&limit=1`).expect(200);
    expect(first.body.data).toHaveLength(1);
  });

  it.each([
    ['filters[tags][$contains]=garden', 'filter-json'],
    ['filters[tags][$eq]=garden', 'filter-json'],
    ['filters[tags][$in][0]=a', 'filter-json'],
    ['filters[id][$gt]=99999999999999999999999', 'filter-value'],
    ['filters[featuredRank][$eq]=abc', 'filter-value'],
    ['filters[title][$between][0]=a', 'filter-value'],
  ])('refuses %s with a 400 naming the rule (%s)', async (query, rule) => {
    const res = await api().get(`/api/posts?${query}`).expect(400);
    expect(res.body).toMatchObject({ data: null, error: { status: 400, name: 'ValidationError', details: { rule } } });
  });

  it('answers every hostile and oracle query on the content lists without a 5xx or a leak', async () => {
    const problems: string[] = [];
    for (const list of ['/api/boards', '/api/posts', '/api/comments', `/api/posts/${world.posts.published.documentId}`]) {
      for (const query of [...HOSTILE_QUERIES, ...ORACLE_QUERIES]) {
        for (const token of [undefined, world.other.jwt]) {
          let req = api().get(`${list}?${query}`);
          if (token) req = req.set({ Authorization: `Bearer ${token}` });
          const res = await req;
          if (res.status >= 500) problems.push(`${list}?${query} → ${res.status}`);
          const marks = marksIn(res.text ?? '', HIDDEN);
          if (marks.length) problems.push(`${list}?${query} shows ${marks.join(', ')}`);
        }
      }
    }
    expect(problems).toEqual([]);
  }, 120000);
});
