import { fundingIssues, outcomesPerLine } from './handler';

describe('the outcome of a line paid by two actions (issue to the issuer, then stake)', () => {
  const action = (payoutId: number, engineTxId: string, errors: string[] = []) => ({ payoutId, engineTxId, errors });

  it('is the last action’s: the stake reaches the member', () => {
    const results = [action(1, 't-0'), action(1, 't-1', ['max transaction limit per block reached.']), action(2, 't-2')];
    expect(outcomesPerLine(results).map((r) => [r.payoutId, r.engineTxId])).toEqual([
      [1, 't-1'],
      [2, 't-2'],
    ]);
  });

  it('records the passed issue of a line, so that a failed stake is sent again without issuing twice', () => {
    const results = [
      action(1, 't-0'),
      action(1, 't-1', ['max transaction limit per block reached.']),
      action(2, 't-2', ['quantity exceeds available supply']),
      action(2, 't-3'),
      action(3, 't-4'),
    ];
    // Line 1's issue passed; line 2's failed (nothing issued); line 3 is one action (a transfer or an issue to the member).
    expect([...fundingIssues(results)]).toEqual([[1, 't-0']]);
  });
});
