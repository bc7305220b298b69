/**
 * Who earns and who curates on a board. Registration is open, so a new
 * account is anyone's: until a member qualifies under the board's rule, their
 * posts and likes earn them nothing and their likes weigh a small share of a
 * like (newMemberLikeWeightPercent), so ten fresh accounts cannot multiply a
 * post's reward. A member qualifies when their account is old enough and they
 * hold the board's proof — or when an editor approved them.
 */
export const EARNING_PROOFS = ['none', 'confirmed-email', 'wechat-or-phone', 'any-verified', 'editor-approval'] as const;
export type EarningProof = (typeof EARNING_PROOFS)[number];

export interface TrustRule {
  /** Days since the account was created. */
  minAccountAgeDays: number;
  proof: EarningProof;
  /** What a like by a member who does not qualify yet counts for, in whole percent of its weight. */
  newMemberLikeWeightPercent: number;
}

export const TRUST_DEFAULTS: TrustRule = { minAccountAgeDays: 7, proof: 'none', newMemberLikeWeightPercent: 1 };

/** What the rule looks at, per member (users-permissions fields and the editors' approvals). */
export interface MemberStanding {
  createdAt: number;
  /** users-permissions' email confirmation. */
  confirmed: boolean;
  /** How the member signs in: 'local' (email and password), 'wechat', 'phone' (an SMS login provider), … */
  provider: string | null;
  approved: boolean;
}

const DAY_MS = 24 * 3600 * 1000;
const SIGNED_IN_BY_PHONE = new Set(['wechat', 'phone']);

const hasConfirmedEmail = (m: MemberStanding) => m.provider === 'local' && m.confirmed;
const hasPhoneLogin = (m: MemberStanding) => SIGNED_IN_BY_PHONE.has(String(m.provider));

function holdsProof(member: MemberStanding, proof: EarningProof): boolean {
  switch (proof) {
    case 'none':
      return true;
    case 'confirmed-email':
      return hasConfirmedEmail(member);
    case 'wechat-or-phone':
      return hasPhoneLogin(member);
    case 'any-verified':
      return hasConfirmedEmail(member) || hasPhoneLogin(member);
    case 'editor-approval':
      return false;
  }
}

/** Whether the member earns (and curates with full weight) on a board with this rule. Unknown members do not. */
export function qualifies(member: MemberStanding | undefined, rule: TrustRule, now: number): boolean {
  if (!member) return false;
  if (member.approved) return true;
  return now - member.createdAt >= rule.minAccountAgeDays * DAY_MS && holdsProof(member, rule.proof);
}

/** A like's weight (the liker's vote power) for a member who qualifies, or the new member's share of it. */
export function likeWeight(power: number, qualified: boolean, rule: TrustRule): number {
  return qualified ? power : Math.floor((power * rule.newMemberLikeWeightPercent) / 100);
}
