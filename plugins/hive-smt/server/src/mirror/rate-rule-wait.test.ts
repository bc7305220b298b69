import { rateRuleWait } from './rate-rule-wait';

const head = new Date('2026-05-01T10:00:00Z');
const ago = (seconds: number) => new Date(head.getTime() - seconds * 1000);
const clock = (over: { lastPost?: Date; lastRootPost?: Date; lastPostEdit?: Date }) => ({
  name: 'maple-school',
  lastPost: null,
  lastRootPost: null,
  lastPostEdit: null,
  ...over,
});
const NOW = 1_000_000;

describe('rateRuleWait', () => {
  it('lets an operation go when the account has no earlier one, or no clock is known', () => {
    for (const kind of ['root', 'reply', 'edit'] as const) {
      expect(rateRuleWait(kind, 'maple-school', clock({}), head, NOW)).toBeNull();
      expect(rateRuleWait(kind, 'maple-school', undefined, head, NOW)).toBeNull();
    }
  });

  it("waits out the 5-minute root rule, on this server's clock, measured on the chain's", () => {
    // Last root post 100 s ago (chain time): the first block more than 300 s after it is 203 s away.
    const wait = rateRuleWait('root', 'maple-school', clock({ lastRootPost: ago(100) }), head, NOW);
    expect(wait).toEqual({
      kind: 'defer',
      notBefore: NOW + 203_000,
      reason: 'Hive allows @maple-school one new post every 5 minutes; this one goes out in about 203 s.',
    });
  });

  it('reads the rule of its own kind only: a recent reply does not hold back a root post', () => {
    expect(rateRuleWait('root', 'maple-school', clock({ lastPost: ago(1), lastPostEdit: ago(0) }), head, NOW)).toBeNull();
    expect(rateRuleWait('reply', 'maple-school', clock({ lastRootPost: ago(1) }), head, NOW)).toBeNull();
  });

  it('waits for the 3-second reply rule and for the next block after an edit', () => {
    expect(rateRuleWait('reply', 'alice', clock({ lastPost: ago(1) }), head, NOW)).toEqual({
      kind: 'defer',
      notBefore: NOW + 2000,
      reason: 'Hive allows @alice one comment every 3 seconds; this one goes out in about 2 s.',
    });
    expect(rateRuleWait('edit', 'alice', clock({ lastPostEdit: head }), head, NOW)).toEqual({
      kind: 'defer',
      notBefore: NOW + 3000,
      reason: 'Hive takes one edit per block; sending with the next block.',
    });
    expect(rateRuleWait('edit', 'alice', clock({ lastPostEdit: ago(3) }), head, NOW)).toBeNull();
  });
});
