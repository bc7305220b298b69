/**
 * The reward routes members' frontends call, at the architecture's paths
 * (`config.prefix: ''` drops the plugin's /hive-smt prefix). Member routes use
 * users-permissions (actions plugin::hive-smt.rewards.*, granted to the
 * Authenticated and Editor roles at boot); the read-only board and post
 * routes are public (auth: false). Write routes carry the app's rate limiter
 * when it exists (attached by routes/rate-limits.ts). Each route documents
 * itself in `config.openapi` for /openapi.json.
 */
import {
  challengeResponse,
  leaderboardQuery,
  leaderboardResponse,
  likeResponse,
  linkAccountBody,
  linkResponse,
  unlinkResponse,
  myRewardsQuery,
  myRewardsResponse,
  postRewardsResponse,
} from './reward-schemas';

const POST_ID = { documentId: "The post's documentId." };
const TAGS = ['Rewards'];

/** users-permissions actions of the member routes. */
export const MEMBER_REWARD_ACTIONS = ['like', 'unlike', 'downvote', 'undownvote', 'myRewards', 'challenge', 'linkAccount', 'unlinkAccount'].map(
  (a) => `plugin::hive-smt.rewards.${a}`,
);

/** Which rate-limit policy (config/rate-limit.ts) each write route uses, when the app has the limiter. */
export const RATE_LIMITS: Record<string, { policy: string; scope: string }> = {
  'rewards.like': { policy: 'likes', scope: 'likes' },
  'rewards.unlike': { policy: 'likes', scope: 'likes' },
  'rewards.downvote': { policy: 'likes', scope: 'likes' },
  'rewards.undownvote': { policy: 'likes', scope: 'likes' },
  'rewards.challenge': { policy: 'writes', scope: 'hive-account' },
  'rewards.linkAccount': { policy: 'writes', scope: 'hive-account' },
  'rewards.unlinkAccount': { policy: 'writes', scope: 'hive-account' },
};

