import fc from 'fast-check';
import { curationWeight, formatQuantity, postScore, splitRewardPool, toBaseUnits, type RewardParams, type RewardPost, type RewardSplit } from './math';

const base: RewardParams = {
  curationRewardPercentage: 50,
  postRewardCurveParameter: '1',
  curationRewardCurveParameter: '1',
};

const like = (member: string, at: number, weight = 10000) => ({ member, weight, at });
const post = (postId: string, author: string, likes: RewardPost['likes'], extra: Partial<RewardPost> = {}): RewardPost => ({
  postId,
  author,
  likes,
  ...extra,
});
const amounts = (split: RewardSplit) => split.allocations.map((a) => [a.member, a.postId, a.role, a.amount]);
const total = (split: RewardSplit) => split.allocations.reduce((s, a) => s + a.amount, 0n);

describe('re-exported precision helpers', () => {
  it('convert Hive-Engine quantities', () => {
    expect(toBaseUnits('12.345', 3)).toBe(12345n);
    expect(formatQuantity(12345n, 3)).toBe('12.345');
  });
});

describe('postScore and curationWeight', () => {
  it('apply the post curve to the total weight', () => {
    expect(postScore(2n, '2') / postScore(1n, '2')).toBe(4n);
    expect(postScore(3n, '1') / postScore(1n, '1')).toBe(3n);
  });
  it('give earlier likes more with a concave curation curve', () => {
    const first = curationWeight(0n, 100n, '0.5');
    const second = curationWeight(100n, 100n, '0.5');
    expect(first > second).toBe(true);
    expect(curationWeight(100n, 100n, '1')).toBe(curationWeight(0n, 100n, '1'));
  });
});

