import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createBoard, createPost } from '../helpers/fixtures';
import { bearer, createMember, TestMember } from '../helpers/members';
import { adminAuth, cm, createAdmin } from '../helpers/admins';
import { myPostsPageSchema, reportSchema } from '../../src/openapi/schemas';

let strapi: Core.Strapi;
let board: any;
let reviewBoard: any;
let alice: TestMember;
let bob: TestMember;
const api = () => request(strapi.server.httpServer);
const REPORT = 'api::report.report';
const countReports = () => strapi.db.query(REPORT).count({});

beforeAll(async () => {
  strapi = await startStrapi();
  board = await createBoard(strapi, { slug: 'members-direct' });
  reviewBoard = await createBoard(strapi, { slug: 'members-review', moderationMode: 'review' });
  alice = await createMember(strapi);
  bob = await createMember(strapi);
});
afterAll(stopStrapi);

describe('GET /api/me/posts', () => {
  it('lists the member\'s own posts, drafts included, with their status', async () => {
    const live = await api().post('/api/posts').set(bearer(alice)).send({ data: { title: 'Live', body: 'x', board: 'members-direct' } }).expect(200);
    const waiting = await api().post('/api/posts').set(bearer(alice)).send({ data: { title: 'Waiting', body: 'x', board: 'members-review' } }).expect(200);
    const edited = await createPost(strapi, reviewBoard, alice, { title: 'Edited later' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    // An edit on a review board waits for an editor: the live version stays, the draft moves on.
    await api().put(`/api/posts/${edited.documentId}`).set(bearer(alice)).send({ data: { title: 'Edited later v2' } }).expect(200);
    await createPost(strapi, board, bob, { title: 'Not mine' });

    const res = await api().get('/api/me/posts').set(bearer(alice)).expect(200);
    expect(() => myPostsPageSchema.parse(res.body)).not.toThrow();
    const byTitle = Object.fromEntries(res.body.data.map((p: any) => [p.title, p]));
    expect(Object.keys(byTitle).sort()).toEqual(['Edited later v2', 'Live', 'Waiting']);
    expect(byTitle.Live).toMatchObject({ documentId: live.body.data.documentId, status: 'published', board: { slug: 'members-direct' } });
    expect(byTitle.Live.publishedAt).toBeTruthy();
    expect(byTitle.Waiting).toMatchObject({ documentId: waiting.body.data.documentId, status: 'draft', publishedAt: null });
    expect(byTitle['Edited later v2']).toMatchObject({ status: 'modified' });
    expect(res.body.meta.pagination).toEqual({ page: 1, pageSize: 20, pageCount: 1, total: 3 });
  });

  it('pages, newest change first', async () => {
    const carol = await createMember(strapi);
    for (let i = 0; i < 3; i++) {
      await createPost(strapi, board, carol, { title: `C${i}` });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const page1 = await api().get('/api/me/posts?pageSize=2').set(bearer(carol)).expect(200);
    expect(page1.body.data.map((p: any) => p.title)).toEqual(['C2', 'C1']);
    expect(page1.body.meta.pagination).toEqual({ page: 1, pageSize: 2, pageCount: 2, total: 3 });
    const page2 = await api().get('/api/me/posts?pageSize=2&page=2').set(bearer(carol)).expect(200);
    expect(page2.body.data.map((p: any) => p.title)).toEqual(['C0']);
  });

  it('refuses guests and bad paging', async () => {
    await api().get('/api/me/posts').expect(403);
    const res = await api().get('/api/me/posts?pageSize=500').set(bearer(alice)).expect(400);
    expect(res.body.error.message).toMatch(/at most 100/);
    await api().get('/api/me/posts?page=0').set(bearer(alice)).expect(400);
  });
});

describe('POST /api/reports', () => {
  let post: any;
  let comment: any;
  beforeAll(async () => {
    post = await createPost(strapi, board, alice, { title: 'Reported post' });
    comment = await strapi.documents('api::comment.comment').create({ data: { body: 'rude', post: post.documentId, author: alice.documentId } as any });
  });

  it('stores a report of a post with the member as reporter', async () => {
    const res = await api().post('/api/reports').set(bearer(bob)).send({ data: { post: post.documentId, reason: 'spam', details: 'Selling things' } }).expect(200);
    expect(() => reportSchema.parse(res.body)).not.toThrow();
    expect(res.body.data).toMatchObject({ reason: 'spam', details: 'Selling things', status: 'open', target: { type: 'post', documentId: post.documentId } });
    expect(res.body.meta.alreadyReported).toBe(false);
    const stored: any = await strapi.documents(REPORT).findOne({ documentId: res.body.data.documentId, populate: ['reporter', 'post'] });
    expect(stored.reporter.id).toBe(bob.id);
    expect(stored.post.documentId).toBe(post.documentId);
  });

  it('keeps one open report per member and target: a repeat answers 200 with the open report', async () => {
    const first = await api().post('/api/reports').set(bearer(bob)).send({ data: { comment: comment.documentId, reason: 'abuse' } }).expect(200);
    const before = await countReports();
    const again = await api().post('/api/reports').set(bearer(bob)).send({ data: { comment: comment.documentId, reason: 'other' } }).expect(200);
    expect(again.body.meta.alreadyReported).toBe(true);
    expect(again.body.data.documentId).toBe(first.body.data.documentId);
    expect(await countReports()).toBe(before);
    // Another member's report of the same comment is their own.
    const carol = await createMember(strapi);
    const theirs = await api().post('/api/reports').set(bearer(carol)).send({ data: { comment: comment.documentId, reason: 'abuse' } }).expect(200);
    expect(theirs.body.meta.alreadyReported).toBe(false);
  });

  it('takes a new report once the earlier one is resolved', async () => {
    const target = await createPost(strapi, board, alice);
    const first = await api().post('/api/reports').set(bearer(bob)).send({ data: { post: target.documentId, reason: 'spam' } }).expect(200);
    await strapi.documents(REPORT).update({ documentId: first.body.data.documentId, data: { reportStatus: 'resolved' } as any });
    const second = await api().post('/api/reports').set(bearer(bob)).send({ data: { post: target.documentId, reason: 'spam' } }).expect(200);
    expect(second.body.meta.alreadyReported).toBe(false);
    expect(second.body.data.documentId).not.toBe(first.body.data.documentId);
  });

  it.each([
    ['nothing to report', () => ({ reason: 'spam' }), /exactly one/],
    ['both a post and a comment', () => ({ post: post.documentId, comment: comment.documentId, reason: 'spam' }), /exactly one/],
    ['an unknown reason', () => ({ post: post.documentId, reason: 'boring' }), /spam, abuse, off-topic, other/],
    ['details over 1000 characters', () => ({ post: post.documentId, reason: 'other', details: 'x'.repeat(1001) }), /1000/],
    ['an unknown post', () => ({ post: 'nope', reason: 'spam' }), /Unknown post/],
    ['an unknown comment', () => ({ comment: 'nope', reason: 'spam' }), /Unknown comment/],
    ['a field members cannot set', () => ({ post: post.documentId, reason: 'spam', reportStatus: 'resolved' }), /Unrecognized key/],
  ])('rejects %s with 400 and stores nothing', async (_name, data, message) => {
    const before = await countReports();
    const res = await api().post('/api/reports').set(bearer(bob)).send({ data: data() }).expect(400);
    expect(res.body.error).toMatchObject({ status: 400, name: 'ValidationError' });
    expect(res.body.error.message).toMatch(message);
    expect(await countReports()).toBe(before);
  });

  it('refuses reports of drafts and of hidden comments', async () => {
    const draft = await createPost(strapi, board, alice, {}, 'draft');
    await api().post('/api/reports').set(bearer(bob)).send({ data: { post: draft.documentId, reason: 'spam' } }).expect(400);
    const hidden = await strapi.documents('api::comment.comment').create({ data: { body: 'gone', post: post.documentId, author: alice.documentId, hidden: true } as any });
    await api().post('/api/reports').set(bearer(bob)).send({ data: { comment: hidden.documentId, reason: 'spam' } }).expect(400);
  });

  it('refuses guests, and offers no way to read reports over REST', async () => {
    await api().post('/api/reports').send({ data: { post: post.documentId, reason: 'spam' } }).expect(403);
    await api().get('/api/reports').set(bearer(bob)).expect(404);
  });

  it('shows reports to the admin Editor role, which can resolve but not rewrite them', async () => {
    const target = await createPost(strapi, board, alice);
    await api().post('/api/reports').set(bearer(bob)).send({ data: { post: target.documentId, reason: 'off-topic', details: 'Wrong board' } }).expect(200);
    const editor = await createAdmin(strapi, 'strapi-editor');
    const list = await api().get(cm(REPORT)).set(adminAuth(editor)).expect(200);
    expect(list.body.results.length).toBeGreaterThan(0);
    const report = list.body.results[0];
    expect(report).toHaveProperty('reason');
    await api().put(cm(REPORT, `/${report.documentId}`)).set(adminAuth(editor)).send({ reportStatus: 'resolved', details: 'rewritten' }).expect(200);
    const after: any = await strapi.documents(REPORT).findOne({ documentId: report.documentId });
    expect(after.reportStatus).toBe('resolved');
    expect(after.details).not.toBe('rewritten');
  });
});
