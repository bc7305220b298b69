import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createPost } from '../helpers/fixtures';
import { bearer, type TestMember } from '../helpers/members';
import { devnetOf, waitFor } from '../helpers/chain';
import { allocationsOf, createToken, engineActions, engineRpc, payoutsOf, settled } from '../helpers/rewards';
import { PAYMENT, paymentWorld, signLikeKeychain } from '../helpers/payment-scenario';

/**
 * One ledger (issue 18 part 6): every token movement of a board — rewards
 * paid, custodial payments to merchants and their refunds, payments a member
 * signs with Keychain, merchants' redemptions — is a row tied to its chain
 * transaction, and the rows add up to the chain. The rewards and the custodial
 * payments go out while the devnet cycles through the soak's fault kinds
 * (connections refused, HTTP 5xx, replies dropped after the node accepted,
 * blocks halted). Afterwards, from the database alone, each account's balance
 * is computed and compared with Hive-Engine's: every member, merchant and the
 * treasury, and no account the ledger does not know holds the token; the
 * token's supply equals what the ledger issued, and the custodial balance
 * equals what was earned less what was spent.
 */
let strapi: Core.Strapi;
const world = paymentWorld(() => strapi);
const api = () => world.api();
const SYMBOL = 'LEDG';
const TREASURY = 'maple-tokens';
const FUNDING = 200_000n;

/** The soak's fault kinds (tests/soak/lib/faults.ts), each on for a moment in turn. */
const FAULTS: Array<Record<string, unknown>> = [{ refuseConnections: true }, { http5xxRate: 0.5 }, { dropReplyAfterAccept: 2 }, { haltBlocks: true }];

beforeAll(async () => {
  strapi = await startStrapi({ REWARDS_CASHOUT_SECONDS: '60', REWARDS_TICK_MS: '300' });
  await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve()));
}, 120000);
afterAll(stopStrapi);

const units = (quantity: unknown) => {
  const [whole, fraction = ''] = String(quantity ?? '0').split('.');
  return BigInt(whole + fraction.padEnd(3, '0').slice(0, 3));
};
const add = (m: Map<string, bigint>, account: string, amount: bigint) => m.set(account, (m.get(account) ?? 0n) + amount);

/** Turns the fault kinds on and off in turn until stopped; returns how many were injected. */
function cycleFaults(): { stop: () => Promise<number> } {
  const faults = devnetOf(strapi).faults;
  let injected = 0;
  let on = false;
  const timer = setInterval(() => {
    if (on) faults.clear();
    else faults.set(FAULTS[injected++ % FAULTS.length]);
    on = !on;
  }, 700);
  return {
    async stop() {
      clearInterval(timer);
      faults.clear();
      return injected;
    },
  };
}

