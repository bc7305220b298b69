import { payoutEvents } from './events';
import type { PayoutLine } from './lines';

const line = (id: number, state: PayoutLine['state'], extra: Partial<PayoutLine> = {}): PayoutLine =>
  ({
    id,
    documentId: `l${id}`,
    boardDocumentId: 'board1',
    memberId: id * 10,
    account: `member${id}`,
    symbol: 'MAPLE',
    precision: 3,
    amount: '12345',
    state,
    sender: 'maple-tokens',
    mode: 'issue',
    jobDocumentId: 'job1',
    txId: 'tx1',
    engineTxId: `tx1-${id}`,
    blockNum: 7,
    error: null,
    paidAt: null,
    ...extra,
  }) as PayoutLine;

test("a batch's end: the paid lines in payout.sent, the failed ones in payout.failed, amounts as token quantities", () => {
  const events = payoutEvents({ documentId: 'job1' }, [line(1, 'paid'), line(2, 'failed', { error: 'quantity exceeds available supply' }), line(3, 'paid')]);
  expect(events.map((e) => e.event)).toEqual(['hive-smt.payout.sent', 'hive-smt.payout.failed']);
  expect(events[0].payload).toMatchObject({ jobDocumentId: 'job1', payouts: [{ id: 1, quantity: '12.345', account: 'member1' }, { id: 3 }] });
  expect(events[1].payload).toMatchObject({ payouts: [{ id: 2, error: 'quantity exceeds available supply' }] });
});

test('lines still on their way are not announced; nothing at all is no event', () => {
  expect(payoutEvents({ documentId: 'job1' }, [line(1, 'queued'), line(2, 'sending')])).toEqual([]);
  expect(payoutEvents({ documentId: 'job1' }, [])).toEqual([]);
});

test('a staked line says so; lines from before staking existed are liquid', () => {
  const [sent] = payoutEvents({ documentId: 'job1' }, [line(1, 'paid', { stake: true }), line(2, 'paid')]);
  expect(sent.payload.payouts).toMatchObject([
    { id: 1, stake: true },
    { id: 2, stake: false },
  ]);
});
