import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { bearer } from '../helpers/members';
import { adminAuth, cm, createAdmin, type TestAdmin } from '../helpers/admins';
import { balanceUnits, engineActions } from '../helpers/rewards';
import { paymentWorld, signLikeKeychain } from '../helpers/payment-scenario';

/**
 * Merchants exchange tokens for cash: the staff ask the board's treasury to buy an amount back at the
 * board's rate, sign the transfer back to the treasury, and the server checks it on the devnet's
 * sidechain before the cash is owed; a board admin pays it off chain and settles it in the Content
 * Manager with a note. Bad input and out-of-order changes are refused with nothing written.
 */
let strapi: Core.Strapi;
let admin: TestAdmin;
const world = paymentWorld(() => strapi);
const api = () => world.api();
const REDEMPTION = 'api::redemption.redemption';

const events: Array<{ event: string; payload: any }> = [];

beforeAll(async () => {
  strapi = await startStrapi({ HIVE_WORKER_ENABLED: 'false' });
  admin = await createAdmin(strapi);
  for (const event of ['hive-smt.redemption.returned', 'hive-smt.redemption.settled']) strapi.eventHub.on(event, (payload: any) => void events.push({ event, payload }));
}, 120000);
afterAll(stopStrapi);

const redeem = (merchant: { documentId: string }, who: any, body: unknown) => api().post(`/api/merchants/${merchant.documentId}/redemptions`).set(bearer(who)).send(body as object);
const confirm = (documentId: string, who: any, txId: unknown) => api().post(`/api/redemptions/${documentId}/confirm`).set(bearer(who)).send({ txId });
const settle = (documentId: string, data: Record<string, unknown>) => api().put(cm(REDEMPTION, `/${documentId}`)).set(adminAuth(admin)).send(data);
const stored = (documentId: string) => strapi.db.query(REDEMPTION as any).findOne({ where: { documentId } });

async function shop() {
  const board = await world.board({ precision: 3 });
  const [cashier, stranger] = await world.members(2);
  // carol is the merchant: a devnet account whose keys the test holds, with MAPLE to give back.
  const merchant = await world.merchant(board, [cashier], { hiveAccount: 'carol', name: 'Carol’s café' });
  return { board, cashier, stranger, merchant };
}

describe('asking for a redemption', () => {
  it('is refused while the board sets no rate, for anyone but the staff, and for bad amounts; nothing is written', async () => {
    const { board, cashier, stranger, merchant } = await shop();
    expect((await redeem(merchant, cashier, { amount: '5' }).expect(409)).body.error.message).toMatch(/does not buy tokens back: a board admin sets its redemption rate/);
    // A rate that is not a price is refused on the board, naming the field.
    const bad = await api().put(cm('api::board.board', `/${board.documentId}`)).set(adminAuth(admin)).send({ redemptionRate: '0,10' }).expect(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['redemptionRate']);
    await strapi.documents('api::board.board').update({ documentId: board.documentId, data: { redemptionRate: '0.1', redemptionCurrency: 'CNY' } as any });
    await redeem(merchant, stranger, { amount: '5' }).expect(403);
    for (const amount of ['0', '-1', '1.2345', 'ten', 5]) {
      const res = await redeem(merchant, cashier, { amount }).expect(400);
      expect(res.body).toMatchObject({ data: null, error: { status: 400, name: 'ValidationError' } });
    }
    await api().post('/api/merchants/no-such-merchant/redemptions').set(bearer(cashier)).send({ amount: '5' }).expect(404);
    await api().post(`/api/merchants/${merchant.documentId}/redemptions`).send({ amount: '5' }).expect(403);
    expect(await strapi.db.query(REDEMPTION as any).count({ where: { merchant: { documentId: merchant.documentId } } })).toBe(0);
    // Nor can an admin make one up in the Content Manager.
    await api().post(cm(REDEMPTION)).set(adminAuth(admin)).send({ quantity: '1.000', symbol: 'MAPLE', cash: '0.10', rate: '0.1', treasury: 'maple-tokens', amount: '1000', precision: 3, requestedBy: 1 }).expect(400);
  });
});

