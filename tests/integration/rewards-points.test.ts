import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createPost } from '../helpers/fixtures';
import { bearer } from '../helpers/members';
import { allocationsOf, payoutsOf, rewards, settled, sumByMember } from '../helpers/rewards';
import { paymentWorld } from '../helpers/payment-scenario';

/**
 * Points mode (a board's economics.presentation "points"): the token is shown
 * as points nobody transfers — members' rewards stay on their balance (no
 * payout to their linked Hive accounts, however often the rewards pass runs),
 * /me/rewards shows no symbol-trading facts (presentation, no on-chain
 * balance, no transaction links) and a member with a linked account pays a
 * merchant from the balance, never with a transfer of their own. The same
 * board switched back to "token" pays out: the points were held, not lost.
 */
let strapi: Core.Strapi;
const world = paymentWorld(() => strapi);
const api = () => world.api();

beforeAll(async () => {
  strapi = await startStrapi({ REWARDS_CASHOUT_SECONDS: '60', REWARDS_TICK_MS: '300' });
  await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve()));
}, 120000);
afterAll(stopStrapi);

test('rewards on a points board stay on the balance, are shown as points and pay merchants from it; switched to token they are paid out', async () => {
  const board = await world.board({ presentation: 'points' });
  const [author, liker, cashier] = await world.members(3);
  await Promise.all([world.linkDirectly(author, 'points-author'), world.linkDirectly(liker, 'points-liker')]);
  const post = await createPost(strapi, board, author);
  await api().post(`/api/posts/${post.documentId}/like`).set(bearer(liker)).expect(200);
  expect((await api().get(`/api/posts/${post.documentId}/rewards`).expect(200)).body.data.presentation).toBe('points');
  await settled(strapi, board.documentId);
  const sums = sumByMember(await allocationsOf(strapi, { boardDocumentId: board.documentId }));
  expect(sums.get(author.id)! > 0n && sums.get(liker.id)! > 0n).toBe(true);

  // Passes run (the worker's every 300 ms, and these): nothing is scheduled for linked members.
  for (let i = 0; i < 3; i++) await rewards(strapi).tick();
  expect(await payoutsOf(strapi, { boardDocumentId: board.documentId })).toEqual([]);

  const mine = (await api().get('/api/me/rewards').set(bearer(author)).expect(200)).body.data;
  const [balance] = mine.balances;
  expect(balance).toMatchObject({ presentation: 'points', onChain: null, onChainStake: null, paid: '0.000', scheduled: '0.000' });
  expect(BigInt(balance.pending.replace('.', ''))).toBe(sums.get(author.id));
  expect(mine.history.every((line: any) => line.presentation === 'points' && line.state === 'pending')).toBe(true);

  // A linked member pays a merchant from the balance: no Keychain transfer is offered.
  const merchant = await world.merchant(board, [cashier]);
  const { code } = (await world.request(merchant, cashier, '0.001').expect(200)).body.data;
  const paid = (await world.pay(author, code).expect(200)).body.data;
  expect(paid).toMatchObject({ method: 'custodial' });
  expect(paid.signWith).toBeUndefined();
  // On a token board the same member signs the transfer with Keychain.
  const tokenBoard = await world.board();
  const tokenShop = await world.merchant(tokenBoard, [cashier]);
  const other = (await world.request(tokenShop, cashier, '0.001').expect(200)).body.data;
  const keychain = (await world.pay(author, other.code).expect(200)).body.data;
  expect(keychain).toMatchObject({ method: 'keychain', signWith: expect.any(Object) });

  // Switched to token: the held rewards are paid out to the linked accounts (less what was spent).
  const stored: any = await strapi.documents('api::board.board').findOne({ documentId: board.documentId, populate: ['economics'] as any });
  const { id: _componentId, ...economics } = stored.economics;
  await strapi.documents('api::board.board').update({ documentId: board.documentId, data: { economics: { ...economics, presentation: 'token' } } as any });
  await rewards(strapi).tick();
  const lines = (await payoutsOf(strapi, { boardDocumentId: board.documentId })).filter((l) => !l.reference);
  expect(new Map(lines.map((l) => [l.memberId, l.account]))).toEqual(
    new Map([
      [author.id, 'points-author'],
      [liker.id, 'points-liker'],
    ]),
  );
  expect(BigInt(lines.find((l) => l.memberId === liker.id)!.amount)).toBe(sums.get(liker.id));
}, 90000);
