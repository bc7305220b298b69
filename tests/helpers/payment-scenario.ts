import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { stopStrapi } from './strapi';
import { bearer, createMember, type TestMember } from './members';
import { createRewardBoard, engineActions, payoutsOf } from './rewards';
import { devnetClient, devnetKey, devnetOf, waitFor } from './chain';

export const PAYMENT = 'api::payment.payment';
export const MERCHANT = 'api::merchant.merchant';

let counter = 0;

/** What payment tests build on: a board paying MAPLE (3 decimals), merchants with staff, members with a custodial balance. */
export function paymentWorld(strapi: () => Core.Strapi) {
  const api = () => request(strapi().server.httpServer);
  return {
    api,
    /** A board with token rewards on; `mode: 'transfer'` makes its treasury send what it holds. */
    board: (economics: Record<string, unknown> = {}) => createRewardBoard(strapi(), economics),
    async merchant(board: { documentId: string }, staff: TestMember[], overrides: Record<string, unknown> = {}) {
      counter += 1;
      return strapi()
        .documents(MERCHANT as any)
        .create({
          data: { name: `Shop ${counter}`, hiveAccount: 'oak-bakery', board: board.documentId, staff: staff.map((m) => m.documentId), active: true, ...overrides } as any,
        }) as Promise<any>;
    },
    /** Rewards earned on the board and not paid out (the member's custodial balance), as the rewards pass settles them: base units each. */
    async earn(member: TestMember, board: { documentId: string }, amounts: string[], symbol = 'MAPLE', precision = 3) {
      for (const amount of amounts) {
        await strapi()
          .db.query('plugin::hive-smt.reward-allocation' as any)
          .create({
            data: { boardDocumentId: board.documentId, memberId: member.id, role: 'author', amount, symbol, precision, day: '2026-12-01', settledAt: Date.now(), payoutId: null },
          });
      }
    },
    async unpaidUnits(member: TestMember, board: { documentId: string }) {
      const rows: any[] = await strapi()
        .db.query('plugin::hive-smt.reward-allocation' as any)
        .findMany({ where: { memberId: member.id, boardDocumentId: board.documentId, payoutId: { $null: true } } });
      return rows.reduce((s, r) => s + BigInt(r.amount), 0n);
    },
    request: (merchant: { documentId: string }, staff: TestMember, amount: unknown) =>
      api().post(`/api/merchants/${merchant.documentId}/payment-requests`).set(bearer(staff)).send({ amount }),
    pay: (member: TestMember, code: unknown) => api().post('/api/payments').set(bearer(member)).send({ code }),
    linkDirectly: (member: { id: number }, account: string) =>
      strapi()
        .db.query('plugin::hive-smt.account-link' as any)
        .create({ data: { userId: member.id, account, verifiedAt: Date.now() } }),
    members: (n: number) => Promise.all(Array.from({ length: n }, () => createMember(strapi()))),
  };
}

/**
 * A code pays at most once under racing requests, on SQLite and on PostgreSQL:
 * many members paying one code from their balances, and many confirms of one
 * Keychain payment whose transfer is really on the devnet's sidechain.
 */
