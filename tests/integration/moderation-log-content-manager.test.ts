import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createBoard, createPost } from '../helpers/fixtures';
import { bearer, createMember, type TestMember } from '../helpers/members';
import { adminAuth, cm, createAdmin, type TestAdmin } from '../helpers/admins';

/**
 * What admins do in Strapi's Content Manager is in the moderation log too —
 * edits (the fields that changed, before → after), publishing, unpublishing,
 * deleting — with the admin, the board and "in the Content Manager", in the
 * same transaction as the write. Writes from REST, the Hive pages and code
 * log their own entries (or none), never a second one from here.
 */
let strapi: Core.Strapi;
let superAdmin: TestAdmin;
let editor: TestAdmin;
let member: TestMember;
let board: any;
const api = () => request(strapi.server.httpServer);
const POST = 'api::post.post';
const COMMENT = 'api::comment.comment';
const latest = async (subjectId: string) =>
  (await api().get('/hive-smt/moderation-log?limit=100').set(adminAuth(superAdmin)).expect(200)).body.data.entries.filter((e: any) => e.subjectId === subjectId);

beforeAll(async () => {
  strapi = await startStrapi({ HIVE_WORKER_ENABLED: 'false' });
  superAdmin = await createAdmin(strapi, 'strapi-super-admin');
  editor = await createAdmin(strapi, 'strapi-editor');
  member = await createMember(strapi);
  board = await createBoard(strapi, { name: 'Edited in the panel' });
}, 120000);
afterAll(stopStrapi);

test('an edit logs the fields that changed, before → after, with the admin and the board', async () => {
  const post = await createPost(strapi, board, member, { title: 'Before the edit', body: 'x'.repeat(500) });
  await api().put(cm(POST, `/${post.documentId}`)).set(adminAuth(editor)).send({ title: 'After the edit', featured: true, body: 'x'.repeat(500) }).expect(200);
  const [entry, ...rest] = await latest(post.documentId);
  expect(rest).toEqual([]);
  expect(entry).toMatchObject({
    kind: 'content',
    action: 'post.edit',
    subjectType: 'post',
    boardDocumentId: board.documentId,
    actor: { kind: 'admin', id: editor.id, name: 'Test strapi-editor' },
    reason: 'in the Content Manager',
    // Only what changed: the body was sent unchanged.
    before: { title: 'Before the edit', featured: false },
    after: { title: 'After the edit', featured: true },
  });
  // Long text is cut in the log.
  await api().put(cm(POST, `/${post.documentId}`)).set(adminAuth(editor)).send({ body: 'y'.repeat(500) }).expect(200);
  const [bodyEdit] = await latest(post.documentId);
  expect(bodyEdit.after.body).toBe(`${'y'.repeat(200)}…`);
});

test('a post created in the panel is logged with what it was created with, once', async () => {
  const created = await api()
    .post(cm(POST))
    .set(adminAuth(superAdmin))
    .send({ title: 'Written by an editor', body: 'Made in the Content Manager', board: { connect: [{ documentId: board.documentId }] } })
    .expect(201);
  const documentId = created.body.data.documentId;
  const entries = await latest(documentId);
  expect(entries).toEqual([
    expect.objectContaining({
      action: 'post.create',
      subjectType: 'post',
      boardDocumentId: board.documentId,
      actor: { kind: 'admin', id: superAdmin.id, name: 'Test strapi-super-admin' },
      reason: 'in the Content Manager',
      before: null,
      after: expect.objectContaining({ title: 'Written by an editor', body: 'Made in the Content Manager' }),
    }),
  ]);
});

test('publishing, unpublishing and deleting are logged; a comment hidden in the panel names its post’s board', async () => {
  const post = await createPost(strapi, board, member, { title: 'Published, then not' });
  await api().post(cm(POST, `/${post.documentId}/actions/unpublish`)).set(adminAuth(superAdmin)).send({}).expect(200);
  await api().post(cm(POST, `/${post.documentId}/actions/publish`)).set(adminAuth(superAdmin)).send({}).expect(200);
  const comment = await strapi.documents(COMMENT).create({ data: { body: 'Hide me', post: post.documentId, author: member.documentId } as any });
  await api().put(cm(COMMENT, `/${comment.documentId}`)).set(adminAuth(editor)).send({ hidden: true }).expect(200);
  await api().delete(cm(COMMENT, `/${comment.documentId}`)).set(adminAuth(superAdmin)).expect(200);

  const onPost = await latest(post.documentId);
  expect(onPost.map((e: any) => [e.action, e.before, e.after])).toEqual([
    ['post.publish', { published: false }, { published: true }],
    ['post.unpublish', { published: true }, { published: false }],
  ]);
  const onComment = await latest(comment.documentId);
  expect(onComment.map((e: any) => [e.action, e.boardDocumentId, e.before, e.after])).toEqual([
    ['comment.delete', board.documentId, { body: 'Hide me', hidden: true }, null],
    ['comment.edit', board.documentId, { hidden: false }, { hidden: true }],
  ]);
});

test('a refused edit writes no entry, and a log that cannot be written undoes the edit', async () => {
  const post = await createPost(strapi, board, member, { title: 'Kept as it was' });
  // Strapi refuses a title over the schema's maximum: nothing written, nothing logged.
  await api().put(cm(POST, `/${post.documentId}`)).set(adminAuth(editor)).send({ title: 'x'.repeat(500) }).expect(400);
  expect(await latest(post.documentId)).toEqual([]);

  const original = strapi.db.query.bind(strapi.db);
  // Fault injection: the log's insert fails after the edit's writes ran in the same transaction.
  (strapi.db as any).query = (uid: string) => {
    const repository = original(uid as any);
    if (uid !== 'plugin::hive-smt.moderation-entry') return repository;
    return { ...repository, create: async () => Promise.reject(new Error('disk full')) };
  };
  try {
    await api().put(cm(POST, `/${post.documentId}`)).set(adminAuth(editor)).send({ title: 'Never saved' }).expect(500);
  } finally {
    (strapi.db as any).query = original;
  }
  const rows = await strapi.db.query(POST).findMany({ where: { documentId: post.documentId }, select: ['title'] });
  expect(rows.map((r: any) => r.title)).toEqual(expect.arrayContaining(['Kept as it was']));
  expect(rows.some((r: any) => r.title === 'Never saved')).toBe(false);
});

test('REST, the Hive pages and code are not logged as Content Manager edits', async () => {
  const post = await createPost(strapi, board, member, { title: 'Curated elsewhere' });
  const restEditor = await createMember(strapi, { role: 'editor' });
  await api().put(`/api/posts/${post.documentId}`).set(bearer(restEditor)).send({ data: { featured: true, featuredRank: 2 } }).expect(200);
  await api().delete(`/hive-smt/curation/featured/${post.documentId}`).set(adminAuth(editor)).expect(200);
  await strapi.documents(POST).update({ documentId: post.documentId, data: { title: 'Changed by code' } as any });
  const actions = (await latest(post.documentId)).map((e: any) => e.action);
  expect(actions).toEqual(['post.unfeature', 'post.curate']);
});
