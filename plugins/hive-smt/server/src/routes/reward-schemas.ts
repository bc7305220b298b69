/**
 * What members send to the reward routes (validated with these zod schemas)
 * and what the routes answer (documented in the OpenAPI document with them).
 */
import { z } from 'zod';

export const documentIdParam = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'documentId is the post\'s documentId: letters and digits, e.g. "a1b2c3d4e5f6g7h8i9j0k1l2".');
export const slugParam = z.string().regex(/^[A-Za-z0-9_.~-]{1,200}$/, 'slug is the board\'s web address name, e.g. "maple-street-primary".');

export const myRewardsQuery = z
  .object({
    limit: z.coerce
      .number()
      .int()
      .min(1, 'limit is 1 to 100.')
      .max(100, 'limit is 1 to 100.')
      .default(20)
      .describe('How many history entries (newest first), 1–100.'),
  })
  .strict();

export const leaderboardQuery = z
  .object({
    limit: z.coerce.number().int().min(1, 'limit is 1 to 100.').max(100, 'limit is 1 to 100.').default(10).describe('How many members, 1–100.'),
    days: z.coerce
      .number()
      .int()
      .min(1, 'days is 1 to 365.')
      .max(365, 'days is 1 to 365.')
      .optional()
      .describe('Only rewards of the last N UTC days, today included; all time when absent.'),
  })
  .strict();

export const linkAccountBody = z
  .object({
    account: z.string().min(1, 'account is the Hive account name, e.g. "alice".').max(16).describe('The Hive account to link, without "@".'),
    signature: z
      .string()
      .regex(/^(0x)?[0-9a-fA-F]{130}$/, 'signature is the hex string Hive Keychain returns from requestSignBuffer (130 hex characters).')
      .describe(
        'Compact secp256k1 signature (hex) of sha256(challenge), made with the account\'s posting key — what Keychain\'s requestSignBuffer(account, challenge, "Posting") returns.',
      ),
    challenge: z.string().min(1).max(500).optional().describe('The challenge that was signed (optional: the latest valid ones are tried).'),
  })
  .strict();

const quantity = z.string().describe('A token quantity as Hive-Engine writes it, e.g. "12.345".');

export const likeResponse = z.object({
  data: z.object({
    documentId: z.string(),
    liked: z.boolean(),
    downvoted: z.boolean().describe("True when the member's vote on the post is a downvote (a like and a downvote replace each other)."),
    likeCount: z.number().int(),
    votePower: z
      .number()
      .int()
      .nullable()
      .describe(
        "The member's vote power before this like, or downvote power before this downvote (10000 = 100 %); null when nothing was recorded or the board has no token.",
      ),
    weight: z
      .number()
      .int()
      .describe(
        "What this vote counts for when the post is settled (0 for self-likes, muted members, likes over the daily limit or after the post's reward window; a small share of the power for a member the board does not trust yet). A downvote's weight is negative: it comes off the post's total.",
      ),
    note: z
      .enum(['self-like', 'muted', 'daily-like-limit', 'after-cashout', 'no-token', 'new-member'])
      .nullable()
      .describe(
        "Why the like counts for nothing, if it does; new-member: it counts for the board's new-member share until the member qualifies (account age, confirmed email, WeChat or phone login, or an editor's approval).",
      ),
  }),
  meta: z.object({ changed: z.boolean().describe('False when the member had already liked (or not liked) the post: nothing was recorded.') }),
});