test('the ledger equals the chain for every account after rewards, payments, refunds and a redemption under faults', async () => {
  await createToken(strapi, TREASURY, SYMBOL, 3, '1000000.000');
  // The treasury holds tokens for what it transfers on members' behalf (rewards themselves are issued).
  expect(
    (await engineActions(strapi, TREASURY, [{ contractAction: 'issue', contractPayload: { symbol: SYMBOL, to: TREASURY, quantity: '200.000' } }]))!.errors,
  ).toEqual([]);
  const board = await world.board({ symbol: SYMBOL });
  await strapi.documents('api::board.board').update({ documentId: board.documentId, data: { redemptionRate: '0.1', redemptionCurrency: 'CNY' } as any });
  const [author, liker, saver, cashier, keyCashier]: TestMember[] = await world.members(5);
  // alice and dave, carol: devnet accounts whose keys the test holds, to sign as Keychain would.
  await Promise.all([world.linkDirectly(author, 'ledger-author'), world.linkDirectly(liker, 'alice')]);
  const shop = await world.merchant(board, [cashier], { hiveAccount: 'dave', name: 'Corner shop' });
  const keyShop = await world.merchant(board, [keyCashier], { hiveAccount: 'carol', name: 'Tea house' });

  const first = await createPost(strapi, board, author);
  const second = await createPost(strapi, board, saver);
  const like = (member: TestMember, post: { documentId: string }) => api().post(`/api/posts/${post.documentId}/like`).set(bearer(member)).expect(200);
  await like(liker, first);
  await like(saver, first);
  await like(liker, second);
  await like(author, second);
  // Under faults from here: the settlement's payouts to the linked members, and the saver paying the shop twice from the balance.
  const before = devnetOf(strapi).faults.get().counters;
  const faults = cycleFaults();
  let injected = 0;
  const payments: string[] = [];
  let earned: any[] = [];
  const earnedBy = (member: TestMember) => earned.filter((a) => a.memberId === member.id).reduce((s, a) => s + BigInt(a.amount), 0n);
  let spent: bigint[] = [];
  try {
    await settled(strapi, board.documentId);
    earned = await allocationsOf(strapi, { boardDocumentId: board.documentId });
    expect(earnedBy(saver) > 1000n).toBe(true);
    spent = [earnedBy(saver) / 4n, earnedBy(saver) / 5n];
    for (const amount of spent) {
      const quantity = (Number(amount) / 1000).toFixed(3);
      const { code } = (await world.request(shop, cashier, quantity).expect(200)).body.data;
      payments.push((await world.pay(saver, code).expect(200)).body.data.documentId);
    }
    await waitFor(
      async () => {
        const lines = await payoutsOf(strapi, { boardDocumentId: board.documentId });
        return lines.length >= 4 && lines.every((l) => l.state === 'paid') ? lines : null;
      },
      'every payout line (rewards and the treasury transfers) to be paid through the faults',
      80000,
      300,
    );
  } finally {
    injected = await faults.stop();
  }
  expect(injected).toBeGreaterThan(0);
  // The chain work really met the faults: the node refused, failed or dropped some of its calls.
  const after = devnetOf(strapi).faults.get().counters;
  expect(after.refused + after.http5xx + after.droppedReplies + after.haltedBlockSlots).toBeGreaterThan(
    before.refused + before.http5xx + before.droppedReplies + before.haltedBlockSlots,
  );

  // After the faults: the shop refunds the second payment, alice pays the tea house with Keychain, the shop redeems.
  const asked = (await api().post(`/api/payments/${payments[1]}/refund`).set(bearer(cashier)).send({}).expect(200)).body.data;
  const back = await signLikeKeychain(strapi, asked.signWith);
  await api().post(`/api/payments/${payments[1]}/refund`).set(bearer(cashier)).send({ txId: back }).expect(200);
  const { code } = (await world.request(keyShop, keyCashier, '0.500').expect(200)).body.data;
  const paying = (await world.pay(liker, code).expect(200)).body.data;
  const signed = await signLikeKeychain(strapi, paying.signWith);
  await api().post(`/api/payments/${paying.documentId}/confirm`).set(bearer(liker)).send({ txId: signed }).expect(200);
  const redemption = (await api().post(`/api/merchants/${shop.documentId}/redemptions`).set(bearer(cashier)).send({ amount: '0.100' }).expect(200)).body.data;
  const returned = await signLikeKeychain(strapi, redemption.signWith);
  await api().post(`/api/redemptions/${redemption.documentId}/confirm`).set(bearer(cashier)).send({ txId: returned }).expect(200);

  // The ledger, from the database alone: what each account should hold.
  const expected = new Map<string, bigint>([[TREASURY, FUNDING]]);
  let issued = FUNDING;
  const lines = await payoutsOf(strapi, { boardDocumentId: board.documentId });
  for (const line of lines) {
    expect([line.id, line.state, line.txId && line.engineTxId ? 'tied to its transactions' : 'untied']).toEqual([line.id, 'paid', 'tied to its transactions']);
    add(expected, line.account, BigInt(line.amount));
    if (line.reference) add(expected, line.sender, -BigInt(line.amount));
    else issued += BigInt(line.amount);
  }
  const paymentRows: any[] = await strapi.db.query(PAYMENT as any).findMany({ where: { boardDocumentId: board.documentId }, populate: { merchant: true } });
  for (const p of paymentRows) {
    if (p.method === 'keychain' && (p.status === 'paid' || p.status === 'refunded')) {
      expect(p.txId).toEqual(expect.any(String));
      add(expected, p.payerAccount, -BigInt(p.amount));
      add(expected, p.merchant.hiveAccount, BigInt(p.amount));
    }
    if (p.status === 'refunded') {
      expect(p.refundTxId).toEqual(expect.any(String));
      const to = p.method === 'custodial' ? TREASURY : p.payerAccount;
      add(expected, p.merchant.hiveAccount, -BigInt(p.amount));
      add(expected, to, BigInt(p.amount));
    }
  }
  const redemptions: any[] = await strapi.db.query('api::redemption.redemption' as any).findMany({ populate: { merchant: true } });
  for (const r of redemptions.filter((x) => x.returnTxId)) {
    add(expected, r.merchant.hiveAccount, -BigInt(r.amount));
    add(expected, r.treasury, BigInt(r.amount));
  }

  // The chain: every account holding the token, and its supply.
  const balances: any[] = await engineRpc(strapi, 'contracts', 'find', { contract: 'tokens', table: 'balances', query: { symbol: SYMBOL }, limit: 1000 });
  const onChain = new Map(balances.map((b) => [b.account, units(b.balance) + units(b.stake)]));
  const nonZero = (m: Map<string, bigint>) => new Map([...m].filter(([, v]) => v !== 0n));
  expect(nonZero(onChain)).toEqual(nonZero(expected));
  const token = await engineRpc(strapi, 'contracts', 'findOne', { contract: 'tokens', table: 'tokens', query: { symbol: SYMBOL } });
  expect(units(token.supply)).toBe(issued);
  expect([...onChain.values()].reduce((s, v) => s + v, 0n)).toBe(issued);

  // The saver's custodial balance: earned, less the payment kept (the refunded one came back).
  expect(await world.unpaidUnits(saver, board)).toBe(earnedBy(saver) - spent[0]);
  // Each custodial payment and refund is in the spending entries on both sides, summing to nothing.
  const spending = strapi.plugin('hive-smt').service('spending') as any;
  for (const documentId of payments) {
    const entries = await spending.entriesOf(`payment:${documentId}`);
    expect(entries.reduce((s: bigint, e: any) => s + BigInt(e.amount), 0n)).toBe(0n);
  }
}, 150000);
