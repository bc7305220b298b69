import { deletable } from './removal-rules';

const now = new Date('2026-12-01T00:00:00Z');
const later = new Date('2026-12-05T00:00:00Z');
const content = { netRshares: 0n, cashoutTime: later };

describe('deletable (what delete_comment_evaluator checks)', () => {
  it('deletes a post without replies, positive rshares or payout', () => {
    expect(deletable({ children: 0, state: { exists: true, cashout: { netRshares: 0n, cashoutTime: later } }, content, now })).toBe(true);
  });

  it('decides by net rshares, not votes: dust votes (0 rshares) do not stop it, any positive rshares do', () => {
    expect(
      deletable({ children: 0, state: { exists: true, cashout: { netRshares: 0n, cashoutTime: later } }, content: { ...content, netRshares: 0n }, now }),
    ).toBe(true);
    expect(deletable({ children: 0, state: { exists: true, cashout: { netRshares: 1n, cashoutTime: later } }, content, now })).toBe(false);
    expect(deletable({ children: 0, state: { exists: true, cashout: { netRshares: -5n, cashoutTime: later } }, content, now })).toBe(true);
  });

  it('tombstones after payout and with replies', () => {
    expect(deletable({ children: 0, state: { exists: true, cashout: null }, content, now })).toBe(false);
    expect(deletable({ children: 0, state: { exists: true, cashout: { netRshares: 0n, cashoutTime: now } }, content, now })).toBe(false);
    expect(deletable({ children: 1, state: { exists: true, cashout: { netRshares: 0n, cashoutTime: later } }, content, now })).toBe(false);
  });

  it("reads hivemind's fields when hived's state is not served", () => {
    expect(deletable({ children: 0, state: null, content, now })).toBe(true);
    expect(deletable({ children: 0, state: null, content: { netRshares: 12n, cashoutTime: later }, now })).toBe(false);
    expect(deletable({ children: 0, state: null, content: { netRshares: 0n, cashoutTime: null }, now })).toBe(false);
  });
});
