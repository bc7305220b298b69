import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createBoard, createPost } from '../helpers/fixtures';
import { bearer, createMember, type TestMember } from '../helpers/members';
import { adminAuth, createAdmin, type TestAdmin } from '../helpers/admins';
import { waitFor } from '../helpers/chain';

/**
 * The moderation log: what editors and admins do to content, members, chain
 * jobs and payouts is recorded — who, what, when, before → after, why — in
 * the same transaction as the action, and listed with filters.
 */
let strapi: Core.Strapi;
let superAdmin: TestAdmin;
let editor: TestAdmin;
let member: TestMember;
let board: any;
let otherBoard: any;
let post: any;
const api = () => request(strapi.server.httpServer);
const as = (who: TestAdmin) => adminAuth(who);
const entries = async (query = '') => (await api().get(`/hive-smt/moderation-log${query}`).set(as(superAdmin)).expect(200)).body.data;

beforeAll(async () => {
  strapi = await startStrapi();
  superAdmin = await createAdmin(strapi, 'strapi-super-admin');
  editor = await createAdmin(strapi, 'strapi-editor');
  member = await createMember(strapi);
  board = await createBoard(strapi, { name: 'Logged board' });
  otherBoard = await createBoard(strapi, { name: 'Other board' });
  post = await createPost(strapi, board, member, { title: 'Featured and logged' });
}, 120000);
afterAll(stopStrapi);

test('featuring a post: who, what, the board, and the post before and after', async () => {
  await api().post('/hive-smt/curation/featured').set(as(editor)).send({ documentId: post.documentId }).expect(200);
  const [entry] = (await entries()).entries;
  expect(entry).toMatchObject({
    kind: 'content',
    action: 'post.feature',
    subjectType: 'post',
    subjectId: post.documentId,
    boardDocumentId: board.documentId,
    actor: { kind: 'admin', id: editor.id },
    before: { featured: false, featuredRank: null },
    after: { featured: true, featuredRank: 0 },
  });
  expect(entry.actor.name).toBeTruthy();
  expect(Date.parse(entry.at)).toBeGreaterThan(Date.now() - 60000);
});

test('hiding a comment and muting a member, with the reason', async () => {
  const comment = await strapi.documents('api::comment.comment').create({ data: { body: 'Rude', post: post.documentId, author: member.documentId } as any });
  await api().put(`/hive-smt/curation/comments/${comment.documentId}`).set(as(editor)).send({ hidden: true }).expect(200);
  const target = await createMember(strapi);
  await api().post(`/hive-smt/curation/members/${target.id}/mute`).set(as(editor)).send({ reason: 'Spamming the board' }).expect(200);
  const { entries: latest } = await entries();
  expect(latest[0]).toMatchObject({ kind: 'member', action: 'member.mute', subjectId: String(target.id), reason: 'Spamming the board', before: null, after: { userId: target.id, reason: 'Spamming the board' } });
  expect(latest[1]).toMatchObject({ kind: 'content', action: 'comment.hide', subjectId: comment.documentId, boardDocumentId: board.documentId, before: { hidden: false }, after: { hidden: true } });
});

test('a refused action writes no entry', async () => {
  const before = (await entries()).entries.length;
  await api().post('/hive-smt/curation/featured').set(as(editor)).send({ documentId: 'no-such-post' }).expect(404);
  await api().post('/hive-smt/curation/members/999999/mute').set(as(editor)).send({ reason: 'nobody' }).expect(404);
  expect((await entries()).entries.length).toBe(before);
});

test('the entry commits with the action, or neither: a log that cannot be written leaves the post unfeatured', async () => {
  const second = await createPost(strapi, board, member, { title: 'Not featured after all' });
  const original = strapi.db.query.bind(strapi.db);
  // Fault injection: the log's insert fails after the action's writes ran in the same transaction.
  (strapi.db as any).query = (uid: string) => {
    const repository = original(uid as any);
    if (uid !== 'plugin::hive-smt.moderation-entry') return repository;
    return { ...repository, create: async () => Promise.reject(new Error('disk full')) };
  };
  try {
    await api().post('/hive-smt/curation/featured').set(as(editor)).send({ documentId: second.documentId }).expect(500);
  } finally {
    (strapi.db as any).query = original;
  }
  const rows = await strapi.db.query('api::post.post').findMany({ where: { documentId: second.documentId }, select: ['featured'] });
  expect(rows.every((r: any) => !r.featured)).toBe(true);
});

test("a REST editor's curation is logged with the member as the actor", async () => {
  const restEditor = await createMember(strapi, { role: 'editor' });
  const other = await createPost(strapi, otherBoard, member, { title: 'Curated over REST' });
  await api().put(`/api/posts/${other.documentId}`).set(bearer(restEditor)).send({ data: { featured: true, featuredRank: 3 } }).expect(200);
  const [entry] = (await entries(`?board=${otherBoard.documentId}`)).entries;
  expect(entry).toMatchObject({
    action: 'post.curate',
    actor: { kind: 'member', id: restEditor.id, name: restEditor.username },
    before: { featured: false },
    after: { featured: true, featuredRank: 3 },
  });
});

test('cancelling a chain job and running a payout are logged', async () => {
  const ghost = await createBoard(strapi, { hiveAccount: 'ghost-board', name: 'Ghost' });
  const lost = await createPost(strapi, ghost, member, { title: 'Never mirrored' });
  const job = await waitFor(async () => {
    const { body } = await api().get('/hive-smt/jobs?filter=failed').set(as(superAdmin)).expect(200);
    return body.data.find((j: any) => j.post?.documentId === lost.documentId) ?? null;
  }, 'the dead job');
  await api().post(`/hive-smt/jobs/${job.documentId}/cancel`).set(as(superAdmin)).expect(200);
  await api().post('/hive-smt/rewards/payout').set(as(superAdmin)).send({}).expect(200);
  const jobs = (await entries('?kind=job')).entries;
  expect(jobs[0]).toMatchObject({ action: 'job.cancel', subjectId: job.documentId, boardDocumentId: ghost.documentId, before: { state: 'dead' }, after: { state: 'cancelled' } });
  const payouts = (await entries('?kind=payout')).entries;
  expect(payouts[0]).toMatchObject({ action: 'payout.run', actor: { id: superAdmin.id }, after: { batches: expect.any(Number), payouts: expect.any(Number) } });
}, 60000);

test('filters by board, actor and kind, a page at a time, and lists who acted', async () => {
  const byBoard = (await entries(`?board=${board.documentId}`)).entries;
  expect(byBoard.length).toBeGreaterThanOrEqual(2);
  expect(byBoard.every((e: any) => e.boardDocumentId === board.documentId)).toBe(true);
  const byEditor = await entries(`?actor=${editor.id}`);
  expect(byEditor.entries.every((e: any) => e.actor.id === editor.id)).toBe(true);
  expect(byEditor.actors.map((a: any) => a.id)).toEqual(expect.arrayContaining([editor.id, superAdmin.id]));
  const members = (await entries('?kind=member')).entries;
  expect(members.length).toBeGreaterThan(0);
  expect(members.every((e: any) => e.kind === 'member')).toBe(true);

  const first = await entries('?limit=2');
  expect(first.entries).toHaveLength(2);
  const second = await entries(`?limit=2&before=${first.nextCursor}`);
  expect(second.entries[0].id).toBeLessThan(first.entries[1].id);
  await api().get('/hive-smt/moderation-log?kind=everything').set(as(superAdmin)).expect(400);
});
