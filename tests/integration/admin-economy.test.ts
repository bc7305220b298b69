import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { adminAuth, createAdmin, type TestAdmin } from '../helpers/admins';
import { bearer, type TestMember } from '../helpers/members';
import { paymentWorld } from '../helpers/payment-scenario';

/**
 * The Hive section's Merchants, Payments and Redemptions pages read the app's
 * local economy through /hive-smt/economy/*: each behind its own permission
 * (a Super Admin has them; the Editor role does not), filtered by merchant,
 * member and status, bad filters refused with the field named.
 */
let strapi: Core.Strapi;
const world = paymentWorld(() => strapi);
const api = () => world.api();
let superAdmin: TestAdmin;
let editor: TestAdmin;
let board: any;
let shop: any;
let other: any;
let cashier: TestMember;
let payer: TestMember;
let second: TestMember;

beforeAll(async () => {
  strapi = await startStrapi({ HIVE_WORKER_ENABLED: 'false' });
  superAdmin = await createAdmin(strapi, 'strapi-super-admin');
  editor = await createAdmin(strapi, 'strapi-editor');
  board = await world.board();
  [cashier, payer, second] = await world.members(3);
  shop = await world.merchant(board, [cashier], { name: 'Corner shop', hiveAccount: 'dave', tokenDiscountPercent: 5 });
  other = await world.merchant(board, [cashier], { name: 'Tea house', hiveAccount: 'carol' });
  await world.earn(payer, board, ['9000']);
  await world.earn(second, board, ['9000']);
  const paid = async (merchant: any, member: TestMember, amount: string) => {
    const { code } = (await world.request(merchant, cashier, amount).expect(200)).body.data;
    return (await world.pay(member, code).expect(200)).body.data.documentId as string;
  };
  await paid(shop, payer, '1.5');
  await paid(shop, second, '2');
  await paid(other, payer, '0.25');
  await world.request(shop, cashier, '3').expect(200);
  // The tea house stops taking payments: it is still listed, marked so.
  await strapi.documents('api::merchant.merchant').update({ documentId: other.documentId, data: { active: false } as any });
}, 120000);
afterAll(stopStrapi);

const get = (path: string, who: TestAdmin = superAdmin) => api().get(`/hive-smt/economy/${path}`).set(adminAuth(who));

test('merchants: each with its board, account, discount, staff and what it was paid', async () => {
  const rows = (await get('merchants').expect(200)).body.data;
  const byName = new Map(rows.map((m: any) => [m.name, m]));
  expect(byName.get('Corner shop')).toMatchObject({
    documentId: shop.documentId,
    board: { documentId: board.documentId },
    hiveAccount: 'dave',
    discountPercent: 5,
    active: true,
    staff: 1,
    // Paid from the balance: "sending" until the treasury's transfer lands, so nothing counts as paid yet.
    paidCount: 0,
  });
  expect(byName.get('Tea house')).toMatchObject({ active: false, hiveAccount: 'carol' });
});

test('payments: newest first, per merchant, per member, per status, with who paid how', async () => {
  const all = (await get('payments').expect(200)).body.data;
  expect(all.map((p: any) => [p.merchant.name, p.amount, p.status])).toEqual([
    ['Corner shop', '3.000', 'requested'],
    ['Tea house', '0.250', 'sending'],
    ['Corner shop', '2.000', 'sending'],
    ['Corner shop', '1.500', 'sending'],
  ]);
  expect(all[1]).toMatchObject({ method: 'custodial', payer: { id: payer.id }, symbol: 'MAPLE' });
  const atShop = (await get(`payments?merchant=${shop.documentId}`).expect(200)).body.data;
  expect(atShop.map((p: any) => p.amount)).toEqual(['3.000', '2.000', '1.500']);
  const byPayer = (await get(`payments?member=${payer.id}`).expect(200)).body.data;
  expect(byPayer.map((p: any) => p.amount)).toEqual(['0.250', '1.500']);
  const waiting = (await get('payments?status=requested').expect(200)).body.data;
  expect(waiting.map((p: any) => p.amount)).toEqual(['3.000']);
  expect((await get('payments?status=lost').expect(400)).body.error.details.errors[0].path).toEqual(['status']);
  expect((await get('payments?member=abc').expect(400)).body.error.details.errors[0].path).toEqual(['member']);
});

test('redemptions: listed with their cash, filtered by state', async () => {
  await strapi.documents('api::board.board').update({ documentId: board.documentId, data: { redemptionRate: '0.1', redemptionCurrency: 'CNY' } as any });
  await api().post(`/api/merchants/${shop.documentId}/redemptions`).set(bearer(cashier)).send({ amount: '12.5' }).expect(200);
  const rows = (await get('redemptions').expect(200)).body.data;
  expect(rows).toEqual([expect.objectContaining({ merchant: { documentId: shop.documentId, name: 'Corner shop' }, state: 'requested', quantity: '12.500', cash: '1.25', currency: 'CNY' })]);
  expect((await get('redemptions?state=settled').expect(200)).body.data).toEqual([]);
  await get('redemptions?state=unknown').expect(400);
});

test('each page needs its own permission: the Editor role has none of them, a guest is refused', async () => {
  for (const path of ['merchants', 'payments', 'redemptions']) {
    await get(path, editor).expect(403);
    await api().get(`/hive-smt/economy/${path}`).expect(401);
  }
});
