import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createBoard, createPost } from '../helpers/fixtures';
import { createMember } from '../helpers/members';
import { adminAuth, cm, createAdmin, TestAdmin } from '../helpers/admins';

let strapi: Core.Strapi;
let superAdmin: TestAdmin;
let editor: TestAdmin;
let board: any;
let post: any;
const api = () => request(strapi.server.httpServer);

beforeAll(async () => {
  strapi = await startStrapi();
  superAdmin = await createAdmin(strapi, 'strapi-super-admin');
  editor = await createAdmin(strapi, 'strapi-editor');
  board = await createBoard(strapi);
  const member = await createMember(strapi);
  post = await createPost(strapi, board, member);
});
afterAll(stopStrapi);

describe('the admin Editor role', () => {
  it('features a post from the Content Manager', async () => {
    const res = await api()
      .put(cm('api::post.post', `/${post.documentId}`))
      .set(adminAuth(editor))
      .send({ featured: true, featuredRank: 0 })
      .expect(200);
    expect(res.body.data.featured).toBe(true);
  });

  it('publishes a draft waiting for review', async () => {
    const member = await createMember(strapi);
    const draft = await createPost(strapi, board, member, { title: 'Awaiting review' }, 'draft');
    await api().post(cm('api::post.post', `/${draft.documentId}/actions/publish`)).set(adminAuth(editor)).send({}).expect(200);
    expect(await strapi.documents('api::post.post').findOne({ documentId: draft.documentId, status: 'published' })).not.toBeNull();
  });

  it('hides a comment but cannot rewrite it', async () => {
    const member = await createMember(strapi);
    const comment = await strapi.documents('api::comment.comment').create({ data: { body: 'spam', post: post.documentId, author: member.documentId } as any });
    await api().put(cm('api::comment.comment', `/${comment.documentId}`)).set(adminAuth(editor)).send({ hidden: true }).expect(200);
    const after = await strapi.documents('api::comment.comment').findOne({ documentId: comment.documentId });
    expect(after!.hidden).toBe(true);
    await api().put(cm('api::comment.comment', `/${comment.documentId}`)).set(adminAuth(editor)).send({ body: 'rewritten' }).expect(200);
    const unchanged = await strapi.documents('api::comment.comment').findOne({ documentId: comment.documentId });
    expect(unchanged!.body).toBe('spam');
  });

  it('reads boards but cannot change or create them', async () => {
    await api().get(cm('api::board.board')).set(adminAuth(editor)).expect(200);
    await api().put(cm('api::board.board', `/${board.documentId}`)).set(adminAuth(editor)).send({ name: 'Renamed' }).expect(403);
    await api().post(cm('api::board.board')).set(adminAuth(editor)).send({ name: 'New', hiveAccount: 'maple-school' }).expect(403);
  });

  it('cannot change roles, users or settings', async () => {
    await api().get('/admin/roles').set(adminAuth(editor)).expect(403);
    await api().get('/admin/users').set(adminAuth(editor)).expect(403);
    await api().get('/users-permissions/roles').set(adminAuth(editor)).expect(403);
    await api().get('/admin/webhooks').set(adminAuth(editor)).expect(403);
    await api().get('/admin/roles').set(adminAuth(superAdmin)).expect(200);
  });
});

describe('admins setting up boards', () => {
  it('rejects an invalid Hive account from the Content Manager with the reason', async () => {
    const res = await api()
      .post(cm('api::board.board'))
      .set(adminAuth(superAdmin))
      .send({ name: 'Bad board', slug: 'bad-board', kind: 'school', hiveAccount: 'Not Valid', moderationMode: 'direct', active: true })
      .expect(400);
    expect(res.body.error.message).toMatch(/Hive account names/);
    expect(await strapi.documents('api::board.board').findFirst({ filters: { slug: 'bad-board' } })).toBeNull();
  });

  it('shows plain-language labels and help on every board field', async () => {
    const res = await api().get('/content-manager/content-types/api::board.board/configuration').set(adminAuth(superAdmin)).expect(200);
    const metadatas = res.body.data.contentType.metadatas;
    for (const field of ['name', 'slug', 'description', 'kind', 'cover', 'hiveAccount', 'hiveCommunity', 'defaultTags', 'tokenSymbol', 'moderationMode', 'active']) {
      expect(metadatas[field].edit.description.length).toBeGreaterThan(10);
      expect(metadatas[field].edit.label).not.toBe(field);
    }
  });
});
