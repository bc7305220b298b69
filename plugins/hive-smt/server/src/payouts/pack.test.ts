import fc from 'fast-check';
import { CUSTOM_OP_BLOCK_LIMIT, CUSTOM_OP_DATA_MAX_LENGTH, ENGINE_MAINNET_ID, ENGINE_MAX_ACTIONS_PER_SENDER_PER_BLOCK } from '../chain/protocol';
import { minimumBlocksFor, packPayoutBatches, type Payment, type PayoutPlan } from './pack';

const transfer = { sender: 'maple-treasury', engineId: ENGINE_MAINNET_ID, mode: 'transfer' as const };
const pay = (to: string, quantity: bigint, memo?: string): Payment => ({ to, quantity, symbol: 'MAPLE', precision: 3, memo });

function actionsOf(plan: PayoutPlan) {
  return plan.batches.map((b) => JSON.parse(b.body.json) as Array<{ contractName: string; contractAction: string; contractPayload: Record<string, string> }>);
}

describe('packPayoutBatches', () => {
  describe('staked payments', () => {
    const staked = (to: string, quantity: bigint): Payment => ({ ...pay(to, quantity), stake: true });
    it('"issue" mode: the issuer issues to itself, then stakes to the member, in one operation; the payment is listed per action', () => {
      const plan = packPayoutBatches([pay('alice', 1000n), staked('alice', 500n)], { ...transfer, sender: 'maple-tokens', mode: 'issue' });
      expect(actionsOf(plan)).toEqual([
        [
          { contractName: 'tokens', contractAction: 'issue', contractPayload: { symbol: 'MAPLE', to: 'alice', quantity: '1.000' } },
          { contractName: 'tokens', contractAction: 'issue', contractPayload: { symbol: 'MAPLE', to: 'maple-tokens', quantity: '0.500' } },
          { contractName: 'tokens', contractAction: 'stake', contractPayload: { symbol: 'MAPLE', to: 'alice', quantity: '0.500' } },
        ],
      ]);
      expect(plan.batches[0].paymentIndexes).toEqual([0, 1, 1]);
    });
    it('"transfer" mode: one stake action from the treasury, without memo', () => {
      const plan = packPayoutBatches([{ ...staked('bob', 5n), memo: 'ignored' }], transfer);
      expect(actionsOf(plan)).toEqual([
        [{ contractName: 'tokens', contractAction: 'stake', contractPayload: { symbol: 'MAPLE', to: 'bob', quantity: '0.005' } }],
      ]);
    });
    it(`keeps a payment's two actions in one block of at most ${ENGINE_MAX_ACTIONS_PER_SENDER_PER_BLOCK} actions`, () => {
      const payments = Array.from({ length: 11 }, (_, i) => staked(`member${i}`, 1n));
      const plan = packPayoutBatches(payments, { ...transfer, sender: 'maple-tokens', mode: 'issue' });
      expect(plan.batches.map((b) => b.paymentIndexes.length)).toEqual([20, 2]);
      expect(plan.blocks).toEqual([[0], [1]]);
    });
  });

  it('writes custom_json bodies signed by the sender with its active key', () => {
    const plan = packPayoutBatches([pay('alice', 12345n, 'May rewards'), pay('bob', 5n)], transfer);
    expect(plan.batches).toHaveLength(1);
    expect(plan.batches[0].body).toEqual({
      id: 'ssc-mainnet-hive',
      required_auths: ['maple-treasury'],
      required_posting_auths: [],
      json: JSON.stringify([
        { contractName: 'tokens', contractAction: 'transfer', contractPayload: { symbol: 'MAPLE', to: 'alice', quantity: '12.345', memo: 'May rewards' } },
        { contractName: 'tokens', contractAction: 'transfer', contractPayload: { symbol: 'MAPLE', to: 'bob', quantity: '0.005' } },
      ]),
    });
    expect(plan.batches[0].paymentIndexes).toEqual([0, 1]);
    expect(plan.blocks).toEqual([[0]]);
  });

  it('issues without memos (the issue action takes none)', () => {
    const plan = packPayoutBatches([pay('alice', 1000n, 'ignored')], { ...transfer, mode: 'issue' });
    expect(actionsOf(plan)[0][0]).toEqual({
      contractName: 'tokens',
      contractAction: 'issue',
      contractPayload: { symbol: 'MAPLE', to: 'alice', quantity: '1.000' },
    });
  });

  it(`puts at most ${ENGINE_MAX_ACTIONS_PER_SENDER_PER_BLOCK} actions in a block`, () => {
    const payments = Array.from({ length: 45 }, (_, i) => pay(`member${i}`, 1n));
    const plan = packPayoutBatches(payments, transfer);
    expect(plan.batches.map((b) => b.paymentIndexes.length)).toEqual([20, 20, 5]);
    expect(plan.blocks).toEqual([[0], [1], [2]]);
    expect(plan.blocks).toHaveLength(minimumBlocksFor(45));
  });

  it('splits by json size and shares a block between several operations when memos are long', () => {
    const memo = 'x'.repeat(2000);
    const payments = Array.from({ length: 12 }, (_, i) => pay(`member${i}`, 1n, memo));
    const plan = packPayoutBatches(payments, transfer);
    for (const b of plan.batches) expect(Buffer.byteLength(b.body.json)).toBeLessThanOrEqual(CUSTOM_OP_DATA_MAX_LENGTH);
    expect(plan.batches.map((b) => b.paymentIndexes.length)).toEqual([3, 3, 3, 3]);
    expect(plan.blocks).toEqual([[0, 1, 2, 3]]);
  });

  it(`opens a new block after ${CUSTOM_OP_BLOCK_LIMIT} operations`, () => {
    const memo = 'y'.repeat(3900); // two per operation
    const payments = Array.from({ length: 14 }, (_, i) => pay(`member${i}`, 1n, memo));
    const plan = packPayoutBatches(payments, transfer);
    expect(plan.blocks).toEqual([
      [0, 1, 2, 3, 4],
      [5, 6],
    ]);
  });

  it('counts memo size in UTF-8 bytes', () => {
    const memo = '奖'.repeat(1300); // 3900 bytes, 1300 UTF-16 units
    const plan = packPayoutBatches([pay('alice', 1n, memo), pay('bob', 1n, memo), pay('carol', 1n, memo)], transfer);
    for (const b of plan.batches) expect(Buffer.byteLength(b.body.json)).toBeLessThanOrEqual(CUSTOM_OP_DATA_MAX_LENGTH);
    expect(plan.batches.map((b) => b.paymentIndexes)).toEqual([[0, 1], [2]]);
  });

  it('refuses what the sidechain would refuse, saying which payment', () => {
    expect(() => packPayoutBatches([pay('alice', 1n, 'z'.repeat(9000))], transfer)).toThrow(/Payment 0 to alice does not fit.*shorten its memo/);
    expect(() => packPayoutBatches([pay('Alice', 1n)], transfer)).toThrow(/Payment 0: Hive account names are lowercase/);
    expect(() => packPayoutBatches([pay('maple-treasury', 1n)], transfer)).toThrow(/cannot transfer to itself/);
    expect(() => packPayoutBatches([pay('alice', 0n)], transfer)).toThrow(/positive/);
    expect(() => packPayoutBatches([{ ...pay('alice', 1n), symbol: 'maple' }], transfer)).toThrow(/not a Hive-Engine symbol/);
    expect(() => packPayoutBatches([{ ...pay('alice', 1n), precision: 9 }], transfer)).toThrow(/precision/);
    expect(() => packPayoutBatches([], { ...transfer, engineId: 'x'.repeat(33) })).toThrow(/1 to 32 characters/);
  });

  it('returns an empty plan for no payments', () => {
    expect(packPayoutBatches([], transfer)).toEqual({ batches: [], blocks: [] });
  });

  const paymentArb = fc.record({
    to: fc.constantFrom('alice', 'bob', 'carol', 'dave.eve', 'member-1234567'),
    quantity: fc.bigInt({ min: 1n, max: 10n ** 20n }),
    symbol: fc.constantFrom('MAPLE', 'OAK.SCHOOL'),
    precision: fc.integer({ min: 0, max: 8 }),
    memo: fc.option(fc.string({ unit: 'grapheme', maxLength: 3000 }), { nil: undefined }),
  });

  it('includes every payment exactly once, in order, never exceeding a limit', () => {
    fc.assert(
      fc.property(fc.array(paymentArb, { maxLength: 80 }), fc.constantFrom<'issue' | 'transfer'>('issue', 'transfer'), (payments, mode) => {
        const plan = packPayoutBatches(payments, { ...transfer, mode });
        expect(plan.batches.flatMap((b) => b.paymentIndexes)).toEqual(payments.map((_, i) => i));
        expect(plan.blocks.flat()).toEqual(plan.batches.map((_, i) => i));
        plan.batches.forEach((b, i) => {
          expect(Buffer.byteLength(b.body.json)).toBeLessThanOrEqual(CUSTOM_OP_DATA_MAX_LENGTH);
          const actions = JSON.parse(b.body.json);
          expect(actions).toHaveLength(b.paymentIndexes.length);
          actions.forEach((a: { contractAction: string; contractPayload: { to: string } }, k: number) => {
            expect(a.contractAction).toBe(mode);
            expect(a.contractPayload.to).toBe(payments[b.paymentIndexes[k]].to);
          });
          expect(plan.batches[i].body.required_auths).toEqual(['maple-treasury']);
        });
        for (const block of plan.blocks) {
          expect(block.length).toBeLessThanOrEqual(CUSTOM_OP_BLOCK_LIMIT);
          const actions = block.reduce((n, i) => n + plan.batches[i].paymentIndexes.length, 0);
          expect(actions).toBeLessThanOrEqual(ENGINE_MAX_ACTIONS_PER_SENDER_PER_BLOCK);
        }
        expect(plan.blocks.length).toBeGreaterThanOrEqual(minimumBlocksFor(payments.length));
        expect(packPayoutBatches(payments, { ...transfer, mode })).toEqual(plan);
      }),
      { numRuns: 200 },
    );
  });

  it('reaches the minimum number of blocks when memos are short', () => {
    fc.assert(
      fc.property(
        fc.array(
          paymentArb.map((p) => ({ ...p, memo: 'reward' })),
          { maxLength: 200 },
        ),
        (payments) => {
          expect(packPayoutBatches(payments, transfer).blocks).toHaveLength(minimumBlocksFor(payments.length));
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('minimumBlocksFor', () => {
  it('divides by the per-block action limit, rounding up', () => {
    expect([0, 1, 20, 21, 100].map(minimumBlocksFor)).toEqual([0, 1, 1, 2, 5]);
    expect(() => minimumBlocksFor(-1)).toThrow(RangeError);
  });
});
