import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createPost } from '../helpers/fixtures';
import { bearer, createMember, TestMember } from '../helpers/members';
import { allocationsOf, createRewardBoard, rewards, settled, sumByMember } from '../helpers/rewards';

/**
 * Public reward reads cost what the board is now, not what it has been: the
 * leaderboard reads totals kept at each settlement, a post's estimate reads
 * each member's one like state. Measured as the rows the database returns to
 * the app (knex's query-response), before and after history grows.
 */
let strapi: Core.Strapi;
const api = () => request(strapi.server.httpServer);
const like = (member: TestMember, documentId: string) => api().post(`/api/posts/${documentId}/like`).set(bearer(member));
const unlike = (member: TestMember, documentId: string) => api().delete(`/api/posts/${documentId}/like`).set(bearer(member));

/** Rows the database returned while `work` ran. */
async function rowsRead<T>(work: () => Promise<T>): Promise<{ rows: number; result: T }> {
  let rows = 0;
  const count = (response: unknown) => {
    rows += Array.isArray(response) ? response.length : 0;
  };
  const knex: any = strapi.db.connection;
  knex.on('query-response', count);
  try {
    const result = await work();
    return { rows, result };
  } finally {
    knex.removeListener('query-response', count);
  }
}

beforeAll(async () => {
  strapi = await startStrapi({ REWARDS_CASHOUT_SECONDS: '600', REWARDS_TICK_MS: '300', RATE_LIMIT_LIKES_PER_MEMBER: '1000', HIVE_WORKER_ENABLED: 'false' });
  await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve()));
});
afterAll(stopStrapi);

it("reads the same rows for a board's leaderboard after ten more settled periods, and sums them right", async () => {
  const board = await createRewardBoard(strapi);
  const [author, a, b] = [await createMember(strapi), await createMember(strapi), await createMember(strapi)];
  const round = async () => {
    const post = await createPost(strapi, board, author);
    await like(a, post.documentId).expect(200);
    await like(b, post.documentId).expect(200);
    await settled(strapi, board.documentId);
  };
  const board10 = () => api().get(`/api/boards/${board.slug}/leaderboard?limit=10`).expect(200);
  await round();
  const first = await rowsRead(board10);
  for (let i = 0; i < 10; i += 1) await round();
  const later = await rowsRead(board10);
  expect(later.rows).toBe(first.rows);

  const sums = sumByMember(await allocationsOf(strapi, { boardDocumentId: board.documentId }));
  expect(later.result.body.data.map((e: any) => [e.member.id, e.baseUnits])).toEqual(
    [...sums.entries()].sort((x, y) => (y[1] > x[1] ? 1 : y[1] < x[1] ? -1 : x[0] - y[0])).map(([id, units]) => [id, units.toString()]),
  );
  // The last days count only what was earned in them: all of it here, since it was all today.
  const recent = await api().get(`/api/boards/${board.slug}/leaderboard?days=1`).expect(200);
  expect(recent.body.data).toEqual(later.result.body.data);
}, 120000);

it("reads the same rows for a post's estimate after like/unlike loops, with the same estimate", async () => {
  const board = await createRewardBoard(strapi);
  const [author, fan, looper] = [await createMember(strapi), await createMember(strapi), await createMember(strapi)];
  const post = await createPost(strapi, board, author);
  await like(fan, post.documentId).expect(200);
  await like(looper, post.documentId).expect(200);
  await rewards(strapi).tick();
  const estimate = async () => {
    rewards(strapi).forgetEstimates();
    return api().get(`/api/posts/${post.documentId}/rewards`).expect(200);
  };
  const first = await rowsRead(estimate);
  for (let i = 0; i < 20; i += 1) {
    await unlike(looper, post.documentId).expect(200);
    await like(looper, post.documentId).expect(200);
  }
  const later = await rowsRead(estimate);
  expect(later.rows).toBe(first.rows);
  expect(later.result.body.data.status).toBe('pending');
  expect(BigInt(later.result.body.data.estimate.baseUnits)).toBeGreaterThan(0n);
});

it('builds the leaderboard totals from earlier rewards once, for a database that had them before', async () => {
  const board = await createRewardBoard(strapi);
  const [author, fan] = [await createMember(strapi), await createMember(strapi)];
  const post = await createPost(strapi, board, author);
  await like(fan, post.documentId).expect(200);
  await settled(strapi, board.documentId);
  const before = (await api().get(`/api/boards/${board.slug}/leaderboard`).expect(200)).body.data;
  await strapi.db.query('plugin::hive-smt.member-earning' as any).deleteMany({});
  expect((await api().get(`/api/boards/${board.slug}/leaderboard`).expect(200)).body.data).toEqual([]);
  expect(await rewards(strapi).backfillEarnings()).toBeGreaterThan(0);
  expect(await rewards(strapi).backfillEarnings()).toBe(0);
  expect((await api().get(`/api/boards/${board.slug}/leaderboard`).expect(200)).body.data).toEqual(before);
});
