import { likeWeight, qualifies, TRUST_DEFAULTS, type MemberStanding, type TrustRule } from './trust';
import { splitRewardPool } from './math';

const DAY = 24 * 3600 * 1000;
const NOW = Date.parse('2026-06-01T00:00:00Z');
const member = (days: number, extra: Partial<MemberStanding> = {}): MemberStanding => ({
  createdAt: NOW - days * DAY,
  confirmed: false,
  provider: 'local',
  approved: false,
  ...extra,
});
const rule = (extra: Partial<TrustRule> = {}): TrustRule => ({ ...TRUST_DEFAULTS, ...extra });

describe('who qualifies', () => {
  it('by account age alone by default (7 days)', () => {
    expect(qualifies(member(6.99), rule(), NOW)).toBe(false);
    expect(qualifies(member(7), rule(), NOW)).toBe(true);
    expect(qualifies(member(0), rule({ minAccountAgeDays: 0 }), NOW)).toBe(true);
  });

  it.each([
    ['confirmed-email', member(30, { confirmed: true }), true],
    ['confirmed-email', member(30), false],
    // A WeChat sign-up is "confirmed" with a placeholder address: that is not a confirmed email.
    ['confirmed-email', member(30, { provider: 'wechat', confirmed: true }), false],
    ['wechat-or-phone', member(30, { provider: 'wechat' }), true],
    ['wechat-or-phone', member(30, { provider: 'phone' }), true],
    ['wechat-or-phone', member(30, { confirmed: true }), false],
    ['any-verified', member(30, { confirmed: true }), true],
    ['any-verified', member(30, { provider: 'wechat' }), true],
    ['any-verified', member(30), false],
    ['editor-approval', member(365, { confirmed: true, provider: 'local' }), false],
    ['editor-approval', member(0, { approved: true }), true],
  ] as const)('proof %s: %j → %s', (proof, standing, expected) => {
    expect(qualifies(standing, rule({ proof }), NOW)).toBe(expected);
  });

  it('needs age and proof together, unless an editor approved the member', () => {
    expect(qualifies(member(1, { confirmed: true }), rule({ proof: 'confirmed-email' }), NOW)).toBe(false);
    expect(qualifies(member(1, { approved: true }), rule({ proof: 'confirmed-email', minAccountAgeDays: 30 }), NOW)).toBe(true);
    expect(qualifies(undefined, rule({ minAccountAgeDays: 0 }), NOW)).toBe(false);
  });

  it("weighs a new member's like at the board's share, rounded down", () => {
    expect(likeWeight(10000, true, rule())).toBe(10000);
    expect(likeWeight(10000, false, rule())).toBe(100);
    expect(likeWeight(9999, false, rule({ newMemberLikeWeightPercent: 3 }))).toBe(299);
    expect(likeWeight(10000, false, rule({ newMemberLikeWeightPercent: 0 }))).toBe(0);
  });
});

describe('likes that may not earn', () => {
  const params = { curationRewardPercentage: 50, postRewardCurveParameter: 1, curationRewardCurveParameter: 1 };

  it('add their weight to the post and take no curation share', () => {
    const post = {
      postId: 'p',
      author: 'a',
      likes: [
        { member: 'real', weight: 10000, at: 1 },
        ...Array.from({ length: 10 }, (_, i) => ({ member: `fresh${i}`, weight: 100, at: 2 + i, earns: false })),
      ],
    };
    const other = { postId: 'q', author: 'b', likes: [{ member: 'real2', weight: 10000, at: 1 }] };
    const split = splitRewardPool({ pool: 210000n, posts: [post, other], params });
    const total = (postId: string) => split.allocations.filter((a) => a.postId === postId).reduce((s, a) => s + a.amount, 0n);
    // 11,000 against 10,000 weight: ten fresh likes moved the post by a tenth of one real like.
    expect(total('p')).toBe(110000n);
    expect(total('q')).toBe(100000n);
    expect(split.allocations.some((a) => a.member.startsWith('fresh'))).toBe(false);
    // The real liker takes the curators' half of the post alone.
    expect(split.allocations.find((a) => a.member === 'real')!.amount).toBe(55000n);
    expect(split.carryOver).toBe(0n);
  });
});
