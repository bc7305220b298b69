import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createBoard, createPost } from '../helpers/fixtures';
import { bearer, createMember, TestMember } from '../helpers/members';

/** Low limits for this file only: 3 writes a minute per member, 5 per IP (every request here comes from 127.0.0.1), 2 logins per IP. */
let strapi: Core.Strapi;
let post: any;
let alice: TestMember;
let bob: TestMember;
const api = () => request(strapi.server.httpServer);
const comment = (member: TestMember, body = 'hi') => api().post('/api/comments').set(bearer(member)).send({ data: { post: post.documentId, body } });

beforeAll(async () => {
  strapi = await startStrapi({ RATE_LIMIT_WRITES_PER_MEMBER: '3', RATE_LIMIT_WRITES_PER_IP: '5', RATE_LIMIT_LOGINS_PER_IP: '2' });
  const board = await createBoard(strapi, { slug: 'limited-board' });
  alice = await createMember(strapi);
  bob = await createMember(strapi);
  post = await createPost(strapi, board, alice);
});
afterAll(stopStrapi);

it('limits each member, then the address, with a 429 in Strapi\'s error shape and Retry-After', async () => {
  for (let i = 0; i < 3; i++) await comment(alice).expect(200);
  const limited = await comment(alice).expect(429);
  expect(limited.body).toMatchObject({ data: null, error: { status: 429, name: 'RateLimitError' } });
  expect(limited.body.error.message).toMatch(/Too many requests from this account \(at most 3 a minute for "comments"\): wait \d+ s and try again/);
  expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  expect(limited.body.error.details).toMatchObject({ scope: 'comments', limitPerMinute: 3, retryAfter: Number(limited.headers['retry-after']) });

  // Bob has his own member bucket, but the address has 5 a minute and Alice used 3 of them.
  await comment(bob).expect(200);
  await comment(bob).expect(200);
  const byAddress = await comment(bob).expect(429);
  expect(byAddress.body.error.message).toMatch(/from this network address/);
  expect(await strapi.db.query('api::comment.comment').count({})).toBe(5);
});

it('counts every write route, refused ones included, in its own bucket', async () => {
  // Posts have their own bucket: Alice can still post, then edits and deletes count too.
  const created = await api().post('/api/posts').set(bearer(alice)).send({ data: { title: 't', body: 'b', board: 'limited-board' } }).expect(200);
  await api().put(`/api/posts/${created.body.data.documentId}`).set(bearer(alice)).send({ data: { title: '' } }).expect(400);
  await api().delete(`/api/posts/${created.body.data.documentId}`).set(bearer(alice)).expect(204);
  await api().post('/api/posts').set(bearer(alice)).send({ data: { title: 't', body: 'b', board: 'limited-board' } }).expect(429);
  // Reports too.
  for (let i = 0; i < 3; i++) await api().post('/api/reports').set(bearer(bob)).send({ data: { post: post.documentId, reason: 'spam' } }).expect(200);
  await api().post('/api/reports').set(bearer(bob)).send({ data: { post: post.documentId, reason: 'spam' } }).expect(429);
});

it('does not limit reads', async () => {
  for (let i = 0; i < 10; i++) await api().get('/api/feed?board=limited-board').expect(200);
  await api().get(`/api/posts/${post.documentId}`).expect(200);
});

it('limits WeChat logins per address', async () => {
  // Not configured here (503), but each attempt still costs a token.
  await api().post('/api/auth/wechat').send({ code: 'a' }).expect(503);
  await api().post('/api/auth/wechat').send({ code: 'b' }).expect(503);
  const res = await api().post('/api/auth/wechat').send({ code: 'c' }).expect(429);
  expect(res.body.error.message).toMatch(/auth-wechat/);
  expect(res.headers['retry-after']).toBeTruthy();
});

it('refuses a body over 256 kB with 413', async () => {
  const carol = await createMember(strapi);
  const res = await api()
    .post('/api/posts')
    .set(bearer(carol))
    .set('Content-Type', 'application/json')
    .send(JSON.stringify({ data: { title: 'big', body: 'x'.repeat(300 * 1024), board: 'limited-board' } }))
    .expect(413);
  expect(res.body).toMatchObject({ data: null, error: { status: 413 } });
});

it('does not trust X-Forwarded-For unless server.proxy says a proxy is in front', async () => {
  // The address's login bucket is empty (above); a made-up forwarded address does not buy a new one.
  const res = await api().post('/api/auth/wechat').set('X-Forwarded-For', '203.0.113.9').send({ code: 'd' }).expect(429);
  expect(res.body.error.message).toMatch(/network address/);
});
