import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createBoard, createPost } from '../helpers/fixtures';
import { createMember, type TestMember } from '../helpers/members';

/**
 * Members' refresh-token sessions (src/auth/session-settings.ts): short
 * access tokens accepted on the fast member routes and on Strapi's own,
 * refresh with rotation, sign out of one session or of all of them.
 */
const ACCESS_TOKEN_SECONDS = 2;
let strapi: Core.Strapi;
let member: TestMember;
let post: { documentId: string };
const api = () => request(strapi.server.httpServer);
const as = (jwt: string) => ({ Authorization: `Bearer ${jwt}` });
const login = (deviceId?: string) => api().post('/api/auth/local').send({ identifier: member.email, password: 'Test-password-1', ...(deviceId ? { deviceId } : {}) }).expect(200);
const refresh = (refreshToken: string) => api().post('/api/auth/refresh').send({ refreshToken });

beforeAll(async () => {
  strapi = await startStrapi({ HIVE_WORKER_ENABLED: 'false', MEMBER_ACCESS_TOKEN_SECONDS: String(ACCESS_TOKEN_SECONDS) });
  member = await createMember(strapi);
  post = await createPost(strapi, await createBoard(strapi), await createMember(strapi));
});
afterAll(stopStrapi);

test('a login answers an access token and a refresh token; the access token opens fast and regular member routes', async () => {
  const { body } = await login();
  expect(body).toEqual({ jwt: expect.any(String), refreshToken: expect.any(String), user: expect.objectContaining({ id: member.id }) });
  // A like runs on the fast member path (src/auth/member-auth.ts), /users/me on users-permissions' own.
  await api().post(`/api/posts/${post.documentId}/like`).set(as(body.jwt)).expect(200);
  await api().delete(`/api/posts/${post.documentId}/like`).set(as(body.jwt)).expect(200);
  expect((await api().get('/api/users/me').set(as(body.jwt)).expect(200)).body.id).toBe(member.id);
  // The sessions list marks the session the request came with.
  const sessions = await api().get('/api/auth/sessions').set(as(body.jwt)).expect(200);
  expect(sessions.body.data.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
  // A refresh token is not an access token.
  await api().post(`/api/posts/${post.documentId}/like`).set(as(body.refreshToken)).expect(401);
  await api().get('/api/users/me').set(as(body.refreshToken)).expect(401);
});

test('an access token ends after MEMBER_ACCESS_TOKEN_SECONDS; the refresh token gives a new pair once', async () => {
  const { body } = await login();
  await new Promise((resolve) => setTimeout(resolve, (ACCESS_TOKEN_SECONDS + 1) * 1000));
  await api().post(`/api/posts/${post.documentId}/like`).set(as(body.jwt)).expect(401);
  const expired = await api().get(`/api/feed?board=none`).set(as(body.jwt)).expect(401);
  expect(expired.body.error.message).toContain('/api/auth/refresh');
  const renewed = await refresh(body.refreshToken).expect(200);
  expect(renewed.body).toEqual({ jwt: expect.any(String), refreshToken: expect.any(String) });
  await api().post(`/api/posts/${post.documentId}/like`).set(as(renewed.body.jwt)).expect(200);
  // Rotation: the refresh token that was used is spent.
  await refresh(body.refreshToken).expect(401);
  await refresh(renewed.body.refreshToken).expect(200);
}, 20000);

test('signing out ends this session only; signing out everywhere ends every session', async () => {
  const phone = (await login('phone')).body;
  const laptop = (await login('laptop')).body;
  await api().post('/api/auth/logout').set(as(phone.jwt)).send({ refreshToken: phone.refreshToken }).expect(200);
  await refresh(phone.refreshToken).expect(401);
  const laptopAgain = (await refresh(laptop.refreshToken).expect(200)).body;

  const tablet = (await login('tablet')).body;
  await api().post('/api/auth/logout').set(as(tablet.jwt)).send({ scope: 'all' }).expect(200);
  await refresh(tablet.refreshToken).expect(401);
  await refresh(laptopAgain.refreshToken).expect(401);
  // Nothing is left to list.
  const fresh = (await login()).body;
  const sessions = await api().get('/api/auth/sessions').set(as(fresh.jwt)).expect(200);
  expect(sessions.body.data).toHaveLength(1);
});

test('bad refresh requests are refused with a message', async () => {
  const missing = await api().post('/api/auth/refresh').send({}).expect(400);
  expect(missing.body.error.message).toBe('Missing refresh token');
  await refresh('not-a-token').expect(401);
  // Signing out needs the member's access token: the public may not.
  await api().post('/api/auth/logout').send({ scope: 'all' }).expect(403);
});
