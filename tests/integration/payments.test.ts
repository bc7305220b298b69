import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { bearer, type TestMember } from '../helpers/members';
import { waitFor } from '../helpers/chain';
import { balanceUnits, engineActions, payoutsOf } from '../helpers/rewards';
import { PAYMENT, paymentWorld, signLikeKeychain } from '../helpers/payment-scenario';

/**
 * Paying merchants against the real app and the devnet (its chain worker on):
 * bad inputs and permissions, expired and short-balance codes writing nothing,
 * the custodial path end to end (the treasury's transfer lands once, even when
 * its job runs again), refunds, the statement, receipts and webhook events.
 * Racing requests: payment-races.test.ts and payments.postgres.test.ts.
 */
let strapi: Core.Strapi;
const world = paymentWorld(() => strapi);
const api = () => world.api();
const today = () => new Date().toISOString().slice(0, 10);

const events: Array<{ event: string; payload: any }> = [];

beforeAll(async () => {
  strapi = await startStrapi({ REWARDS_TICK_MS: '300' });
  await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve()));
  for (const event of ['hive-smt.payment.created', 'hive-smt.payment.refunded']) strapi.eventHub.on(event, (payload: any) => void events.push({ event, payload }));
}, 120000);
afterAll(stopStrapi);

const paymentOf = (documentId: string, member: TestMember) => api().get(`/api/payments/${documentId}`).set(bearer(member));

describe('payment requests', () => {
  let board: any;
  let cashier: TestMember;
  let stranger: TestMember;
  let merchant: any;

  beforeAll(async () => {
    board = await world.board({ precision: 3 });
    [cashier, stranger] = await world.members(2);
    merchant = await world.merchant(board, [cashier]);
  });

  it('answers a 6-character code, its QR payload and a 10-minute expiry', async () => {
    const before = Date.now();
    const res = await world.request(merchant, cashier, '12.5').expect(200);
    expect(res.body.data).toEqual({ documentId: expect.any(String), code: expect.stringMatching(/^[ACDEFGHJKMNPQRTUVWXY34679]{6}$/), qr: `quanzi:pay?code=${res.body.data.code}`, expiresAt: expect.any(String), amount: '12.500', symbol: 'MAPLE' });
    const ttl = Date.parse(res.body.data.expiresAt) - before;
    expect(ttl).toBeGreaterThan(9.9 * 60_000);
    expect(ttl).toBeLessThanOrEqual(10 * 60_000 + 1000);
  });

  it('refuses amounts that are not positive decimals within the token precision, naming the field', async () => {
    const count = await strapi.db.query(PAYMENT as any).count({});
    for (const amount of ['0', '-1', '1.2345', 'ten', '', undefined, 5]) {
      const res = await world.request(merchant, cashier, amount).expect(400);
      expect(res.body).toMatchObject({ data: null, error: { status: 400, name: 'ValidationError' } });
      expect(res.body.error.details.errors[0].path).toEqual(['amount']);
    }
    expect((await world.request(merchant, cashier, '1.2345')).body.error.message).toBe('This token has 3 decimals at most.');
    expect(await strapi.db.query(PAYMENT as any).count({})).toBe(count);
  });

  it("is for the merchant's staff only", async () => {
    const res = await world.request(merchant, stranger, '1').expect(403);
    expect(res.body.error.message).toBe("Only this merchant's staff can ask for payments.");
    await api().post(`/api/merchants/${merchant.documentId}/payment-requests`).send({ amount: '1' }).expect(403);
    await world.request({ documentId: 'no-such-merchant' }, cashier, '1').expect(404);
    const closed = await world.merchant(board, [cashier], { active: false });
    await world.request(closed, cashier, '1').expect(404);
  });
});