describe('a redemption from request to settlement', () => {
  it('owes the cash only once the return is on Hive-Engine, and is settled by an admin with a note', async () => {
    const { board, cashier, stranger, merchant } = await shop();
    await strapi.documents('api::board.board').update({ documentId: board.documentId, data: { redemptionRate: '0.1', redemptionCurrency: 'CNY' } as any });
    const issued = await engineActions(strapi, 'maple-tokens', [{ contractAction: 'issue', contractPayload: { symbol: 'MAPLE', to: 'carol', quantity: '20.000' } }]);
    expect(issued!.errors).toEqual([]);
    const [carolBefore, treasuryBefore] = [await balanceUnits(strapi, 'carol', 'MAPLE', 3), await balanceUnits(strapi, 'maple-tokens', 'MAPLE', 3)];

    const asked = (await redeem(merchant, cashier, { amount: '12.5' }).expect(200)).body.data;
    expect(asked).toMatchObject({ status: 'requested', quantity: '12.500', symbol: 'MAPLE', cash: '1.25', currency: 'CNY', rate: '0.1', treasury: 'maple-tokens', signWith: { account: 'carol', keyType: 'Active' } });
    expect(JSON.parse(asked.signWith.json)).toEqual({
      contractName: 'tokens',
      contractAction: 'transfer',
      contractPayload: { symbol: 'MAPLE', to: 'maple-tokens', quantity: '12.500', memo: `Quanzi redemption ${asked.documentId}` },
    });

    // A real transfer that is not this one (another quantity) is refused, naming txId; so is a stranger.
    const wrong = await signLikeKeychain(strapi, { ...asked.signWith, json: asked.signWith.json.replace('12.500', '1.000') });
    const refused = await confirm(asked.documentId, cashier, wrong).expect(400);
    expect(refused.body.error.details.errors[0].path).toEqual(['txId']);
    expect(refused.body.error.message).toMatch(/of 1.000 MAPLE, not 12.500/);
    await confirm(asked.documentId, cashier, 'f'.repeat(40)).expect(404);
    const txId = await signLikeKeychain(strapi, asked.signWith);
    await confirm(asked.documentId, stranger, txId).expect(403);
    expect((await stored(asked.documentId)).state).toBe('requested');

    const returned = (await confirm(asked.documentId, cashier, txId).expect(200)).body.data;
    expect(returned).toMatchObject({ status: 'returned', returnTxId: txId, returnedAt: expect.any(String), settledAt: null });
    await confirm(asked.documentId, cashier, txId).expect(409);
    // 1.000 (the wrong one) + 12.500 went back to the treasury.
    expect(carolBefore - (await balanceUnits(strapi, 'carol', 'MAPLE', 3))).toBe(13_500n);
    expect((await balanceUnits(strapi, 'maple-tokens', 'MAPLE', 3)) - treasuryBefore).toBe(13_500n);

    // The admin: only the state and the note change, settling needs the note, and nothing goes back.
    const changed = await settle(asked.documentId, { cash: '100.00' }).expect(400);
    expect(changed.body.error.details.errors[0].path).toEqual(['cash']);
    const noNote = await settle(asked.documentId, { state: 'settled' }).expect(400);
    expect(noNote.body.error.details.errors[0].path).toEqual(['settlementNote']);
    expect((await stored(asked.documentId)).state).toBe('returned');
    await settle(asked.documentId, { state: 'settled', settlementNote: 'Cash at the school office, receipt 17' }).expect(200);
    const done = await stored(asked.documentId);
    expect(done).toMatchObject({ state: 'settled', settlementNote: 'Cash at the school office, receipt 17', cash: '1.25' });
    expect(Number(done.settledAt)).toBeGreaterThan(Date.now() - 60_000);
    await settle(asked.documentId, { state: 'returned' }).expect(400);

    expect(events.filter((e) => e.payload.redemption.documentId === asked.documentId).map((e) => [e.event, e.payload.redemption.cash, e.payload.redemption.returnTxId])).toEqual([
      ['hive-smt.redemption.returned', '1.25', txId],
      ['hive-smt.redemption.settled', '1.25', txId],
    ]);
    const list = (await api().get(`/api/merchants/${merchant.documentId}/redemptions`).set(bearer(cashier)).expect(200)).body.data;
    expect(list.map((r: any) => [r.documentId, r.status, r.settlementNote])).toEqual([[asked.documentId, 'settled', 'Cash at the school office, receipt 17']]);
    await api().get(`/api/merchants/${merchant.documentId}/redemptions`).set(bearer(stranger)).expect(403);
  }, 60000);

  it('lets an admin reject a request whose tokens never came back, and not one whose tokens did', async () => {
    const { board, cashier, merchant } = await shop();
    await strapi.documents('api::board.board').update({ documentId: board.documentId, data: { redemptionRate: '2.5' } as any });
    const asked = (await redeem(merchant, cashier, { amount: '1' }).expect(200)).body.data;
    expect(asked).toMatchObject({ cash: '2.50', currency: null });
    await settle(asked.documentId, { state: 'rejected' }).expect(200);
    expect((await stored(asked.documentId)).state).toBe('rejected');
    // A rejected request cannot be confirmed afterwards, even with the right transfer.
    const txId = await signLikeKeychain(strapi, asked.signWith);
    expect((await confirm(asked.documentId, cashier, txId).expect(409)).body.error.message).toMatch(/rejected already/);
  }, 60000);
});
