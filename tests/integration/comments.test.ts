import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createBoard, createPost } from '../helpers/fixtures';
import { bearer, createMember, TestMember } from '../helpers/members';

let strapi: Core.Strapi;
let post: any;
let alice: TestMember;
let bob: TestMember;
let editor: TestMember;
const api = () => request(strapi.server.httpServer);
const comment = (member: TestMember, data: Record<string, unknown>) => api().post('/api/comments').set(bearer(member)).send({ data });

beforeAll(async () => {
  strapi = await startStrapi();
  const board = await createBoard(strapi);
  alice = await createMember(strapi);
  bob = await createMember(strapi);
  editor = await createMember(strapi, { role: 'editor' });
  post = await createPost(strapi, board, alice);
});
afterAll(stopStrapi);

it('lets a member comment and reply in a thread', async () => {
  const first = await comment(bob, { post: post.documentId, body: 'Nice!' }).expect(200);
  const reply = await comment(alice, { post: post.documentId, body: 'Thanks', parent: first.body.data.documentId }).expect(200);
  const stored = await strapi.documents('api::comment.comment').findOne({ documentId: reply.body.data.documentId, populate: ['parent', 'author', 'post'] });
  expect((stored as any).parent.documentId).toBe(first.body.data.documentId);
  expect((stored as any).author.id).toBe(alice.id);
  expect((stored as any).post.documentId).toBe(post.documentId);
});

it('refuses anonymous comments', async () => {
  await api().post('/api/comments').send({ data: { post: post.documentId, body: 'anon' } }).expect(403);
});

it.each([
  ['an unknown post', () => ({ post: 'nope', body: 'x' }), /Unknown post/],
  ['an empty body', () => ({ post: post.documentId, body: '  ' }), /empty/],
  ['an oversized body', () => ({ post: post.documentId, body: 'x'.repeat(5001) }), /5,000/],
  ['a parent that does not exist', () => ({ post: post.documentId, body: 'x', parent: 'missing' }), /does not exist/],
  ['a field members cannot set', () => ({ post: post.documentId, body: 'x', hidden: false }), /Unrecognized key/],
])('rejects %s with 400 and writes nothing', async (_n, data, message) => {
  const before = await strapi.db.query('api::comment.comment').count({});
  const res = await comment(bob, data()).expect(400);
  expect(res.body.error.message).toMatch(message);
  expect(await strapi.db.query('api::comment.comment').count({})).toBe(before);
});

it('refuses a reply on another post than its parent', async () => {
  const board = await createBoard(strapi);
  const other = await createPost(strapi, board, bob);
  const parent = await comment(bob, { post: other.documentId, body: 'on the other post' }).expect(200);
  const res = await comment(alice, { post: post.documentId, body: 'x', parent: parent.body.data.documentId }).expect(400);
  expect(res.body.error.message).toMatch(/same post/);
});

it('refuses comments on drafts', async () => {
  const board = await createBoard(strapi);
  const draft = await createPost(strapi, board, alice, {}, 'draft');
  await comment(bob, { post: draft.documentId, body: 'x' }).expect(400);
});

it('lets only the author edit or delete a comment', async () => {
  const mine = await comment(bob, { post: post.documentId, body: 'typo' }).expect(200);
  const id = mine.body.data.documentId;
  const denied = await api().put(`/api/comments/${id}`).set(bearer(alice)).send({ data: { body: 'changed by alice' } }).expect(403);
  expect(denied.body.error.message).toMatch(/your own comments/);
  await api().delete(`/api/comments/${id}`).set(bearer(alice)).expect(403);
  const edited = await api().put(`/api/comments/${id}`).set(bearer(bob)).send({ data: { body: 'fixed' } }).expect(200);
  expect(edited.body.data.body).toBe('fixed');
  await api().delete(`/api/comments/${id}`).set(bearer(bob)).expect(204);
  expect(await strapi.documents('api::comment.comment').findOne({ documentId: id })).toBeNull();
});

it('lets an editor hide a comment, which then disappears for readers', async () => {
  const rude = await comment(bob, { post: post.documentId, body: 'rude words' }).expect(200);
  const id = rude.body.data.documentId;
  await api().put(`/api/comments/${id}`).set(bearer(alice)).send({ data: { hidden: true } }).expect(403);
  await api().put(`/api/comments/${id}`).set(bearer(editor)).send({ data: { hidden: true } }).expect(200);
  const list = await api().get(`/api/comments?filters[post][documentId][$eq]=${post.documentId}&pagination[pageSize]=100`).expect(200);
  expect(list.body.data.map((c: any) => c.documentId)).not.toContain(id);
  await api().get(`/api/comments/${id}`).expect(404);
  const reply = await comment(alice, { post: post.documentId, body: 'reply to hidden', parent: id }).expect(400);
  expect(reply.body.error.message).toMatch(/hidden/);
});

it('lists visible comments to the public with pagination', async () => {
  const res = await api().get(`/api/comments?filters[post][documentId][$eq]=${post.documentId}&pagination[pageSize]=1`).expect(200);
  expect(res.body.data).toHaveLength(1);
  expect(res.body.meta.pagination.total).toBeGreaterThanOrEqual(2);
});