export const myRewardsResponse = z.object({
  data: z.object({
    account: z
      .object({ account: z.string(), verifiedAt: z.string().nullable() })
      .nullable()
      .describe('The linked Hive account; null until the member links one (rewards stay pending until then).'),
    balances: z.array(
      z.object({
        board: z.object({ documentId: z.string(), slug: z.string().nullable(), name: z.string().nullable() }),
        symbol: z.string(),
        precision: z.number().int(),
        pending: quantity.describe('Earned, not yet scheduled (e.g. no linked account yet).'),
        scheduled: quantity.describe('In a payout on its way to the chain.'),
        paid: quantity,
        staked: quantity.describe("Of `paid`: the part paid as staked tokens (tokens.stake), the board's stakedRewardPercentage of each payout."),
        failed: quantity.describe('In a payout the chain refused; an admin retries it after fixing the cause.'),
        spent: quantity.describe('Paid to merchants from the balance (custodial payments); a refund puts it back in `pending`.'),
        presentation: z
          .enum(['token', 'points'])
          .describe(
            'points: show this balance as points that cannot be transferred or traded (no symbol ticker, no Hive-Engine links; onChain is null): rewards stay on the balance and are spent at merchants.',
          ),
        onChain: quantity
          .nullable()
          .describe("The linked account's balance of this token on Hive-Engine (null without a link or when Hive-Engine is unreachable)."),
        onChainStake: quantity
          .nullable()
          .describe("The linked account's staked amount of this token on Hive-Engine (null without a link or when Hive-Engine is unreachable)."),
      }),
    ),
    history: z.array(
      z.object({
        id: z.number().int(),
        board: z.object({ slug: z.string().nullable(), name: z.string().nullable() }),
        post: z.object({ documentId: z.string() }).nullable(),
        role: z.enum(['author', 'curator', 'bonus']),
        symbol: z.string(),
        presentation: z.enum(['token', 'points']).describe("As the balance's presentation: points are shown without their symbol."),
        amount: quantity,
        baseUnits: z.string(),
        earnedAt: z.string().nullable(),
        state: z
          .enum(['pending', 'scheduled', 'paid', 'failed', 'spent'])
          .describe("spent: paid to a merchant from your balance (its payout is the treasury's transfer to the merchant)."),
        payout: z
          .object({
            account: z.string(),
            quantity,
            txId: z.string().nullable(),
            engineTxId: z.string().nullable(),
            blockNum: z.number().int().nullable(),
            paidAt: z.string().nullable(),
            error: z.string().nullable(),
            links: z.object({ hive: z.string().nullable(), engine: z.string().nullable() }),
          })
          .nullable(),
      }),
    ),
    total: z.number().int(),
  }),
  meta: z.object({}),
});

export const challengeResponse = z.object({
  data: z.object({
    challenge: z.string().describe('Sign exactly this text: Keychain requestSignBuffer(account, challenge, "Posting").'),
    expiresAt: z.string(),
  }),
  meta: z.object({}),
});

export const linkResponse = z.object({
  data: z.object({ account: z.string(), publicKey: z.string(), keyRole: z.enum(['posting', 'active', 'owner']), verifiedAt: z.string() }),
  meta: z.object({ payoutsScheduled: z.boolean().describe('Pending rewards are scheduled for payout to the account.') }),
});

export const unlinkResponse = z.object({
  data: z.object({ account: z.string().describe('The account that was linked.') }),
  meta: z.object({ paymentsUnderway: z.number().int().describe('Payouts already on their way to that account; they still arrive there.') }),
});

const estimate = z.object({
  total: quantity,
  author: quantity,
  curators: quantity,
  bonus: quantity,
  appTax: quantity.describe("the pool's app tax (appTaxConfig) taken from the author's reward for its beneficiary: part of total, not of author"),
  baseUnits: z.string(),
});

export const postRewardsResponse = z.object({
  data: z.object({
    documentId: z.string(),
    board: z.object({ slug: z.string(), name: z.string() }),
    status: z
      .enum(['no-token', 'pending', 'closed', 'settled'])
      .describe(
        'pending: in its reward window (estimate); settled: paid out (paid); closed: the window ended without engagement; no-token: the board pays no token rewards.',
      ),
    symbol: z.string().nullable(),
    precision: z.number().int().nullable(),
    presentation: z.enum(['token', 'points']).nullable().describe('How the board shows its rewards (see /me/rewards); null without token rewards.'),
    cashoutAt: z.string().nullable().describe("When the post's reward window closes."),
    estimate: estimate.nullable().describe("If the pool were settled at the cashout time with today's likes."),
    paid: estimate.nullable(),
  }),
  meta: z.object({}),
});

export const leaderboardResponse = z.object({
  data: z.array(
    z.object({
      rank: z.number().int(),
      member: z.object({ id: z.number().int(), displayName: z.string() }),
      account: z.string().nullable(),
      earned: quantity,
      baseUnits: z.string(),
    }),
  ),
  meta: z.object({ board: z.object({ slug: z.string(), name: z.string(), symbol: z.string().nullable(), precision: z.number().int() }) }),
});