describe('splitRewardPool', () => {
  it('splits a post between author and curator by curationRewardPercentage', () => {
    const split = splitRewardPool({ pool: 1000n, posts: [post('p1', 'alice', [like('bob', 1)])], params: base });
    expect(amounts(split)).toEqual([
      ['alice', 'p1', 'author', 500n],
      ['bob', 'p1', 'curator', 500n],
    ]);
    expect(split.carryOver).toBe(0n);
  });

  it('shares the pool between posts by score, through the post curve', () => {
    const posts = [post('p1', 'alice', [like('bob', 1)]), post('p2', 'carol', [like('bob', 1), like('dave', 2)])];
    const linear = splitRewardPool({ pool: 3000n, posts, params: { ...base, curationRewardPercentage: 0 } });
    expect(amounts(linear)).toEqual([
      ['alice', 'p1', 'author', 1000n],
      ['carol', 'p2', 'author', 2000n],
    ]);
    const squared = splitRewardPool({ pool: 5000n, posts, params: { ...base, curationRewardPercentage: 0, postRewardCurveParameter: '2' } });
    expect(amounts(squared)).toEqual([
      ['alice', 'p1', 'author', 1000n],
      ['carol', 'p2', 'author', 4000n],
    ]);
  });

  it('pays earlier likers more with a square-root curation curve', () => {
    const split = splitRewardPool({
      pool: 10000n,
      posts: [post('p1', 'alice', [like('late', 20), like('early', 10)])],
      params: { ...base, curationRewardCurveParameter: '0.5' },
    });
    const early = split.allocations.find((a) => a.member === 'early')!.amount;
    const late = split.allocations.find((a) => a.member === 'late')!.amount;
    expect(early + late).toBe(5000n);
    // weights 1 : (√2 − 1)
    expect(early).toBe(3536n);
    expect(late).toBe(1464n);
  });

  it('gives self-likes, muted likers and repeated likes nothing', () => {
    const split = splitRewardPool({
      pool: 900n,
      posts: [post('p1', 'alice', [like('alice', 1), like('mallory', 2), like('bob', 3), like('bob', 4)])],
      params: { ...base, mutedMembers: ['mallory'] },
    });
    expect(amounts(split)).toEqual([
      ['alice', 'p1', 'author', 450n],
      ['bob', 'p1', 'curator', 450n],
    ]);
  });

  it('keeps the whole pool when only self-likes exist', () => {
    const split = splitRewardPool({ pool: 900n, posts: [post('p1', 'alice', [like('alice', 1)])], params: base });
    expect(split.allocations).toEqual([]);
    expect(split.carryOver).toBe(900n);
  });

  it('pays nothing for muted posts, posts of muted authors or posts with an excluded tag', () => {
    const posts = [
      post('ok', 'alice', [like('bob', 1)]),
      post('muted-flag', 'carol', [like('bob', 1)], { muted: true }),
      post('muted-list', 'carol', [like('bob', 1)]),
      post('by-muted', 'mallory', [like('bob', 1)]),
      post('spam', 'dave', [like('bob', 1)], { tags: ['News', 'SPAM'] }),
    ];
    const split = splitRewardPool({ pool: 1000n, posts, params: { ...base, mutedPosts: ['muted-list'], mutedMembers: ['mallory'], excludeTags: ['spam'] } });
    expect(new Set(split.allocations.map((a) => a.postId))).toEqual(new Set(['ok']));
    expect(total(split)).toBe(1000n);
  });

  it('lets the author keep the curation share when curation is off', () => {
    const split = splitRewardPool({ pool: 1000n, posts: [post('p1', 'alice', [like('bob', 1)])], params: { ...base, curationRewardPercentage: 0 } });
    expect(amounts(split)).toEqual([['alice', 'p1', 'author', 1000n]]);
  });

  it('pays a featured bonus to the author as its own line', () => {
    const posts = [post('p1', 'alice', [like('bob', 1)], { featured: true }), post('p2', 'carol', [like('bob', 1)])];
    const split = splitRewardPool({ pool: 2500n, posts, params: { ...base, featuredBonusBps: 5000 } });
    expect(amounts(split)).toEqual([
      ['alice', 'p1', 'author', 500n],
      ['bob', 'p1', 'curator', 500n],
      ['alice', 'p1', 'bonus', 500n],
      ['carol', 'p2', 'author', 500n],
      ['bob', 'p2', 'curator', 500n],
    ]);
  });

  it('counts each other, unmuted commenter once for the comment bonus, up to its cap', () => {
    const comments = [{ member: 'bob' }, { member: 'bob' }, { member: 'alice' }, { member: 'mallory' }, { member: 'dave' }];
    const params = { ...base, curationRewardPercentage: 0, commentBonusBps: 1000, mutedMembers: ['mallory'] };
    const posts = [post('p1', 'alice', [like('x', 1)], { comments }), post('p2', 'carol', [like('x', 1)])];
    // p1: 2 commenters → +20 %
    expect(amounts(splitRewardPool({ pool: 2200n, posts, params }))).toEqual([
      ['alice', 'p1', 'author', 1000n],
      ['alice', 'p1', 'bonus', 200n],
      ['carol', 'p2', 'author', 1000n],
    ]);
    expect(amounts(splitRewardPool({ pool: 2100n, posts, params: { ...params, maxCommentBonusBps: 1000 } }))[1]).toEqual(['alice', 'p1', 'bonus', 100n]);
    // a count is taken as already filtered
    const counted = [post('p1', 'alice', [like('x', 1)], { comments: 3 }), post('p2', 'carol', [like('x', 1)])];
    expect(amounts(splitRewardPool({ pool: 2300n, posts: counted, params }))[1]).toEqual(['alice', 'p1', 'bonus', 300n]);
  });

  it('breaks rounding ties by postId, then role, then like order', () => {
    const posts = [post('b', 'bob', [like('x', 1)]), post('a', 'alice', [like('y', 1)])];
    expect(amounts(splitRewardPool({ pool: 1n, posts, params: base }))).toEqual([['alice', 'a', 'author', 1n]]);
    expect(amounts(splitRewardPool({ pool: 3n, posts, params: base }))).toEqual([
      ['alice', 'a', 'author', 1n],
      ['y', 'a', 'curator', 1n],
      ['bob', 'b', 'author', 1n],
    ]);
  });

  describe('daily cap', () => {
    const posts = [post('p1', 'alice', [like('bob', 1)]), post('p2', 'alice', [like('bob', 2)])];

    it('keeps a member at the cap and leaves the excess in the pool', () => {
      const split = splitRewardPool({ pool: 1000n, posts, params: { ...base, dailyCapPerMember: 300n } });
      const alice = split.allocations.filter((a) => a.member === 'alice').reduce((s, a) => s + a.amount, 0n);
      const bob = split.allocations.filter((a) => a.member === 'bob').reduce((s, a) => s + a.amount, 0n);
      expect(alice).toBe(300n);
      expect(bob).toBe(300n);
      expect(split.carryOver).toBe(400n);
      expect(split.capped).toEqual([
        { member: 'alice', amount: 200n },
        { member: 'bob', amount: 200n },
      ]);
    });

    it('counts what the member earned earlier the same day', () => {
      const split = splitRewardPool({ pool: 1000n, posts, params: { ...base, dailyCapPerMember: 300n, earnedToday: { alice: 250n, bob: 400n } } });
      expect(amounts(split)).toEqual([
        ['alice', 'p1', 'author', 25n],
        ['alice', 'p2', 'author', 25n],
      ]);
      expect(split.carryOver).toBe(950n);
    });
  });

  it('handles an empty pool and an empty period', () => {
    expect(splitRewardPool({ pool: 0n, posts: [post('p1', 'alice', [like('bob', 1)])], params: base })).toEqual({ allocations: [], carryOver: 0n, capped: [] });
    expect(splitRewardPool({ pool: 77n, posts: [], params: base })).toEqual({ allocations: [], carryOver: 77n, capped: [] });
  });

  it('refuses inputs that cannot be split honestly', () => {
    expect(() => splitRewardPool({ pool: -1n, posts: [], params: base })).toThrow(RangeError);
    expect(() => splitRewardPool({ pool: 1n, posts: [post('p', 'a', []), post('p', 'b', [])], params: base })).toThrow(/appears twice/);
    expect(() => splitRewardPool({ pool: 1n, posts: [post('p', 'a', [like('b', 1, -5)])], params: base })).toThrow(/non-negative integers/);
    expect(() => splitRewardPool({ pool: 1n, posts: [], params: { ...base, curationRewardPercentage: 50.5 } })).toThrow(RangeError);
    expect(() => splitRewardPool({ pool: 1n, posts: [], params: { ...base, postRewardCurveParameter: '3' } })).toThrow(/between 1 and 2/);
  });

  it('accepts Date like times', () => {
    const split = splitRewardPool({ pool: 10n, posts: [post('p1', 'alice', [{ member: 'bob', weight: 1, at: new Date(0) }])], params: base });
    expect(total(split)).toBe(10n);
  });
});

