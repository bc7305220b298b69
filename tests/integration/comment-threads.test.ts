import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createBoard, createPost } from '../helpers/fixtures';
import { bearer, createMember, TestMember } from '../helpers/members';
import { commentThreadPageSchema, postedCommentSchema } from '../../src/openapi/community-schemas';

let strapi: Core.Strapi;
let board: any;
let post: any;
let alice: TestMember;
let bob: TestMember;
const api = () => request(strapi.server.httpServer);
const comment = (member: TestMember, postId: string, body: string, parent?: string) =>
  api().post(`/api/posts/${postId}/comments`).set(bearer(member)).send({ data: { body, ...(parent ? { parent } : {}) } });
const countComments = () => strapi.db.query('api::comment.comment').count({});

beforeAll(async () => {
  strapi = await startStrapi();
  board = await createBoard(strapi);
  alice = await createMember(strapi);
  bob = await createMember(strapi);
  await api().put('/api/me').set(bearer(bob)).send({ data: { displayName: 'Bob' } }).expect(200);
  post = await createPost(strapi, board, alice, { title: 'Threads' });
});
afterAll(stopStrapi);

describe('POST /api/posts/:documentId/comments', () => {
  it('writes a comment and answers it in the thread shape', async () => {
    const res = await comment(bob, post.documentId, 'Hello **there** <script>alert(1)</script>').expect(200);
    expect(() => postedCommentSchema.parse(res.body)).not.toThrow();
    expect(res.body.meta.moderation).toBe('published');
    expect(res.body.data).toMatchObject({ author: { displayName: 'Bob', avatarUrl: null }, source: 'quanzi', replies: [] });
    expect(res.body.data.bodyHtml).toContain('<strong>there</strong>');
    expect(res.body.data.bodyHtml).not.toContain('<script');
  });

  it('refuses guests, bad bodies, unknown posts and foreign parents, writing nothing', async () => {
    const before = await countComments();
    await api().post(`/api/posts/${post.documentId}/comments`).send({ data: { body: 'x' } }).expect(403);
    for (const data of [{ body: '' }, { body: 'x'.repeat(5001) }, { body: 1 }, { body: 'x', post: 'other' }, { body: 'x', parent: 'nope' }]) {
      const res = await api().post(`/api/posts/${post.documentId}/comments`).set(bearer(bob)).send({ data }).expect(400);
      expect(res.body).toMatchObject({ data: null, error: { status: 400 } });
    }
    await api().post(`/api/posts/${post.documentId}/comments`).set(bearer(bob)).send({ body: 'no wrapper' }).expect(400);
    const elsewhere = await createPost(strapi, board, alice);
    const foreign = (await comment(bob, elsewhere.documentId, 'there').expect(200)).body.data.documentId;
    const before2 = await countComments();
    const res = await comment(bob, post.documentId, 'here', foreign).expect(400);
    expect(res.body.error.message).toMatch(/same post/);
    await comment(bob, 'no-such-post', 'x').expect(404);
    const draft = await createPost(strapi, board, alice, {}, 'draft');
    await comment(bob, draft.documentId, 'x').expect(404);
    expect(await countComments()).toBe(before2);
    expect(before2).toBe(before + 1);
  });
});