export function describePaymentRaces(start: () => Promise<Core.Strapi>, stop: () => Promise<void> = stopStrapi) {
  let strapi: Core.Strapi;
  const world = paymentWorld(() => strapi);

  beforeAll(async () => {
    strapi = await start();
    // Listening once: requests fired together then share the server (supertest would start one per request).
    await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve()));
  }, 120000);
  afterAll(stop);

  it('pays a code once when many members send it at the same moment', async () => {
    const board = await world.board();
    const [cashier] = await world.members(1);
    const merchant = await world.merchant(board, [cashier]);
    const crowd = await world.members(8);
    for (const m of crowd) await world.earn(m, board, ['5000']);
    const { code } = (await world.request(merchant, cashier, '2.5').expect(200)).body.data;
    const answers = await Promise.all(crowd.map((m) => world.pay(m, code)));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    const winner = crowd[answers.findIndex((a) => a.status === 200)];
    expect(answers.find((a) => a.status === 409)!.body.error.message).toMatch(/used already/);
    const lines = await payoutsOf(strapi, { boardDocumentId: board.documentId });
    expect(lines.map((l) => [l.memberId, l.amount, l.account, l.mode])).toEqual([[winner.id, '2500', 'oak-bakery', 'transfer']]);
    for (const m of crowd) expect(await world.unpaidUnits(m, board)).toBe(m === winner ? 2500n : 5000n);
    expect(await strapi.db.query(PAYMENT as any).count({ where: { code, status: 'sending', payerId: winner.id } })).toBe(1);
  });

  it('pays a code once when the payments reach the service together, without HTTP spreading them out', async () => {
    const board = await world.board();
    const [cashier] = await world.members(1);
    const merchant = await world.merchant(board, [cashier]);
    const crowd = await world.members(10);
    for (const m of crowd) await world.earn(m, board, ['5000']);
    const { code } = (await world.request(merchant, cashier, '1').expect(200)).body.data;
    const service = strapi.service('api::payment.payment') as any;
    const outcomes = await Promise.allSettled(crowd.map((m) => service.pay(code, m.id)));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'rejected').map((o: any) => o.reason.message)).toEqual(Array(9).fill('This code was used already: ask the merchant for a new payment request.'));
    expect((await payoutsOf(strapi, { boardDocumentId: board.documentId })).map((l) => l.amount)).toEqual(['1000']);
    const spent = await Promise.all(crowd.map((m) => world.unpaidUnits(m, board)));
    expect(spent.filter((units) => units === 4000n)).toHaveLength(1);
  });

  it("never spends one member's balance twice when two codes are paid together", async () => {
    const board = await world.board();
    const [cashier, member] = await world.members(2);
    const merchant = await world.merchant(board, [cashier]);
    await world.earn(member, board, ['1000', '2000']);
    const codes = await Promise.all([world.request(merchant, cashier, '2'), world.request(merchant, cashier, '2')]);
    const answers = await Promise.all(codes.map((c) => world.pay(member, c.body.data.code)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 409)!.body.error.message).toMatch(/balance/i);
    expect(await world.unpaidUnits(member, board)).toBe(1000n);
    expect((await payoutsOf(strapi, { boardDocumentId: board.documentId })).map((l) => l.amount)).toEqual(['2000']);
  });

  it('marks a Keychain payment paid once when its confirm arrives many times at once', async () => {
    const board = await world.board();
    const [cashier, member] = await world.members(2);
    const merchant = await world.merchant(board, [cashier]);
    await world.linkDirectly(member, 'alice');
    // alice holds MAPLE to pay with: the issuer issues it to her on the devnet.
    const issued = await engineActions(strapi, 'maple-tokens', [{ contractAction: 'issue', contractPayload: { symbol: 'MAPLE', to: 'alice', quantity: '10.000' } }]);
    expect(issued!.errors).toEqual([]);
    const { code } = (await world.request(merchant, cashier, '1.25').expect(200)).body.data;
    const paying = await world.pay(member, code).expect(200);
    expect(paying.body.data).toMatchObject({ status: 'awaiting-signature', method: 'keychain', payerAccount: 'alice' });
    const sign = paying.body.data.signWith;
    expect(sign).toMatchObject({ method: 'requestCustomJson', account: 'alice', id: devnetOf(strapi).engineId, keyType: 'Active' });
    const txId = await signLikeKeychain(strapi, sign);
    const confirms = await Promise.all(
      Array.from({ length: 6 }, () => world.api().post(`/api/payments/${paying.body.data.documentId}/confirm`).set(bearer(member)).send({ txId })),
    );
    expect(confirms.map((c) => c.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    const row = await strapi.db.query(PAYMENT as any).findOne({ where: { documentId: paying.body.data.documentId } });
    expect(row).toMatchObject({ status: 'paid', txId });
    // One receipt each, however many confirms came.
    const receipts = await strapi.db.query('api::notification.notification' as any).findMany({ where: { kind: 'payment' } });
    const forThis = receipts.filter((n: any) => n.payload?.paymentDocumentId === row.documentId);
    expect(forThis.map((n: any) => [n.recipientId, n.payload.change]).sort()).toEqual([
      [cashier.id, 'received'],
      [member.id, 'paid'],
    ].sort());
  });
}

/** Broadcasts what Keychain would for `signWith` (its custom_json, with the account's active key) and answers the sidechain transaction id. */
export async function signLikeKeychain(strapi: Core.Strapi, signWith: { account: string; id: string; json: string }): Promise<string> {
  const confirmation = await devnetClient(strapi).broadcast.json(
    { id: signWith.id, json: signWith.json, required_auths: [signWith.account], required_posting_auths: [] },
    devnetKey(strapi, signWith.account, 'active'),
  );
  const chain = strapi.plugin('hive-smt').service('chain') as any;
  const info = await waitFor(async () => chain.engineTransaction(confirmation.id), `sidechain transaction ${confirmation.id}`);
  expect(info.errors).toEqual([]);
  return confirmation.id;
}
