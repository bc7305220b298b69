import { actionCount, engineTxIds } from './engine-ids';

const op = (actions: number) =>
  [
    'custom_json',
    { json: JSON.stringify(actions === 1 ? { contractName: 'tokens' } : Array.from({ length: actions }, () => ({ contractName: 'tokens' }))) },
  ] as const;

describe('engineTxIds', () => {
  const tx = 'a'.repeat(40);
  it('names actions as hive-engine does', () => {
    expect(engineTxIds(tx, [op(1)]).map((r) => r.engineTxId)).toEqual([tx]);
    expect(engineTxIds(tx, [op(3)]).map((r) => r.engineTxId)).toEqual([`${tx}-0`, `${tx}-1`, `${tx}-2`]);
    expect(engineTxIds(tx, [op(2), op(1)]).map((r) => [r.op, r.action, r.engineTxId])).toEqual([
      [0, 0, `${tx}-0-0`],
      [0, 1, `${tx}-0-1`],
      [1, 0, `${tx}-1`],
    ]);
  });
  it('counts actions of a json payload', () => {
    expect(actionCount('[{},{}]')).toBe(2);
    expect(actionCount('{}')).toBe(1);
    expect(actionCount('not json')).toBe(0);
  });
});
