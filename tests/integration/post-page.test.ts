import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createBoard, createPost } from '../helpers/fixtures';
import { bearer, createMember, TestMember } from '../helpers/members';
import { pngPicture } from '../helpers/pictures';
import { postDetailSchema } from '../../src/openapi/schemas';

let strapi: Core.Strapi;
let board: any;
let alice: TestMember;
let bob: TestMember;
const api = () => request(strapi.server.httpServer);

beforeAll(async () => {
  strapi = await startStrapi();
  board = await createBoard(strapi, { name: 'Maple Garden Club', slug: 'page-maple' });
  alice = await createMember(strapi);
  bob = await createMember(strapi);
  await api().put('/api/me').set(bearer(alice)).send({ data: { displayName: 'Alice W.' } }).expect(200);
});
afterAll(stopStrapi);

describe('GET /api/posts/:documentId (the post page)', () => {
  it('carries the author, board, cover, likes and comment count', async () => {
    const cover = (await api().post('/api/me/uploads').set(bearer(alice)).attach('files', await pngPicture(800, 600), 'cover.png').expect(200)).body.data;
    const created = await api().post('/api/posts').set(bearer(alice)).send({ data: { title: '学校花园：周六种植日', body: 'Bring gloves', board: board.slug, cover: cover.id } }).expect(200);
    const id = created.body.data.documentId;
    await api().post(`/api/posts/${id}/like`).set(bearer(bob)).expect(200);
    await api().post(`/api/posts/${id}/comments`).set(bearer(bob)).send({ data: { body: 'I can bring spades' } }).expect(200);
    const hidden = await api().post(`/api/posts/${id}/comments`).set(bearer(bob)).send({ data: { body: 'rude' } }).expect(200);
    await strapi.db.query('api::comment.comment').update({ where: { documentId: hidden.body.data.documentId }, data: { hidden: true } });

    const guest = await api().get(`/api/posts/${id}`).expect(200);
    expect(() => postDetailSchema.parse(guest.body)).not.toThrow();
    expect(guest.body.data).toMatchObject({
      slug: 'xue-xiao-hua-yuan-zhou-liu-zhong-zhi-ri',
      author: { displayName: 'Alice W.', avatarUrl: null, hiveAccount: null },
      board: { slug: 'page-maple', name: 'Maple Garden Club' },
      likeCount: 1,
      commentCount: 1,
      cover: { url: cover.url },
    });
    expect(guest.body.data.cover.formats.thumbnail.url).toBe(cover.formats.thumbnail.url);
    expect(guest.body.data).not.toHaveProperty('likedByMe');
    expect(JSON.stringify(guest.body)).not.toContain(alice.email);

    const liker = await api().get(`/api/posts/${id}`).set(bearer(bob)).expect(200);
    expect(liker.body.data).toMatchObject({ likeCount: 1, likedByMe: true });
    const author = await api().get(`/api/posts/${id}`).set(bearer(alice)).expect(200);
    expect(author.body.data.likedByMe).toBe(false);
  });

  it('gives every post a slug of its own, readable for Chinese titles', async () => {
    const other = await createBoard(strapi, { slug: 'page-other' });
    const a = await createPost(strapi, board, alice, { title: 'Street party' });
    const b = await createPost(strapi, board, alice, { title: 'Street party' });
    const c = await createPost(strapi, other, bob, { title: 'Street party!' });
    const slugs = await Promise.all([a, b, c].map(async (p) => (await api().get(`/api/posts/${p.documentId}`).expect(200)).body.data.slug));
    expect(slugs).toEqual(['street-party', 'street-party-2', 'street-party-3']);
    // A new title keeps the slug: shared links keep working.
    await api().put(`/api/posts/${a.documentId}`).set(bearer(alice)).send({ data: { title: 'Street party moved' } }).expect(200);
    expect((await api().get(`/api/posts/${a.documentId}`).expect(200)).body.data.slug).toBe('street-party');
  });

  it('numbers a slug past the first batch of taken ones, read through the slug index', async () => {
    const taken = ['busy-title', ...Array.from({ length: 24 }, (_, i) => `busy-title-${i + 2}`)];
    for (const slug of taken) await strapi.db.query('api::post.post').create({ data: { title: 'Busy title', body: 'x', slug } });
    const created = await api().post('/api/posts').set(bearer(alice)).send({ data: { title: 'Busy title', body: 'One more', board: board.slug } }).expect(200);
    expect(created.body.data.slug).toBe('busy-title-26');
    const knex: any = strapi.db.connection;
    const plan =
      strapi.db.dialect.client === 'postgres'
        ? await knex.raw("SELECT indexname FROM pg_indexes WHERE tablename = 'posts'")
        : await knex.raw("EXPLAIN QUERY PLAN SELECT id FROM posts WHERE slug = 'busy-title' AND published_at IS NOT NULL");
    expect(JSON.stringify(plan)).toContain('posts_slug_idx');
  });

  it('fills in the slug of posts written before slugs were generated', async () => {
    const old = await createPost(strapi, board, alice, { title: '二年级 reading list' });
    await strapi.db.query('api::post.post').updateMany({ where: { documentId: old.documentId }, data: { slug: null } });
    const { backfillSlugs } = require('../../dist/src/posts/slug-service');
    expect(await backfillSlugs(strapi)).toBe(1);
    const rows = await strapi.db.query('api::post.post').findMany({ where: { documentId: old.documentId }, select: ['slug'] });
    expect(rows.map((r: any) => r.slug)).toEqual(rows.map(() => 'er-nian-ji-reading-list'));
  });
});