// ---- properties -------------------------------------------------------------

const MEMBERS = ['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6'];
const member = fc.constantFrom(...MEMBERS);
const likeArb = fc.record({ member, weight: fc.integer({ min: 0, max: 10000 }), at: fc.integer({ min: 0, max: 1000 }) });
const postsArb = fc.uniqueArray(
  fc.record({
    postId: fc.constantFrom('p0', 'p1', 'p2', 'p3', 'p4', 'p5'),
    author: member,
    likes: fc.array(likeArb, { maxLength: 8 }),
    comments: fc.array(fc.record({ member }), { maxLength: 4 }),
    featured: fc.boolean(),
    tags: fc.subarray(['news', 'spam', 'fun']),
    muted: fc.boolean(),
  }),
  { selector: (p) => p.postId, maxLength: 6 },
);
const paramsArb = fc.record({
  curationRewardPercentage: fc.integer({ min: 0, max: 100 }),
  postRewardCurveParameter: fc.constantFrom('1', '1.25', '1.5', '2'),
  curationRewardCurveParameter: fc.constantFrom('0.5', '0.75', '1'),
  featuredBonusBps: fc.integer({ min: 0, max: 10000 }),
  commentBonusBps: fc.integer({ min: 0, max: 2000 }),
  maxCommentBonusBps: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: undefined }),
  excludeTags: fc.subarray(['spam']),
  mutedMembers: fc.subarray(['m5', 'm6']),
  mutedPosts: fc.subarray(['p4']),
});
const cappedParamsArb = fc
  .tuple(paramsArb, fc.bigInt({ min: 0n, max: 10n ** 6n }), fc.dictionary(member, fc.bigInt({ min: 0n, max: 10n ** 6n })))
  .map(([params, cap, earnedToday]) => ({ ...params, dailyCapPerMember: cap, earnedToday }));
