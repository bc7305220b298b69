import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createBoard, createPost } from '../helpers/fixtures';
import { bearer, createMember, TestMember } from '../helpers/members';
import { adminAuth, cm, createAdmin, type TestAdmin } from '../helpers/admins';

let strapi: Core.Strapi;
let reviewBoard: any;
let alice: TestMember;
let bob: TestMember;
let editor: TestAdmin;
let author: TestAdmin;
const api = () => request(strapi.server.httpServer);
const queue = async (who: TestAdmin = editor) => (await api().get('/hive-smt/curation/review').set(adminAuth(who)).expect(200)).body.data;
const inbox = async (member: TestMember) => (await api().get('/api/me/notifications').set(bearer(member)).expect(200)).body.data;
const isLive = async (documentId: string) => Boolean(await strapi.documents('api::post.post').findOne({ documentId, status: 'published' }));

beforeAll(async () => {
  strapi = await startStrapi({ NOTIFICATIONS_PASS_MS: '0' });
  reviewBoard = await createBoard(strapi, { name: 'Maple Review', slug: 'mod-review', moderationMode: 'review', commentModeration: 'review' });
  alice = await createMember(strapi);
  bob = await createMember(strapi);
  editor = await createAdmin(strapi, 'strapi-editor');
  author = await createAdmin(strapi, 'strapi-author');
});
afterAll(stopStrapi);

describe('posts on a review board', () => {
  it('wait on the editors\' list; Approve publishes and tells the author', async () => {
    const sent = await api().post('/api/posts').set(bearer(alice)).send({ data: { title: 'Bake sale', body: 'Cakes on Friday', board: 'mod-review' } }).expect(200);
    expect(sent.body.meta.moderation).toBe('awaiting-editor');
    const row = (await queue()).find((r: any) => r.documentId === sent.body.data.documentId);
    expect(row).toMatchObject({ targetType: 'post', title: 'Bake sale', text: 'Cakes on Friday', board: { slug: 'mod-review', name: 'Maple Review' }, source: 'board-review' });
    await api().post(`/hive-smt/curation/review/${row.id}/approve`).set(adminAuth(editor)).expect(200);
    expect(await isLive(sent.body.data.documentId)).toBe(true);
    expect((await queue()).some((r: any) => r.id === row.id)).toBe(false);
    const told = (await inbox(alice)).find((n: any) => n.kind === 'moderation');
    expect(told).toMatchObject({ payload: { target: 'post', decision: 'approved' }, post: { documentId: sent.body.data.documentId, title: 'Bake sale' } });
    expect(told.text).toBe('Your post 「Bake sale」 was approved');
    await api().post(`/hive-smt/curation/review/${row.id}/approve`).set(adminAuth(editor)).expect(404);
  });

  it('Reject needs a reason, keeps the post unpublished and tells the author why', async () => {
    const sent = await api().post('/api/posts').set(bearer(bob)).send({ data: { title: 'Selling phones', body: 'cheap', board: 'mod-review' } }).expect(200);
    const row = (await queue()).find((r: any) => r.documentId === sent.body.data.documentId);
    for (const body of [{}, { reason: '' }, { reason: '   ' }, { reason: 'x'.repeat(501) }, { reason: 'ok', extra: 1 }]) {
      const bad = await api().post(`/hive-smt/curation/review/${row.id}/reject`).set(adminAuth(editor)).send(body).expect(400);
      expect(bad.body).toMatchObject({ data: null, error: { status: 400 } });
    }
    expect((await queue()).some((r: any) => r.id === row.id)).toBe(true);
    await api().post(`/hive-smt/curation/review/${row.id}/reject`).set(adminAuth(editor)).send({ reason: 'No selling on the school board.' }).expect(200);
    expect(await isLive(sent.body.data.documentId)).toBe(false);
    const told = (await inbox(bob)).find((n: any) => n.kind === 'moderation');
    expect(told.payload).toEqual({ target: 'post', decision: 'rejected', reason: 'No selling on the school board.' });
    expect(told.text).toBe('Your post 「Selling phones」 was rejected: No selling on the school board.');
  });

  it('leave the list when an editor publishes them in the Content Manager', async () => {
    const draft = await api().post('/api/posts').set(bearer(alice)).send({ data: { title: 'Via the Content Manager', body: 'x', board: 'mod-review' } }).expect(200);
    expect((await queue()).some((r: any) => r.documentId === draft.body.data.documentId)).toBe(true);
    await api().post(cm('api::post.post', `/${draft.body.data.documentId}/actions/publish`)).set(adminAuth(editor)).send({}).expect(200);
    expect((await queue()).some((r: any) => r.documentId === draft.body.data.documentId)).toBe(false);
  });
});

describe('comments on a board whose comments wait', () => {
  it('are approved into the thread, telling the commenter and the post\'s author', async () => {
    const post = await createPost(strapi, reviewBoard, alice, { title: 'Open day' });
    const sent = await api().post(`/api/posts/${post.documentId}/comments`).set(bearer(bob)).send({ data: { body: 'See you there' } }).expect(200);
    expect(sent.body.meta.moderation).toBe('awaiting-editor');
    const before = (await inbox(alice)).filter((n: any) => n.kind === 'reply').length;
    const row = (await queue()).find((r: any) => r.documentId === sent.body.data.documentId);
    expect(row).toMatchObject({ targetType: 'comment', title: 'Open day', text: 'See you there' });
    await api().post(`/hive-smt/curation/review/${row.id}/approve`).set(adminAuth(editor)).expect(200);
    const thread = (await api().get(`/api/posts/${post.documentId}/comments`).expect(200)).body.data;
    expect(thread.map((c: any) => c.documentId)).toEqual([sent.body.data.documentId]);
    expect((await inbox(alice)).filter((n: any) => n.kind === 'reply').length).toBe(before + 1);
    expect((await inbox(bob)).some((n: any) => n.kind === 'moderation' && n.payload.target === 'comment' && n.payload.decision === 'approved')).toBe(true);
  });

  it('hold replies imported from Hive too', async () => {
    const post = await createPost(strapi, reviewBoard, alice, { title: 'From Hive' });
    const imported = await strapi.documents('api::comment.comment').create({ data: { body: 'hello from hive', post: post.documentId, source: 'hive', hiveAuthor: 'carol', hivePermlink: 're-from-hive' } as any });
    const row = (await queue()).find((r: any) => r.documentId === imported.documentId);
    expect(row).toMatchObject({ targetType: 'comment', author: '@carol' });
  });
});

describe('who may decide', () => {
  it('editors with curation rights; not an admin Author, not a member, not anonymous', async () => {
    await api().get('/hive-smt/curation/review').expect(401);
    await api().get('/hive-smt/curation/review').set(bearer(alice)).expect(401);
    await api().get('/hive-smt/curation/review').set(adminAuth(author)).expect(403);
    await api().post('/hive-smt/curation/review/1/approve').set(adminAuth(author)).expect(403);
    await api().get('/hive-smt/curation/review?type=other').set(adminAuth(editor)).expect(400);
    await api().post('/hive-smt/curation/review/abc/approve').set(adminAuth(editor)).expect(400);
  });
});
