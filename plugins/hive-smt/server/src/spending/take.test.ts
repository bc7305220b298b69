import fc from 'fast-check';
import { custodialBalance, planTake } from './take';

const a = (id: number, amount: number) => ({ id, amount: BigInt(amount) });

describe('planTake', () => {
  it('takes whole allocations oldest first and splits the last', () => {
    expect(planTake([a(1, 300), a(2, 500), a(3, 200)], 600n)).toEqual({ whole: [1], split: { id: 2, taken: 300n, kept: 200n } });
    expect(planTake([a(1, 300), a(2, 500)], 800n)).toEqual({ whole: [1, 2], split: null });
  });

  it('answers null when the balance is short', () => {
    expect(planTake([a(1, 300)], 301n)).toBeNull();
    expect(planTake([], 1n)).toBeNull();
  });

  it('refuses a non-positive amount', () => {
    expect(() => planTake([a(1, 5)], 0n)).toThrow(RangeError);
  });

  it('takes exactly the amount, and keeps the rest, for any allocations', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 10_000 }), { maxLength: 20 }), fc.integer({ min: 1, max: 250_000 }), (amounts, want) => {
        const allocations = amounts.map((amount, i) => a(i + 1, amount));
        const plan = planTake(allocations, BigInt(want));
        const balance = custodialBalance(allocations);
        if (balance < BigInt(want)) return plan === null;
        const byId = new Map(allocations.map((x) => [x.id, x.amount]));
        const taken = plan!.whole.reduce((s, id) => s + byId.get(id)!, 0n) + (plan!.split?.taken ?? 0n);
        const splitOk =
          plan!.split === null || (plan!.split.taken > 0n && plan!.split.kept > 0n && plan!.split.taken + plan!.split.kept === byId.get(plan!.split.id));
        return taken === BigInt(want) && splitOk && !plan!.whole.includes(plan!.split?.id ?? -1);
      }),
    );
  });
});
