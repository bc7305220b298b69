import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createBoard, createPost } from '../helpers/fixtures';
import { createMember, type TestMember } from '../helpers/members';
import { confirmedMirror, devnetClient, waitFor, waitForContent } from '../helpers/chain';

/**
 * An editor featuring a post in Quanzi pins it in the board's Hive community
 * (hivemind's pinPost, from the board account with the app's posting
 * authority), unfeaturing unpins it; each change is sent once, and a post
 * outside a community sends nothing.
 */
let strapi: Core.Strapi;
let member: TestMember;

beforeAll(async () => {
  strapi = await startStrapi();
  member = await createMember(strapi);
}, 120000);
afterAll(stopStrapi);

const isPinned = async (author: string, permlink: string) => {
  const discussion = await devnetClient(strapi).call('bridge', 'get_discussion', { author, permlink });
  return discussion[`${author}/${permlink}`]?.stats?.is_pinned === true;
};
const pinOps = async (account: string, permlink: string) => {
  const history: any[] = await devnetClient(strapi).call('condenser_api', 'get_account_history', [account, -1, 1000]);
  return history
    .map(([, h]) => h.op)
    .filter(([name, op]) => name === 'custom_json' && op.id === 'community')
    .map(([, op]) => JSON.parse(op.json))
    .filter(([, body]) => body.permlink === permlink)
    .map(([action]) => action);
};
const feature = (documentId: string, featured: boolean) =>
  strapi.documents('api::post.post').update({ documentId, data: { featured } as any, status: 'published' });
const pinJobs = (documentId: string) =>
  strapi.db
    .query('plugin::hive-smt.chain-job' as any)
    .findMany({ where: { kind: 'community.pin', subject: `community-pin:${documentId}` }, orderBy: { id: 'asc' } }) as Promise<any[]>;
const settledJobs = (documentId: string, n: number) =>
  waitFor(
    async () => {
      const jobs = await pinJobs(documentId);
      return jobs.length >= n && jobs.every((j) => j.state === 'done') ? jobs : null;
    },
    `${n} pin jobs finished`,
    45000,
  );

test('featuring pins the post in the community on Hive and unfeaturing unpins it, once each', async () => {
  const board = await createBoard(strapi, { hiveAccount: 'maple-school', hiveCommunity: 'hive-155234' });
  const post = await createPost(strapi, board, member, { title: 'Sports day moved to Friday' });
  const mirror = await confirmedMirror(strapi, post.documentId);
  await waitForContent(strapi, mirror.author, mirror.permlink);
  expect(await isPinned(mirror.author, mirror.permlink)).toBe(false);

  await feature(post.documentId, true);
  await waitFor(async () => (await isPinned(mirror.author, mirror.permlink)) || null, 'the post pinned on Hive', 45000);
  await settledJobs(post.documentId, 1);
  expect(await pinOps('maple-school', mirror.permlink)).toEqual(['pinPost']);

  await feature(post.documentId, false);
  await waitFor(async () => !(await isPinned(mirror.author, mirror.permlink)) || null, 'the post unpinned on Hive', 45000);
  const jobs = await settledJobs(post.documentId, 2);
  // Both sent a transaction (a skipped job is done with a note and no transaction).
  expect(jobs.every((j) => typeof j.txId === 'string' && j.txId.length === 40)).toBe(true);
  expect(await pinOps('maple-school', mirror.permlink)).toEqual(['pinPost', 'unpinPost']);

  // Saving the post again without changing the flag queues nothing.
  await strapi
    .documents('api::post.post')
    .update({ documentId: post.documentId, data: { featured: false, title: 'Sports day: Friday' } as any, status: 'published' });
  expect(await pinJobs(post.documentId)).toHaveLength(2);
}, 120000);

test('a post outside a community is featured in Quanzi only: the job notes why and sends nothing', async () => {
  const board = await createBoard(strapi, { hiveAccount: 'maple-school' });
  const post = await createPost(strapi, board, member, { title: 'Bake sale' });
  const mirror = await confirmedMirror(strapi, post.documentId);
  await feature(post.documentId, true);
  const [job] = await settledJobs(post.documentId, 1);
  expect(job.txId).toBeNull();
  expect(job.lastError).toMatch(/outside a Hive community/);
  expect(await pinOps('maple-school', mirror.permlink)).toEqual([]);
}, 90000);
