import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createBoard, createPost } from '../helpers/fixtures';
import { bearer, createMember, type TestMember } from '../helpers/members';
import { confirmedMirror, devnetClient, mirrorOf, waitFor } from '../helpers/chain';

/**
 * A post marked "don't put on Hive" stays in Quanzi only: nothing is sent for
 * it, and a post already on Hive is removed there when it is marked.
 */
let strapi: Core.Strapi;
let member: TestMember;
let board: any;
const api = () => request(strapi.server.httpServer);

beforeAll(async () => {
  strapi = await startStrapi();
  member = await createMember(strapi);
  board = await createBoard(strapi, { hiveAccount: 'maple-school' });
}, 120000);
afterAll(stopStrapi);

test('a post kept off Hive is published in Quanzi and nothing is sent for it', async () => {
  const kept = await createPost(strapi, board, member, { title: 'Only for the neighbours', keepOffHive: true });
  // A post published after it, on the same account, reaches Hive: the worker has been through the queue.
  const after = await createPost(strapi, board, member, { title: 'For everyone' });
  await confirmedMirror(strapi, after.documentId);
  expect(await mirrorOf(strapi, kept.documentId)).toBeNull();
  // The safety net that finds published posts without a copy on Hive leaves it alone too.
  await (strapi.plugin('hive-smt').service('mirror') as any).reconcile();
  const jobs = await strapi.db.query('plugin::hive-smt.chain-job' as any).findMany({ where: { subject: { $contains: kept.documentId } } });
  expect(jobs.map((j: any) => [j.kind, j.state])).toEqual([]);
  const history = await devnetClient(strapi).call('condenser_api', 'get_account_history', ['maple-school', -1, 1000]);
  expect(history.filter(([, h]: any) => h.op[0] === 'comment' && h.op[1].title === 'Only for the neighbours')).toHaveLength(0);
  const read = await api().get(`/api/posts/${kept.documentId}`).expect(200);
  expect(read.body.data).toMatchObject({ title: 'Only for the neighbours', keepOffHive: true, chain: { status: 'not-mirrored', url: null } });
}, 60000);

test('marking a post that is on Hive removes it there', async () => {
  const post = await createPost(strapi, board, member, { title: 'Second thoughts' });
  const mirror = await confirmedMirror(strapi, post.documentId);
  await api().put(`/api/posts/${post.documentId}`).set(bearer(member)).send({ data: { keepOffHive: true } }).expect(200);
  const removed = await waitFor(async () => {
    const record = await mirrorOf(strapi, post.documentId);
    return record?.state === 'removed' ? record : null;
  }, 'the removal on Hive');
  expect(removed.permlink).toBe(mirror.permlink);
  // Still published in Quanzi.
  const read = await api().get(`/api/posts/${post.documentId}`).expect(200);
  expect(read.body.data.title).toBe('Second thoughts');
}, 60000);

test('members set it when writing; anything but true or false is refused, with nothing written', async () => {
  const created = await api()
    .post('/api/posts')
    .set(bearer(member))
    .send({ data: { title: 'Private notice', body: 'Not for Hive.', board: board.slug, keepOffHive: true } })
    .expect(200);
  expect(created.body.data.keepOffHive).toBe(true);
  const refused = await api()
    .post('/api/posts')
    .set(bearer(member))
    .send({ data: { title: 'Typo', body: 'Oops.', board: board.slug, keepOffHive: 'yes' } })
    .expect(400);
  expect(refused.body.error.message).toMatch(/keepOffHive/);
  expect(await strapi.documents('api::post.post').count({ filters: { title: 'Typo' } as any })).toBe(0);
});
