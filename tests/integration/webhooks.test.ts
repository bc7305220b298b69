import http from 'http';
import type { AddressInfo } from 'net';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { paymentWorld } from '../helpers/payment-scenario';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createBoard, createPost } from '../helpers/fixtures';
import { bearer, createMember, type TestMember } from '../helpers/members';
import { adminAuth, createAdmin, type TestAdmin } from '../helpers/admins';
import { waitFor } from '../helpers/chain';
import { createRewardBoard, createToken, linkAccount, payoutsOf, settled } from '../helpers/rewards';

/**
 * hive-smt's events as Strapi webhooks: an admin subscribes a webhook to them
 * through Strapi's own admin API (which refuses events it does not know), and
 * a local HTTP server receives what Strapi's webhook runner posts when a post
 * is mirrored, fails, is removed, a payout is sent, a report is filed and a
 * member is muted.
 */
let strapi: Core.Strapi;
let admin: TestAdmin;
let member: TestMember;
let receiver: http.Server;
let hookUrl: string;
const received: Array<{ event: string; header: string | undefined; body: any }> = [];
const api = () => request(strapi.server.httpServer);

const HIVE_EVENTS = [
  'hive-smt.post.mirrored',
  'hive-smt.post.failed',
  'hive-smt.post.removed',
  'hive-smt.payout.sent',
  'hive-smt.payout.failed',
  'hive-smt.report.created',
  'hive-smt.member.muted',
  'hive-smt.payment.created',
  'hive-smt.payment.refunded',
  'hive-smt.redemption.returned',
  'hive-smt.redemption.settled',
];

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      const body = JSON.parse(text);
      received.push({ event: body.event, header: req.headers['x-strapi-event'] as string | undefined, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
  strapi = await startStrapi({ REWARDS_CASHOUT_SECONDS: '60', REWARDS_TICK_MS: '300' });
  admin = await createAdmin(strapi);
  member = await createMember(strapi);
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  const created = await api().post('/admin/webhooks').set(adminAuth(admin)).send({ name: 'Hive events', url: hookUrl, headers: {}, events: HIVE_EVENTS });
  if (created.status !== 201) throw new Error(`creating the webhook: ${created.status} ${JSON.stringify(created.body)}`);
}, 120000);

afterAll(async () => {
  await stopStrapi();
  await new Promise((resolve) => receiver.close(resolve));
});

const eventFor = (event: string, match: (body: any) => boolean) =>
  waitFor(async () => received.find((r) => r.event === event && match(r.body)) ?? null, `the ${event} webhook`, 45000, 100);

test("Strapi's webhook store knows the plugin's events, and refuses a webhook naming one it does not", async () => {
  const store = strapi.get('webhookStore') as { allowedEvents: Map<string, string> };
  expect([...store.allowedEvents.values()]).toEqual(expect.arrayContaining(HIVE_EVENTS));
  const refused = await api()
    .post('/admin/webhooks')
    .set(adminAuth(admin))
    .send({ name: 'Typo', url: hookUrl, headers: {}, events: ['hive-smt.post.mirorred'] })
    .expect(400);
  expect(refused.body.error.message).toMatch(/not supported/);
});

test('a post mirrored, then removed: one event each, with where it is on Hive', async () => {
  const board = await createBoard(strapi, { hiveAccount: 'maple-school' });
  const post = await createPost(strapi, board, member, { title: 'Announced to the outside' });
  const mirrored = await eventFor('hive-smt.post.mirrored', (b) => b.post.documentId === post.documentId);
  expect(mirrored.header).toBe('hive-smt.post.mirrored');
  expect(mirrored.body).toMatchObject({
    event: 'hive-smt.post.mirrored',
    createdAt: expect.any(String),
    post: { documentId: post.documentId, boardDocumentId: board.documentId, state: 'confirmed', author: 'maple-school', permlink: expect.any(String), txId: expect.any(String) },
  });
  expect(mirrored.body.post.url).toMatch(new RegExp(`/@maple-school/${mirrored.body.post.permlink}$`));

  await strapi.documents('api::post.post').unpublish({ documentId: post.documentId });
  const removed = await eventFor('hive-smt.post.removed', (b) => b.post.documentId === post.documentId);
  expect(removed.body.post).toMatchObject({ state: 'removed', url: null });
  // The confirmation is announced once, not on every later look at the chain.
  expect(received.filter((r) => r.event === 'hive-smt.post.mirrored' && r.body.post.documentId === post.documentId)).toHaveLength(1);
}, 60000);