export const rewardRoutes = [
  {
    method: 'POST',
    path: '/posts/:documentId/like',
    handler: 'rewards.like',
    config: {
      prefix: '',
      openapi: {
        summary: 'Like a post',
        description:
          'Likes a published post as the current member. One like per member and post: repeating it (even in parallel) changes nothing and answers 200 with meta.changed=false. ' +
          "On a board with a token the like weighs the member's vote power at this moment (each like spends some; it refills over days), so it earns the post a share of the reward pool and the member a curation share. " +
          "Self-likes, likes by muted members, likes over the board's daily limit and likes after the post's reward window are recorded but worth nothing (data.note says why); a member the board does not trust yet (too new, or without the proof it asks for) likes with a small share of a like and earns nothing (note new-member). A member an editor muted is refused.",
        tags: TAGS,
        access: 'member',
        params: POST_ID,
        responses: {
          200: { description: 'The post is liked by the member.', schema: likeResponse },
          403: { description: 'Not logged in, or muted by an editor.' },
          404: { description: 'No published post with this id on an open board.' },
          429: { description: 'Too many likes: wait as Retry-After says.' },
        },
      },
    },
  },
  {
    method: 'DELETE',
    path: '/posts/:documentId/like',
    handler: 'rewards.unlike',
    config: {
      prefix: '',
      openapi: {
        summary: 'Withdraw a like',
        description:
          "Removes the member's like of the post (the vote power it spent is not refunded). Without a like it changes nothing and answers 200 with meta.changed=false.",
        tags: TAGS,
        access: 'member',
        params: POST_ID,
        responses: {
          200: { description: 'The post is not liked by the member.', schema: likeResponse },
          403: { description: 'Not logged in.' },
          404: { description: 'No published post with this id on an open board.' },
          429: { description: 'Too many requests: wait as Retry-After says.' },
        },
      },
    },
  },
  {
    method: 'POST',
    path: '/posts/:documentId/downvote',
    handler: 'rewards.downvote',
    config: {
      prefix: '',
      openapi: {
        summary: 'Downvote a post',
        description:
          "Downvotes a published post as the current member (Hive-Engine's negative vote): it replaces the member's like of the post if there was one, and on a board with a token it takes the member's downvote power at this moment off the post's total when the post is settled, so the post earns less. " +
          'Downvote power is separate from like power: each downvote spends some (downvotePowerConsumption) and it refills over downvoteRegenerationDays. A downvote never hides a post; to flag a post that breaks the rules, report it. ' +
          'Repeating it changes nothing (meta.changed=false). Downvotes by muted members and after the reward window are recorded but worth nothing (data.note). A board with disableDownvote answers 403.',
        tags: TAGS,
        access: 'member',
        params: POST_ID,
        responses: {
          200: { description: 'The post is downvoted by the member.', schema: likeResponse },
          403: { description: 'Not logged in, muted by an editor, or downvotes are turned off on the board.' },
          404: { description: 'No published post with this id on an open board.' },
          429: { description: 'Too many votes: wait as Retry-After says.' },
        },
      },
    },
  },
  {
    method: 'DELETE',
    path: '/posts/:documentId/downvote',
    handler: 'rewards.undownvote',
    config: {
      prefix: '',
      openapi: {
        summary: 'Withdraw a downvote',
        description:
          "Removes the member's downvote of the post (the downvote power it spent is not refunded). Without a downvote it changes nothing and answers 200 with meta.changed=false.",
        tags: TAGS,
        access: 'member',
        params: POST_ID,
        responses: {
          200: { description: 'The post is not downvoted by the member.', schema: likeResponse },
          403: { description: 'Not logged in.' },
          404: { description: 'No published post with this id on an open board.' },
          429: { description: 'Too many requests: wait as Retry-After says.' },
        },
      },
    },
  },
  {
    method: 'GET',
    path: '/posts/:documentId/rewards',
    handler: 'rewards.postRewards',
    config: {
      prefix: '',
      auth: false,
      openapi: {
        summary: "A post's reward: pending estimate or paid",
        description:
          "While the post is in its reward window: an estimate of its token reward (author, curators, bonus) if the board's pool were settled at its cashout time with today's likes; it changes as members like this and other posts. After settlement: what was paid.",
        tags: TAGS,
        access: 'public',
        params: POST_ID,
        responses: {
          200: { description: "The post's reward.", schema: postRewardsResponse },
          404: { description: 'No published post with this id on an open board.' },
        },
      },
    },
  },
  {
    method: 'GET',
    path: '/me/rewards',
    handler: 'rewards.myRewards',
    config: {
      prefix: '',
      openapi: {
        summary: 'My token rewards',
        description:
          "Per board token: pending (earned, waiting — e.g. for a linked Hive account), scheduled, paid and failed amounts, and the linked account's balance on Hive-Engine; then the history of rewards, newest first, each with its payout transaction and explorer links.",
        tags: TAGS,
        access: 'member',
        query: myRewardsQuery,
        responses: {
          200: { description: "The member's rewards.", schema: myRewardsResponse },
          400: { description: 'A bad limit.' },
          403: { description: 'Not logged in.' },
        },
      },
    },
  },
  {
    method: 'POST',
    path: '/me/hive-account/challenge',
    handler: 'rewards.challenge',
    config: {
      prefix: '',
      openapi: {
        summary: 'A challenge to sign for linking a Hive account',
        description:
          'Returns a random, single-use text valid for a few minutes. Sign it with the Hive account\'s posting key — with Hive Keychain: requestSignBuffer(account, challenge, "Posting") — and send the signature to POST /me/hive-account.',
        tags: TAGS,
        access: 'member',
        responses: {
          200: { description: 'The challenge.', schema: challengeResponse },
          403: { description: 'Not logged in.' },
          429: { description: 'Too many requests: wait as Retry-After says.' },
        },
      },
    },
  },
  {
    method: 'POST',
    path: '/me/hive-account',
    handler: 'rewards.linkAccount',
    config: {
      prefix: '',
      openapi: {
        summary: 'Link a Hive account',
        description:
          "Body { account, signature } (or { data: { account, signature } }): the signature of a challenge from POST /me/hive-account/challenge. The server recovers the public key and checks it is one of the account's current keys on chain (posting, active or owner), links the account, and schedules the member's pending rewards for payout to it.",
        tags: TAGS,
        access: 'member',
        body: linkAccountBody,
        responses: {
          200: { description: 'The account is linked.', schema: linkResponse },
          400: { description: 'A bad account name or signature, a signature by another key, or no valid challenge.' },
          403: { description: 'Not logged in.' },
          404: { description: 'No such Hive account.' },
          409: { description: 'The account is linked to another member.' },
          429: { description: 'Too many requests: wait as Retry-After says.' },
          503: { description: "Hive could not be reached to check the account's keys." },
        },
      },
    },
  },
  {
    method: 'DELETE',
    path: '/me/hive-account',
    handler: 'rewards.unlinkAccount',
    config: {
      prefix: '',
      openapi: {
        summary: 'Unlink my Hive account',
        description:
          "Forgets the member's linked Hive account (to link another one, or none). Rewards not yet on their way wait until an account is linked again; payouts already scheduled to the old account still arrive there (meta.paymentsUnderway counts them). Posts already on Hive stay where they are.",
        tags: TAGS,
        access: 'member',
        responses: {
          200: { description: 'The account is unlinked.', schema: unlinkResponse },
          403: { description: 'Not logged in.' },
          404: { description: 'No Hive account is linked to the member.' },
          429: { description: 'Too many requests: wait as Retry-After says.' },
        },
      },
    },
  },
  {
    method: 'GET',
    path: '/boards/:slug/leaderboard',
    handler: 'rewards.leaderboard',
    config: {
      prefix: '',
      auth: false,
      openapi: {
        summary: "A board's top earners",
        description: "Members ranked by the board's token they earned (all time, or the last `days`), with their linked Hive account.",
        tags: TAGS,
        access: 'public',
        params: { slug: "The board's web address name." },
        query: leaderboardQuery,
        responses: {
          200: { description: 'The leaderboard.', schema: leaderboardResponse },
          400: { description: 'A bad limit or days.' },
          404: { description: 'No open board with this slug.' },
        },
      },
    },
  },
];
