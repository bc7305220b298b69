import fc from 'fast-check';
import { estimatePost, planSettlement } from './settle';
import type { RewardParams, RewardPost } from './math';

const params: RewardParams = { curationRewardPercentage: 50, postRewardCurveParameter: '1', curationRewardCurveParameter: '0.5' };
const like = (member: string, at: number, weight = 10000) => ({ member, weight, at });
const sum = (xs: { amount: bigint }[]) => xs.reduce((s, x) => s + x.amount, 0n);

const members = ['m1', 'm2', 'm3', 'm4', 'm5'];
const postArb = (postId: string) =>
  fc.record({
    postId: fc.constant(postId),
    author: fc.constantFrom(...members),
    likes: fc.array(fc.record({ member: fc.constantFrom(...members), weight: fc.integer({ min: 0, max: 10000 }), at: fc.integer({ min: 0, max: 1e6 }) }), {
      maxLength: 6,
    }),
    comments: fc.integer({ min: 0, max: 4 }),
    featured: fc.boolean(),
  });
const inputArb = fc.record({
  pool: fc.bigInt({ min: 0n, max: 10n ** 15n }),
  posts: fc.tuple(postArb('p1'), postArb('p2'), postArb('p3'), postArb('p4')),
  due: fc.subarray(['p1', 'p2', 'p3', 'p4']),
  cap: fc.option(fc.bigInt({ min: 0n, max: 10n ** 12n }), { nil: undefined }),
});

describe('planSettlement', () => {
  it('pays only due posts, and distributed + carryOver is exactly the pool', () => {
    fc.assert(
      fc.property(inputArb, ({ pool, posts, due, cap }) => {
        const plan = planSettlement({
          pool,
          posts,
          due,
          params: { ...params, commentBonusBps: 500, featuredBonusBps: 2500, ...(cap !== undefined ? { dailyCapPerMember: cap } : {}) },
        });
        expect(plan.distributed + plan.carryOver).toBe(pool);
        expect(sum(plan.allocations)).toBe(plan.distributed);
        expect(plan.allocations.every((a) => a.amount > 0n && due.includes(a.postId))).toBe(true);
        expect(plan.distributed <= plan.dueShare && plan.dueShare <= pool).toBe(true);
        if (cap !== undefined) {
          const byMember = new Map<string, bigint>();
          for (const a of plan.allocations) byMember.set(a.member, (byMember.get(a.member) ?? 0n) + a.amount);
          for (const amount of byMember.values()) expect(amount <= cap).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('pays everything when every post is due and someone earned, and nothing when nothing is due', () => {
    const posts: RewardPost[] = [
      { postId: 'a', author: 'x', likes: [like('y', 1)] },
      { postId: 'b', author: 'y', likes: [like('x', 2, 5000)] },
    ];
    expect(planSettlement({ pool: 1000n, posts, due: ['a', 'b'], params }).carryOver).toBe(0n);
    expect(planSettlement({ pool: 1000n, posts, due: [], params })).toMatchObject({ distributed: 0n, carryOver: 1000n, allocations: [] });
  });

  it('pays a due post its share of the pool and keeps the rest for the posts still in their window', () => {
    const posts: RewardPost[] = [
      { postId: 'a', author: 'x', likes: [like('y', 1)] },
      { postId: 'b', author: 'y', likes: [like('x', 2)] },
    ];
    const plan = planSettlement({ pool: 1001n, posts, due: ['a'], params });
    expect(plan.dueShare).toBe(501n); // equal scores: half, the odd unit to the earlier claim
    expect(plan.carryOver).toBe(500n);
    expect(plan.allocations.map((a) => [a.member, a.role, a.amount])).toEqual([
      ['x', 'author', 251n],
      ['y', 'curator', 250n],
    ]);
  });

  it('is monotone in likes for the due post and ignores self-likes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10000 }), fc.bigInt({ min: 1000n, max: 10n ** 12n }), (weight, pool) => {
        const other: RewardPost = { postId: 'b', author: 'y', likes: [like('z', 5)] };
        const one: RewardPost = { postId: 'a', author: 'x', likes: [like('y', 1)] };
        const two: RewardPost = { ...one, likes: [like('y', 1), like('z', 2, weight)] };
        const self: RewardPost = { ...one, likes: [like('y', 1), like('x', 2, weight)] };
        const paid = (p: RewardPost) => planSettlement({ pool, posts: [p, other], due: ['a'], params }).distributed;
        expect(paid(two) >= paid(one)).toBe(true);
        expect(paid(self)).toBe(paid(one));
      }),
    );
  });
});

describe('estimatePost', () => {
  it("is the post's part of a settlement of everything now, split by role", () => {
    const posts: RewardPost[] = [{ postId: 'a', author: 'x', likes: [like('y', 1)], featured: true }];
    const e = estimatePost(10000n, posts, 'a', { ...params, featuredBonusBps: 10000 });
    // The app tax is taken afterwards, by the pool's appTaxConfig (periods.ts): none here.
    expect(e).toEqual({ total: 10000n, author: 2500n, curators: 2500n, bonus: 5000n, appTax: 0n });
    expect(estimatePost(10000n, posts, 'missing', params).total).toBe(0n);
  });
});
