import { ENGINE_MAX_ACTIONS_PER_SENDER_PER_BLOCK } from '../chain/protocol';
import type { BoardRow } from '../host/rows';
import type { PayoutLine } from './lines';
import { planPayoutBatch } from './plan';

const board = (documentId: string, economics: Record<string, unknown> | null): BoardRow => ({
  id: 1,
  documentId,
  name: `Board ${documentId}`,
  slug: documentId,
  hiveAccount: 'maple-school',
  economics: economics && { enabled: true, symbol: 'MAPLE', precision: 3, issuer: 'maple-tokens', mode: 'issue', rewardPerInterval: '1', ...economics },
});

let nextId = 1;
const line = (boardDocumentId: string, account: string, amount = '1500', extra: Partial<PayoutLine> = {}): PayoutLine => ({
  id: nextId++,
  documentId: `line-${nextId}`,
  boardDocumentId,
  memberId: nextId,
  account,
  symbol: 'MAPLE',
  precision: 3,
  amount,
  state: 'queued',
  sender: 'maple-tokens',
  mode: 'issue',
  jobDocumentId: 'job',
  txId: null,
  engineTxId: null,
  blockNum: null,
  error: null,
  paidAt: null,
  ...extra,
});

const plan = (lines: PayoutLine[], boards: BoardRow[], sender = 'maple-tokens') =>
  planPayoutBatch({ lines, boards: new Map(boards.map((b) => [b.documentId, b])), sender, engineId: 'ssc-mainnet-hive' });

describe('planPayoutBatch', () => {
  it('pays issue-mode lines as tokens/issue actions of one custom_json, and remembers which action pays which line', () => {
    const lines = [line('a', 'alice'), line('a', 'bob', '2'), line('a', 'carol', '30')];
    const result = plan(lines, [board('a', {})]);
    expect(result.operations).toHaveLength(1);
    const [name, body] = result.operations[0] as [string, { id: string; required_auths: string[]; json: string }];
    expect(name).toBe('custom_json');
    expect(body).toMatchObject({ id: 'ssc-mainnet-hive', required_auths: ['maple-tokens'] });
    expect(
      JSON.parse(body.json).map((a: { contractAction: string; contractPayload: { to: string; quantity: string } }) => [
        a.contractAction,
        a.contractPayload.to,
        a.contractPayload.quantity,
      ]),
    ).toEqual([
      ['issue', 'alice', '1.500'],
      ['issue', 'bob', '0.002'],
      ['issue', 'carol', '0.030'],
    ]);
    expect(result.sending.txOps).toEqual([{ mode: 'issue', payoutIds: lines.map((l) => l.id) }]);
    expect(result).toMatchObject({ refused: [], detached: [], spilled: [] });
  });

  it("refuses lines a board no longer pays, with the fix, and sends the others' lines back when the board pays from another account", () => {
    const off = line('off', 'alice');
    const other = line('newtoken', 'bob');
    const moved = line('moved', 'carol');
    const result = plan(
      [off, other, moved],
      [board('off', { enabled: false }), board('newtoken', { symbol: 'SNAP' }), board('moved', { issuer: 'photo-tokens' })],
    );
    expect(result.operations).toEqual([]);
    expect(result.refused).toEqual([
      { id: off.id, error: expect.stringContaining('switched off') },
      { id: other.id, error: expect.stringContaining('now rewards in SNAP') },
    ]);
    expect(result.detached).toEqual([moved.id]);
  });

  it("refuses a transfer to the board's treasury itself", () => {
    const self = line('t', 'maple-tokens', '1', { mode: 'transfer' });
    expect(plan([self], [board('t', { mode: 'transfer' })]).refused).toEqual([{ id: self.id, error: expect.stringContaining('cannot transfer to itself') }]);
  });

  it("sends at most one block's worth of the sender's actions; the rest waits for a later job", () => {
    const lines = Array.from({ length: ENGINE_MAX_ACTIONS_PER_SENDER_PER_BLOCK + 5 }, (_, i) => line('a', `member-${i}`));
    const result = plan(lines, [board('a', {})]);
    const sent = result.sending.txOps.flatMap((o) => o.payoutIds);
    expect(sent).toHaveLength(ENGINE_MAX_ACTIONS_PER_SENDER_PER_BLOCK);
    expect(result.spilled).toHaveLength(5);
    expect(new Set([...sent, ...result.spilled]).size).toBe(lines.length);
  });

  it("sends a member's spending at a merchant as the treasury's transfer with its memo, even on an issue-mode board", () => {
    const reward = line('a', 'alice');
    const spending = line('a', 'oak-bakery', '2500', { reference: 'payment:p1', memo: 'Quanzi payment p1', mode: 'transfer' });
    const result = plan([reward, spending], [board('a', {})]);
    const actions = result.operations.flatMap((op) => [JSON.parse((op[1] as { json: string }).json)].flat());
    expect(actions).toEqual([
      { contractName: 'tokens', contractAction: 'issue', contractPayload: { symbol: 'MAPLE', to: 'alice', quantity: '1.500' } },
      {
        contractName: 'tokens',
        contractAction: 'transfer',
        contractPayload: { symbol: 'MAPLE', to: 'oak-bakery', quantity: '2.500', memo: 'Quanzi payment p1' },
      },
    ]);
    expect(result.sending.txOps).toEqual([
      { mode: 'issue', payoutIds: [reward.id] },
      { mode: 'transfer', payoutIds: [spending.id] },
    ]);
  });
});
