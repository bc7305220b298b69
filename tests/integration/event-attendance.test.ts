import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createPost } from '../helpers/fixtures';
import { bearer, createMember, TestMember } from '../helpers/members';
import { allocationsOf, createRewardBoard, settled, sumByMember } from '../helpers/rewards';

/**
 * Checking in at an event earns the board's attendance reward through the
 * plugin's rewards: an 'attendance' ledger event, exactly once per member and
 * event, settled with the event post like a full-power like (the attendee
 * curates, the organiser is rewarded for hosting).
 */
let strapi: Core.Strapi;
let organiser: TestMember;
const api = () => request(strapi.server.httpServer);
const LEDGER = 'plugin::hive-smt.ledger-event';
const attendances = (postDocumentId: string) => strapi.db.query(LEDGER as any).findMany({ where: { postDocumentId, type: 'attendance' } }) as Promise<any[]>;
const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

beforeAll(async () => {
  strapi = await startStrapi({ REWARDS_CASHOUT_SECONDS: '3600', REWARDS_TICK_MS: '300' });
  await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve()));
  organiser = await createMember(strapi);
});
afterAll(stopStrapi);

async function meetup(board: { documentId: string }) {
  const post = await createPost(strapi, board, organiser, { kind: 'event', event: { startsAt: inHours(1), endsAt: inHours(3), place: 'Library' } });
  const shown = await api().get(`/api/posts/${post.documentId}/checkin-code`).set(bearer(organiser)).expect(200);
  return { post, code: shown.body.data.code as string };
}

it('records one attendance per member, even when the same scan arrives many times at once', async () => {
  const board = await createRewardBoard(strapi);
  const { post, code } = await meetup(board);
  const [attendee] = await Promise.all([createMember(strapi)]);
  const answers = await Promise.all(Array.from({ length: 6 }, () => api().post(`/api/posts/${post.documentId}/checkin`).set(bearer(attendee)).send({ code })));
  expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
  expect(answers.filter((a) => a.body.data.first)).toHaveLength(1);
  expect(answers.filter((a) => a.body.data.rewarded)).toHaveLength(1);
  const events = await attendances(post.documentId);
  expect(events.map((e) => [e.memberId, Number(e.weight), e.note])).toEqual([[attendee.id, 10000, null]]);
});

it('pays the attendee as a curator of the event and its organiser as the host', async () => {
  const board = await createRewardBoard(strapi);
  const { post, code } = await meetup(board);
  const [a, b] = await Promise.all([createMember(strapi), createMember(strapi)]);
  for (const m of [a, b]) expect((await api().post(`/api/posts/${post.documentId}/checkin`).set(bearer(m)).send({ code }).expect(200)).body.data.rewarded).toBe(true);
  await settled(strapi, board.documentId);
  const paid = sumByMember(await allocationsOf(strapi, { postDocumentId: post.documentId }));
  expect(paid.get(organiser.id) ?? 0n).toBeGreaterThan(0n);
  expect(paid.get(a.id) ?? 0n).toBeGreaterThan(0n);
  // Like likes, the earlier curator earns the larger share of curation.
  expect(paid.get(b.id) ?? 0n).toBeGreaterThan(0n);
  expect(paid.get(a.id)! >= paid.get(b.id)!).toBe(true);
});

it('earns nothing on a board without a token, and records the check-in all the same', async () => {
  const board = await createRewardBoard(strapi, { enabled: false });
  const { post, code } = await meetup(board);
  const attendee = await createMember(strapi);
  expect((await api().post(`/api/posts/${post.documentId}/checkin`).set(bearer(attendee)).send({ code }).expect(200)).body.data).toEqual({ checkedIn: true, first: true, rewarded: false });
  expect(await attendances(post.documentId)).toEqual([]);
});