const poolArb = fc.bigInt({ min: 0n, max: 10n ** 12n });

function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i -= 1) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('splitRewardPool properties', () => {
  it('sum(allocations) + carryOver is exactly the pool, with or without a cap', () => {
    fc.assert(
      fc.property(poolArb, postsArb, fc.oneof(paramsArb, cappedParamsArb), (pool, posts, params) => {
        const split = splitRewardPool({ pool, posts, params });
        expect(total(split) + split.carryOver).toBe(pool);
        expect(split.carryOver >= 0n).toBe(true);
        expect(split.capped.reduce((s, c) => s + c.amount, 0n) <= split.carryOver).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never allocates zero or negative amounts, and only to people who earned a role', () => {
    fc.assert(
      fc.property(poolArb, postsArb, fc.oneof(paramsArb, cappedParamsArb), (pool, posts, params) => {
        const split = splitRewardPool({ pool, posts, params });
        for (const a of split.allocations) {
          expect(a.amount > 0n).toBe(true);
          const p = posts.find((x) => x.postId === a.postId)!;
          expect(params.mutedMembers).not.toContain(a.member);
          expect(params.mutedPosts).not.toContain(a.postId);
          expect(p.muted).toBe(false);
          expect(p.tags.some((t) => params.excludeTags.includes(t))).toBe(false);
          if (a.role === 'curator') {
            expect(a.member).not.toBe(p.author);
            expect(p.likes.some((l) => l.member === a.member && l.weight > 0)).toBe(true);
          } else {
            expect(a.member).toBe(p.author);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic and ignores the order of posts, likes and comments', () => {
    fc.assert(
      fc.property(poolArb, postsArb, fc.oneof(paramsArb, cappedParamsArb), fc.integer(), (pool, posts, params, seed) => {
        const reordered = shuffle(posts, seed).map((p, i) => ({ ...p, likes: shuffle(p.likes, seed + i), comments: shuffle(p.comments, seed - i) }));
        const a = splitRewardPool({ pool, posts, params });
        expect(splitRewardPool({ pool, posts, params })).toEqual(a);
        expect(splitRewardPool({ pool, posts: reordered, params: { ...params, mutedMembers: shuffle(params.mutedMembers, seed) } })).toEqual(a);
      }),
      { numRuns: 200 },
    );
  });

  it('is unchanged by self-likes and by likes from muted members', () => {
    fc.assert(
      fc.property(
        poolArb,
        postsArb,
        fc.oneof(paramsArb, cappedParamsArb),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 0, max: 1000 }), fc.boolean()), { minLength: 1, maxLength: 5 }),
        (pool, posts, params, extra) => {
          fc.pre(posts.length > 0);
          const withExtra = posts.map((p) => ({ ...p, likes: [...p.likes] }));
          for (const [which, weight, at, self] of extra) {
            const p = withExtra[which % withExtra.length];
            const muted = ['m5', 'm6'].filter((m) => params.mutedMembers.includes(m));
            if (self) p.likes.push({ member: p.author, weight, at });
            else if (muted.length > 0) p.likes.push({ member: muted[which % muted.length], weight, at });
          }
          expect(splitRewardPool({ pool, posts: withExtra, params })).toEqual(splitRewardPool({ pool, posts, params }));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('respects the daily cap: nobody ends the day above it', () => {
    fc.assert(
      fc.property(poolArb, postsArb, cappedParamsArb, (pool, posts, params) => {
        const split = splitRewardPool({ pool, posts, params });
        const byMember = new Map<string, bigint>();
        for (const a of split.allocations) byMember.set(a.member, (byMember.get(a.member) ?? 0n) + a.amount);
        for (const [m, amount] of byMember) {
          const earned = params.earnedToday[m] ?? 0n;
          expect(amount + earned <= (earned > params.dailyCapPerMember ? earned : params.dailyCapPerMember)).toBe(true);
        }
        for (const { member: m } of split.capped) {
          const room = params.dailyCapPerMember - (params.earnedToday[m] ?? 0n);
          expect(byMember.get(m) ?? 0n).toBe(room > 0n ? room : 0n); // a capped member gets exactly the room left
        }
      }),
      { numRuns: 300 },
    );
  });

  // The exact (unrounded) author share of post p is pool · score_p·(100 − c)% / Σ score_q·(1 + bonus_q),
  // which grows with score_p; rounding moves an amount by less than one unit. So the precise property:
  // a new eligible like on p never lowers p's author amount by more than 1 base unit (other posts unchanged, no cap).
  it("a new like never lowers the post author's amount by more than one base unit", () => {
    fc.assert(
      fc.property(
        poolArb,
        postsArb,
        paramsArb,
        fc.nat(),
        member,
        fc.integer({ min: 1, max: 10000 }),
        fc.integer({ min: 0, max: 2000 }),
        (pool, posts, params, which, liker, weight, at) => {
          fc.pre(posts.length > 0);
          const target = posts[which % posts.length];
          fc.pre(liker !== target.author && !params.mutedMembers.includes(liker) && !target.likes.some((l) => l.member === liker));
          const authorAmount = (split: RewardSplit) => split.allocations.find((a) => a.postId === target.postId && a.role === 'author')?.amount ?? 0n;
          const before = authorAmount(splitRewardPool({ pool, posts, params }));
          const more = posts.map((p) => (p === target ? { ...p, likes: [...p.likes, { member: liker, weight, at }] } : p));
          const after = authorAmount(splitRewardPool({ pool, posts: more, params }));
          expect(after >= before - 1n).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('pays equal-weight likers no more for liking later (concave curation curve)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 10n ** 6n, max: 10n ** 12n }), fc.uniqueArray(member, { minLength: 2, maxLength: 6 }), (pool, likers) => {
        const likes = likers.map((m, i) => ({ member: m, weight: 5000, at: i }));
        const split = splitRewardPool({
          pool,
          posts: [{ postId: 'p', author: 'author', likes }],
          params: { ...base, curationRewardCurveParameter: '0.5' },
        });
        const curators = split.allocations.filter((a) => a.role === 'curator').map((a) => a.amount);
        for (let i = 1; i < curators.length; i += 1) expect(curators[i] <= curators[i - 1]).toBe(true);
      }),
    );
  });
});

describe('downvotes', () => {
  it("take their weight off the post's total before the curve, and earn nothing", () => {
    const posts = [
      post('p1', 'alice', [like('bob', 1, 8000)], { downvotes: [{ member: 'carol', weight: 4000 }] }),
      post('p2', 'dave', [like('erin', 1, 4000)]),
    ];
    const split = splitRewardPool({ pool: 1000n, posts, params: base });
    // p1 nets 4000, p2 has 4000: equal halves; carol gets nothing.
    expect(amounts(split)).toEqual([
      ['alice', 'p1', 'author', 250n],
      ['bob', 'p1', 'curator', 250n],
      ['dave', 'p2', 'author', 250n],
      ['erin', 'p2', 'curator', 250n],
    ]);
  });

  it('leave a post whose downvotes reach its likes with nothing, the pool to the others', () => {
    const posts = [post('p1', 'alice', [like('bob', 1, 3000)], { downvotes: [{ member: 'carol', weight: 3000 }] }), post('p2', 'dave', [like('erin', 1, 10)])];
    const split = splitRewardPool({ pool: 1000n, posts, params: base });
    expect(split.allocations.every((a) => a.postId === 'p2')).toBe(true);
    expect(total(split)).toBe(1000n);
  });

  it('by a muted member count nothing; each member counts once', () => {
    const plain = [post('p1', 'alice', [like('bob', 1, 8000)]), post('p2', 'dave', [like('erin', 1, 4000)])];
    const muted = plain.map((p) => (p.postId === 'p1' ? { ...p, downvotes: [{ member: 'm5', weight: 8000 }] } : p));
    const params = { ...base, mutedMembers: ['m5'] };
    expect(splitRewardPool({ pool: 1000n, posts: muted, params })).toEqual(splitRewardPool({ pool: 1000n, posts: plain, params }));
    const twice = plain.map((p) =>
      p.postId === 'p1'
        ? {
            ...p,
            downvotes: [
              { member: 'carol', weight: 4000 },
              { member: 'carol', weight: 4000 },
            ],
          }
        : p,
    );
    const once = plain.map((p) => (p.postId === 'p1' ? { ...p, downvotes: [{ member: 'carol', weight: 4000 }] } : p));
    expect(splitRewardPool({ pool: 1000n, posts: twice, params: base })).toEqual(splitRewardPool({ pool: 1000n, posts: once, params: base }));
  });

  it('refuse negative weights', () => {
    expect(() => splitRewardPool({ pool: 1n, posts: [post('p', 'a', [like('b', 1)], { downvotes: [{ member: 'c', weight: -1 }] })], params: base })).toThrow(
      /Downvote weights/,
    );
  });

  const downvoteArb = fc.record({ member, weight: fc.integer({ min: 0, max: 10000 }) });

  it('keep the pool whole, and never raise the downvoted post above what it had', () => {
    fc.assert(
      fc.property(poolArb, postsArb, paramsArb, fc.nat(), fc.array(downvoteArb, { minLength: 1, maxLength: 4 }), (pool, posts, params, which, downvotes) => {
        fc.pre(posts.length > 0);
        const target = posts[which % posts.length];
        const postTotal = (split: RewardSplit) => split.allocations.filter((a) => a.postId === target.postId).reduce((sum, a) => sum + a.amount, 0n);
        const before = splitRewardPool({ pool, posts, params });
        const after = splitRewardPool({ pool, posts: posts.map((p) => (p === target ? { ...p, downvotes } : p)), params });
        expect(total(after) + after.carryOver).toBe(pool);
        // Lower score, same others: its share can only shrink (one base unit of rounding aside).
        expect(postTotal(after) <= postTotal(before) + 1n).toBe(true);
        expect(
          after.allocations.some(
            (a) =>
              downvotes.some((d) => d.member === a.member) &&
              a.postId === target.postId &&
              a.role === 'curator' &&
              !target.likes.some((l) => l.member === a.member),
          ),
        ).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('of weight 0 change nothing', () => {
    fc.assert(
      fc.property(poolArb, postsArb, paramsArb, fc.array(member, { minLength: 1, maxLength: 3 }), (pool, posts, params, downvoters) => {
        const zero = posts.map((p) => ({ ...p, downvotes: downvoters.map((m) => ({ member: m, weight: 0 })) }));
        expect(splitRewardPool({ pool, posts: zero, params })).toEqual(splitRewardPool({ pool, posts, params }));
      }),
      { numRuns: 200 },
    );
  });
});