test('a post that cannot be mirrored: the failure and its reason', async () => {
  const board = await createBoard(strapi, { hiveAccount: 'lonely-board', name: 'Lonely' });
  const post = await createPost(strapi, board, member, { title: 'Nobody may post' });
  const failed = await eventFor('hive-smt.post.failed', (b) => b.post.documentId === post.documentId);
  expect(failed.body.post).toMatchObject({ state: 'failed', url: null, error: expect.stringMatching(/has not allowed @quanzi to post/) });
}, 60000);

test('a report filed and a member muted', async () => {
  const board = await createBoard(strapi);
  const post = await createPost(strapi, board, member, { title: 'Reported' });
  const reporter = await createMember(strapi);
  await api().post('/api/reports').set(bearer(reporter)).send({ data: { post: post.documentId, reason: 'spam' } }).expect(200);
  const report = await eventFor('hive-smt.report.created', (b) => b.report.target.documentId === post.documentId);
  expect(report.body.report).toMatchObject({ reason: 'spam', target: { type: 'post', documentId: post.documentId }, reporterId: reporter.id });

  const muted = await createMember(strapi);
  await api().post(`/hive-smt/curation/members/${muted.id}/mute`).set(adminAuth(admin)).send({ reason: 'Flooding the board' }).expect(200);
  const event = await eventFor('hive-smt.member.muted', (b) => b.member.id === muted.id);
  expect(event.body.mute).toMatchObject({ userId: muted.id, reason: 'Flooding the board', until: null });
}, 60000);

test('a payout sent: the members paid, with the amounts and the transaction', async () => {
  await createToken(strapi, 'maple-tokens', 'HOOK', 3, '1000000.000');
  const [author, liker] = [await createMember(strapi), await createMember(strapi)];
  expect((await linkAccount(strapi, author, 'alice')).status).toBe(200);
  const board = await createRewardBoard(strapi, { symbol: 'HOOK' });
  const post = await createPost(strapi, board, author);
  await api().post(`/api/posts/${post.documentId}/like`).set(bearer(liker)).expect(200);
  await settled(strapi, board.documentId);
  const paid = await waitFor(async () => {
    const lines = await payoutsOf(strapi, { boardDocumentId: board.documentId, memberId: author.id });
    return lines.length && lines.every((l: any) => l.state === 'paid') ? lines : null;
  }, "the author's payout");
  const sent = await eventFor('hive-smt.payout.sent', (b) => b.payouts.some((p: any) => p.id === paid[0].id));
  const line = sent.body.payouts.find((p: any) => p.id === paid[0].id);
  expect(line).toMatchObject({ boardDocumentId: board.documentId, memberId: author.id, account: 'alice', symbol: 'HOOK', txId: paid[0].txId, error: null });
  expect(line.quantity).toMatch(/^\d+\.\d{3}$/);
  expect(BigInt(line.quantity.replace('.', ''))).toBe(BigInt(paid[0].amount));
}, 90000);

test('a member pays a merchant from the custodial balance: one payment.created event', async () => {
  const world = paymentWorld(() => strapi);
  const board = await world.board();
  const [cashier, payer] = await world.members(2);
  const merchant = await world.merchant(board, [cashier]);
  await world.earn(payer, board, ['3000']);
  const { code } = (await world.request(merchant, cashier, '1.5').expect(200)).body.data;
  const paid = (await world.pay(payer, code).expect(200)).body.data;
  const created = await eventFor('hive-smt.payment.created', (b) => b.payment.documentId === paid.documentId);
  expect(created.body.payment).toEqual({
    documentId: paid.documentId,
    merchantDocumentId: merchant.documentId,
    boardDocumentId: board.documentId,
    method: 'custodial',
    payerId: payer.id,
    amount: '1.500',
    symbol: 'MAPLE',
    txId: null,
  });
  expect(received.filter((r) => r.event === 'hive-smt.payment.created' && r.body.payment.documentId === paid.documentId)).toHaveLength(1);
});