describe('paying a code', () => {
  let board: any;
  let cashier: TestMember;
  let merchant: any;

  beforeAll(async () => {
    board = await world.board();
    [cashier] = await world.members(1);
    merchant = await world.merchant(board, [cashier]);
  });

  it('refuses a missing, unknown or malformed code', async () => {
    const [member] = await world.members(1);
    expect((await api().post('/api/payments').set(bearer(member)).send({}).expect(400)).body.error.details.errors[0].path).toEqual(['code']);
    expect((await world.pay(member, 'ACDEFG').expect(404)).body.error.message).toMatch(/No payment request has this code/);
    await world.pay(member, 'not a code at all').expect(404);
    await api().post('/api/payments').send({ code: 'ACDEFG' }).expect(403);
  });

  it('refuses an expired code and writes nothing', async () => {
    const [member] = await world.members(1);
    await world.earn(member, board, ['5000']);
    const { code, documentId } = (await world.request(merchant, cashier, '1').expect(200)).body.data;
    await strapi.db.query(PAYMENT as any).updateMany({ where: { documentId }, data: { expiresAt: Date.now() - 1 } });
    const res = await world.pay(member, code).expect(410);
    expect(res.body.error.message).toMatch(/expired/);
    expect(await strapi.db.query(PAYMENT as any).findOne({ where: { documentId } })).toMatchObject({ status: 'requested', payerId: null });
    expect(await payoutsOf(strapi, { boardDocumentId: board.documentId })).toEqual([]);
    expect(await world.unpaidUnits(member, board)).toBe(5000n);
  });

  it('refuses a short balance with the balance in the message, writes nothing, and lets the code be paid by someone who can', async () => {
    const [poor, rich] = await world.members(2);
    await world.earn(poor, board, ['700', '300']);
    await world.earn(rich, board, ['9000']);
    const { code, documentId } = (await world.request(merchant, cashier, '1.5').expect(200)).body.data;
    const res = await world.pay(poor, code.toLowerCase()).expect(409);
    expect(res.body.error.message).toBe('Your balance is 1.000 MAPLE: not enough to pay 1.500 MAPLE.');
    expect(res.body.error.details).toMatchObject({ balance: '1.000', symbol: 'MAPLE' });
    expect(await world.unpaidUnits(poor, board)).toBe(1000n);
    expect(await strapi.db.query(PAYMENT as any).findOne({ where: { documentId } })).toMatchObject({ status: 'requested', payerId: null });
    expect(await payoutsOf(strapi, { boardDocumentId: board.documentId })).toEqual([]);
    await world.pay(rich, code).expect(200);
    await world.pay(rich, code).expect(409);
  });

  it('shows a payment to its payer and the staff only', async () => {
    const [member, stranger] = await world.members(2);
    await world.earn(member, board, ['2000']);
    const { code } = (await world.request(merchant, cashier, '1').expect(200)).body.data;
    const paid = (await world.pay(member, code).expect(200)).body.data;
    expect((await paymentOf(paid.documentId, member).expect(200)).body.data).toMatchObject({ documentId: paid.documentId, method: 'custodial', amount: '1.000', symbol: 'MAPLE' });
    await paymentOf(paid.documentId, cashier).expect(200);
    expect((await paymentOf(paid.documentId, stranger).expect(403)).body.error.message).toMatch(/payer and the merchant's staff/);
    await paymentOf('no-such-payment', member).expect(404);
    await api().post(`/api/payments/${paid.documentId}/refund`).set(bearer(member)).send({}).expect(403);
    await api().get(`/api/merchants/${merchant.documentId}/statement?day=${today()}`).set(bearer(member)).expect(403);
  });
});

describe('from the custodial balance, on the devnet', () => {
  it("moves the treasury's tokens to the merchant exactly once, even when the job runs again; a refund credits the balance back", async () => {
    // A board whose treasury transfers what it holds; the merchant's account is new, so its balance starts at 0.
    const board = await world.board({ mode: 'transfer' });
    // dave receives as the merchant: a devnet account whose keys the test holds, to sign the refund.
    const shop = 'dave';
    const [cashier, member] = await world.members(2);
    const merchant = await world.merchant(board, [cashier], { hiveAccount: shop, name: 'Corner shop' });
    const funded = await engineActions(strapi, 'maple-tokens', [{ contractAction: 'issue', contractPayload: { symbol: 'MAPLE', to: 'maple-tokens', quantity: '100.000' } }]);
    expect(funded!.errors).toEqual([]);
    await world.earn(member, board, ['4000', '6000']);
    const shopBefore = await balanceUnits(strapi, shop, 'MAPLE', 3);

    const { code } = (await world.request(merchant, cashier, '3.5').expect(200)).body.data;
    const answer = await world.pay(member, code).expect(200);
    expect(answer.body.data).toMatchObject({ status: 'sending', method: 'custodial', amount: '3.500', merchant: { hiveAccount: shop } });
    expect(await world.unpaidUnits(member, board)).toBe(6500n);
    const documentId = answer.body.data.documentId;

    await waitFor(async () => ((await payoutsOf(strapi, { reference: `payment:${documentId}` }))[0]?.state === 'paid' ? true : null), 'the treasury transfer to land', 40000, 300);
    // The notification pass marks it paid (and dated, for the statement) without anyone reading it first.
    await (strapi.service('api::notification.pass') as any).run();
    expect(await strapi.db.query(PAYMENT as any).findOne({ where: { documentId } })).toMatchObject({ status: 'paid', paidAt: expect.anything() });
    const paid = (await paymentOf(documentId, member).expect(200)).body.data;
    expect(paid.status).toBe('paid');
    expect(paid.txId).toEqual(expect.any(String));
    expect((await balanceUnits(strapi, shop, 'MAPLE', 3)) - shopBefore).toBe(3500n);
    const [line] = await payoutsOf(strapi, { reference: `payment:${documentId}` });
    expect(line).toMatchObject({ state: 'paid', mode: 'transfer', sender: 'maple-tokens', account: shop, memo: `Quanzi payment ${documentId}`, amount: '3500' });
    const sidechain = await (strapi.plugin('hive-smt').service('chain') as any).engineTransaction(line.engineTxId);
    expect(sidechain).toMatchObject({ sender: 'maple-tokens', action: 'transfer', payload: { to: shop, quantity: '3.500', memo: `Quanzi payment ${documentId}` }, errors: [] });

    // The job runs again (a worker crashed after the transfer landed, before recording it): nothing is sent twice.
    const jobs = strapi.plugin('hive-smt').service('jobs') as any;
    const [job] = await jobs.find({ documentId: line.jobDocumentId }, 1);
    await strapi.db.query('plugin::hive-smt.chain-job' as any).updateMany({ where: { id: job.id }, data: { state: 'queued', runAt: Date.now(), leaseOwner: null, leaseUntil: null } });
    const ended = ['done', 'dead', 'cancelled'];
    await waitFor(async () => (ended.includes((await jobs.find({ id: job.id }, 1))[0].state) ? true : null), 'the job to run again to its end', 40000, 200);
    await (strapi.plugin('hive-smt').service('rewards') as any).runPayoutNow();
    expect((await balanceUnits(strapi, shop, 'MAPLE', 3)) - shopBefore).toBe(3500n);
    expect((await payoutsOf(strapi, { reference: `payment:${documentId}` })).map((l) => [l.state, l.engineTxId])).toEqual([['paid', line.engineTxId]]);

    // The member's rewards say where it went: spent at a merchant, not paid to them.
    const mine = (await api().get('/api/me/rewards').set(bearer(member)).expect(200)).body.data;
    expect(mine.balances.find((b: any) => b.board.documentId === board.documentId)).toMatchObject({ pending: '6.500', spent: '3.500', paid: '0.000', scheduled: '0.000' });
    expect(mine.history.filter((h: any) => h.state === 'spent').map((h: any) => h.payout.account)).toEqual([shop]);

    // Both sides are in the spending ledger, and the member was not told "you were paid".
    const spending = strapi.plugin('hive-smt').service('spending') as any;
    expect((await spending.entriesOf(`payment:${documentId}`)).map((e: any) => [e.kind, e.side, e.amount, e.account])).toEqual([
      ['payment', 'member', '-3500', null],
      ['payment', 'merchant', '3500', shop],
    ]);
    const notices = (await api().get('/api/me/notifications').set(bearer(member)).expect(200)).body.data;
    expect(notices.filter((n: any) => n.kind === 'reward')).toEqual([]);
    expect(notices.filter((n: any) => n.kind === 'payment').map((n: any) => n.payload.change)).toEqual(['paid']);
    const shopNotices = (await api().get('/api/me/notifications').set(bearer(cashier)).expect(200)).body.data;
    expect(shopNotices.filter((n: any) => n.kind === 'payment').map((n: any) => n.payload.change)).toEqual(['received']);
    expect(events.filter((e) => e.event === 'hive-smt.payment.created' && e.payload.payment.documentId === documentId)).toHaveLength(1);

    // The refund: the merchant signs the return to the treasury; the balance is whole again only once it is on Hive-Engine.
    const refund = (body: Record<string, unknown>) => api().post(`/api/payments/${documentId}/refund`).set(bearer(cashier)).send(body);
    const asked = (await refund({}).expect(200)).body.data;
    expect(asked).toMatchObject({ status: 'refund-requested', signWith: { account: shop, keyType: 'Active' } });
    expect(JSON.parse(asked.signWith.json).contractPayload).toEqual({ symbol: 'MAPLE', to: 'maple-tokens', quantity: '3.500', memo: `Quanzi refund ${documentId}` });
    expect(await world.unpaidUnits(member, board)).toBe(6500n);
    // The treasury's own transfer to the shop is not a return: refused, nothing credited.
    expect((await refund({ txId: line.txId }).expect(400)).body.error.details.errors[0].path).toEqual(['txId']);
    expect(await world.unpaidUnits(member, board)).toBe(6500n);
    const back = await signLikeKeychain(strapi, asked.signWith);
    expect((await refund({ txId: back }).expect(200)).body.data).toMatchObject({ status: 'refunded', refundTxId: back });
    expect(await balanceUnits(strapi, shop, 'MAPLE', 3)).toBe(shopBefore);
    expect(await world.unpaidUnits(member, board)).toBe(10000n);
    expect((await refund({}).expect(409)).body.error.message).toMatch(/refunded already/);
    expect((await refund({ txId: back }).expect(409)).body.error.message).toMatch(/refunded already/);
    expect((await spending.entriesOf(`payment:${documentId}`)).map((e: any) => [e.kind, e.side, e.amount])).toEqual([
      ['payment', 'member', '-3500'],
      ['payment', 'merchant', '3500'],
      ['refund', 'member', '3500'],
      ['refund', 'merchant', '-3500'],
    ]);
    expect(events.filter((e) => e.event === 'hive-smt.payment.refunded' && e.payload.payment.documentId === documentId)).toHaveLength(1);

    const statement = (await api().get(`/api/merchants/${merchant.documentId}/statement?day=${today()}`).set(bearer(cashier)).expect(200)).body.data;
    expect(statement).toMatchObject({ day: today(), symbol: 'MAPLE', paidCount: 1, paid: '3.500', refundedCount: 1, refunded: '3.500', net: '0.000' });
    expect(statement.payments.map((p: any) => [p.documentId, p.status])).toEqual([[documentId, 'refunded']]);
    await api().get(`/api/merchants/${merchant.documentId}/statement?day=2026-02-30`).set(bearer(cashier)).expect(400);
    await api().get(`/api/merchants/${merchant.documentId}/statement`).set(bearer(cashier)).expect(400);
  });
});

describe('from a linked Hive account, signed with Keychain', () => {
  it('checks the transfer on the sidechain before it is paid, and refunds with the return transfer the merchant signs', async () => {
    const board = await world.board();
    const [cashier, member, other] = await world.members(3);
    // carol receives as the merchant (a devnet account whose keys the test holds, to sign the refund).
    const merchant = await world.merchant(board, [cashier], { hiveAccount: 'carol' });
    await world.linkDirectly(member, 'alice');
    await world.linkDirectly(other, 'bob');
    await engineActions(strapi, 'maple-tokens', [{ contractAction: 'issue', contractPayload: { symbol: 'MAPLE', to: 'alice', quantity: '10.000' } }]);
    const { code } = (await world.request(merchant, cashier, '2').expect(200)).body.data;
    const paying = (await world.pay(member, code).expect(200)).body.data;
    const confirm = (txId: unknown, who: TestMember = member) => api().post(`/api/payments/${paying.documentId}/confirm`).set(bearer(who)).send({ txId });

    await confirm('not-a-transaction-id').expect(400);
    expect((await confirm('0'.repeat(40)).expect(404)).body.error.message).toMatch(/Hive-Engine has no transaction/);
    // A real transfer that is not this payment's: another memo.
    const wrong = await signLikeKeychain(strapi, { ...paying.signWith, json: paying.signWith.json.replace(paying.documentId, 'something-else') });
    const refused = await confirm(wrong).expect(400);
    expect(refused.body.error.message).toMatch(/memo/);
    expect(refused.body.error.details.errors[0].path).toEqual(['txId']);
    expect(await strapi.db.query(PAYMENT as any).findOne({ where: { documentId: paying.documentId } })).toMatchObject({ status: 'awaiting-signature', txId: null });
    await confirm(wrong, other).expect(404);

    const txId = await signLikeKeychain(strapi, paying.signWith);
    expect((await confirm(txId).expect(200)).body.data).toMatchObject({ status: 'paid', txId, method: 'keychain' });
    await confirm(txId).expect(409);

    // The treasury cannot move carol's tokens: the refund is a transfer she signs, checked like the payment.
    const asked = (await api().post(`/api/payments/${paying.documentId}/refund`).set(bearer(cashier)).send({}).expect(200)).body.data;
    expect(asked).toMatchObject({ status: 'refund-requested', signWith: { account: 'carol' } });
    expect(JSON.parse(asked.signWith.json).contractPayload).toEqual({ symbol: 'MAPLE', to: 'alice', quantity: '2.000', memo: `Quanzi refund ${paying.documentId}` });
    await api().post(`/api/payments/${paying.documentId}/refund`).set(bearer(cashier)).send({ txId }).expect(400);
    const back = await signLikeKeychain(strapi, asked.signWith);
    expect((await api().post(`/api/payments/${paying.documentId}/refund`).set(bearer(cashier)).send({ txId: back }).expect(200)).body.data).toMatchObject({ status: 'refunded', refundTxId: back });
    const notices = (await api().get('/api/me/notifications').set(bearer(member)).expect(200)).body.data;
    expect(notices.filter((n: any) => n.kind === 'payment').map((n: any) => n.payload.change).sort()).toEqual(['paid', 'refunded']);
  });
});