describe('GET /api/posts/:documentId/comments', () => {
  let threaded: any;
  beforeAll(async () => {
    threaded = await createPost(strapi, board, alice, { title: 'Deep' });
    const first = (await comment(alice, threaded.documentId, 'first')).body.data.documentId;
    const r1 = (await comment(bob, threaded.documentId, 'reply 1', first)).body.data.documentId;
    await comment(alice, threaded.documentId, 'reply 1.1', r1);
    const hidden = (await comment(bob, threaded.documentId, 'reply 2 (hidden)', first)).body.data.documentId;
    await comment(alice, threaded.documentId, 'under the hidden one', hidden);
    await strapi.db.query('api::comment.comment').update({ where: { documentId: hidden }, data: { hidden: true } });
    for (let i = 2; i <= 4; i++) {
      await new Promise((r) => setTimeout(r, 5));
      await comment(bob, threaded.documentId, `top ${i}`);
    }
  });

  it('nests visible replies under their top-level comment, newest thread first', async () => {
    const res = await api().get(`/api/posts/${threaded.documentId}/comments`).expect(200);
    expect(() => commentThreadPageSchema.parse(res.body)).not.toThrow();
    const texts = (nodes: any[]): any[] => nodes.map((n) => [n.bodyHtml.replace(/<\/?p>\n?/g, ''), texts(n.replies)]);
    expect(texts(res.body.data)).toEqual([
      ['top 4', []],
      ['top 3', []],
      ['top 2', []],
      ['first', [['reply 1', [['reply 1.1', []]]]]],
    ]);
    expect(res.body.meta.nextCursor).toBeNull();
  });

  it('pages top-level threads by cursor, oldest first on request', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: any = await api().get(`/api/posts/${threaded.documentId}/comments`).query({ order: 'oldest', limit: 3, ...(cursor ? { cursor } : {}) }).expect(200);
      seen.push(...res.body.data.map((n: any) => n.bodyHtml.replace(/<\/?p>\n?/g, '')));
      cursor = res.body.meta.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['first', 'top 2', 'top 3', 'top 4']);
  });

  it('refuses bad paging and unknown or unpublished posts', async () => {
    for (const q of ['limit=0', 'limit=51', 'order=random', 'cursor=%%%', 'extra=1']) await api().get(`/api/posts/${threaded.documentId}/comments?${q}`).expect(400);
    const other = await api().get(`/api/posts/${post.documentId}/comments?limit=1`).expect(200);
    await api().get(`/api/posts/${threaded.documentId}/comments?cursor=${other.body.meta.nextCursor}&order=oldest`).expect(400);
    await api().get('/api/posts/nope/comments').expect(404);
    const draft = await createPost(strapi, board, alice, {}, 'draft');
    await api().get(`/api/posts/${draft.documentId}/comments`).expect(404);
  });

  it('renders replies imported from Hive through the same sanitizer', async () => {
    await strapi.documents('api::comment.comment').create({
      data: { body: 'From Hive <img src=x onerror=alert(1)> [x](javascript:alert(1))', post: threaded.documentId, source: 'hive', hiveAuthor: 'carol', hivePermlink: 're-deep' } as any,
    });
    const res = await api().get(`/api/posts/${threaded.documentId}/comments?limit=1`).expect(200);
    const node = res.body.data[0];
    expect(node).toMatchObject({ author: { displayName: '@carol', avatarUrl: null }, source: 'hive' });
    expect(node.bodyHtml).not.toMatch(/<img|<a /);
    expect(node.bodyHtml).toContain('&lt;img');
  });
});

describe('a board whose comments wait for review', () => {
  it('keeps members\' comments and Hive replies for an editor', async () => {
    const reviewed = await createBoard(strapi, { commentModeration: 'review' });
    const p = await createPost(strapi, reviewed, alice);
    const res = await comment(bob, p.documentId, 'please approve me').expect(200);
    expect(res.body.meta.moderation).toBe('awaiting-editor');
    await strapi.documents('api::comment.comment').create({ data: { body: 'hive reply', post: p.documentId, source: 'hive', hiveAuthor: 'dave', hivePermlink: 're-p' } as any });
    expect((await api().get(`/api/posts/${p.documentId}/comments`).expect(200)).body.data).toEqual([]);
    const rows = await strapi.db.query('api::comment.comment').findMany({ where: { post: { documentId: p.documentId } }, select: ['id', 'hidden', 'reviewState'] });
    expect(rows.map(({ hidden, reviewState }: any) => ({ hidden, reviewState }))).toEqual([
      { hidden: true, reviewState: 'pending' },
      { hidden: true, reviewState: 'pending' },
    ]);
    const detail = await api().get(`/api/posts/${p.documentId}`).expect(200);
    expect(detail.body.data.commentCount).toBe(0);
  });
});
