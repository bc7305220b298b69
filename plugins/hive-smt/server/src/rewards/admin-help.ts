import type { Core } from '@strapi/strapi';
import { writeFieldHelp, type FieldHelp } from '../core/field-help';
import { ECONOMICS_COMPONENT_UID } from '../components';
import { presetHelp } from './presets';

/** Bump when the text changes, so existing installations get it once. */
// 3: the component became the plugin's (hive-smt.token-economics), whose configuration starts without the help.
// 4: the reward-pool parameters (stakedRewardPercentage, tags, downvote settings, appTaxConfig).
// 5: the app tax is paid, and which app Quanzi's posts are made with; presentation (token or points).
// 6: members can downvote: the downvote settings say what they do; the reward pace presets.
export const ECONOMICS_HELP_VERSION = 6;

/**
 * Labels and help for the board's "Token rewards" fields in the Content
 * Manager, in plain words for the teachers and club organisers who set up boards.
 */
export const ECONOMICS_HELP: FieldHelp = {
  enabled: {
    label: 'Reward members with tokens',
    description: "Switch on to pay members in the board's Hive-Engine token for posts that others like, early likes, comments and featured posts.",
  },
  preset: {
    label: 'Reward pace',
    description: presetHelp(),
  },
  symbol: { label: 'Token symbol', description: 'The Hive-Engine token, e.g. MAPLE. Empty: the board\'s "Community token".', placeholder: 'MAPLE' },
  precision: { label: 'Decimals', description: 'How many decimals the token has on Hive-Engine (its "precision"), e.g. 3 for 1.234.' },
  issuer: {
    label: 'Paying account',
    description:
      'The Hive account that creates the token (mode "issue") or holds the tokens to give out (mode "transfer"). The server needs its active key; nobody types keys here.',
    placeholder: 'maple-tokens',
  },
  mode: {
    label: 'How rewards are paid',
    description:
      '"issue": new tokens are created for each reward (the account must be the token\'s issuer). "transfer": tokens are sent from the account\'s balance.',
  },
  presentation: {
    label: 'Show rewards as',
    description:
      '"token": members see the Hive-Engine token and are paid to their linked Hive account. "points": members see points that cannot be transferred or traded — they stay on their balance here and are spent only at this board\'s merchants (for mini programs, which may not show virtual currencies). The server\'s REWARDS_PRESENTATION=points makes every board "points".',
  },
  rewardPerInterval: {
    label: 'Tokens per interval',
    description: "How many tokens go into the board's reward pool every interval, e.g. 10 or 2.5.",
    placeholder: '10',
  },
  rewardIntervalSeconds: { label: 'Interval (seconds)', description: 'How often the tokens above are added: 3600 = every hour, 86400 = every day.' },
  rewardReductionIntervalSeconds: {
    label: 'Reduce the reward every (seconds)',
    description: 'Optional: how often the tokens per interval shrink, e.g. 2592000 = every 30 days. Empty: never.',
  },
  rewardReductionPercentage: { label: 'Reduce by (%)', description: 'Optional: by how much the tokens per interval shrink each time, e.g. 5.' },
  cashoutWindowDays: {
    label: 'Days before a post is rewarded',
    description: 'Likes count for this many days after a post goes live (1 to 30, usually 7); then the post and its likers are paid.',
  },
  curationRewardPercentage: {
    label: "Likers' share (%)",
    description: "Of a post's reward, this share goes to the members who liked it (earlier likes earn more); the rest to the author. 50 = half and half.",
  },
  postRewardCurveParameter: {
    label: 'Reward curve for posts',
    description: '1 to 2. At 1, a post earns in proportion to its likes; closer to 2, the most liked posts earn much more.',
  },
  curationRewardCurveParameter: {
    label: 'Reward curve for likers',
    description: '0.5 to 1. At 0.5, early likers of a popular post earn the most; at 1, every like earns the same.',
  },
  votePowerConsumption: {
    label: 'Vote power per like',
    description: "How much of a member's vote power one like uses (200 ≈ 10 full-strength likes a day). Liking more makes each like worth less.",
  },
  voteRegenerationDays: { label: 'Days to refill vote power', description: 'How many days an empty vote power takes to refill completely (usually 5).' },
  featuredBonusBps: {
    label: 'Featured post bonus',
    description: 'Extra reward for a post an editor features, in hundredths of a percent: 2500 = +25 %. Paid to its author.',
  },
  commentBonusBps: {
    label: 'Bonus per commenter',
    description:
      "Extra reward per member who commented on a post, in hundredths of a percent: 100 = +1 % per commenter. The author's own comments do not count.",
  },
  maxCommentBonusBps: {
    label: 'Most comment bonus',
    description: 'Optional: the largest comment bonus one post can get, in hundredths of a percent, e.g. 2000 = +20 %.',
  },
  dailyRewardCap: {
    label: 'Most tokens per member per day',
    description: 'Optional: no member earns more than this on one day; the rest stays in the pool for everyone. Empty: no limit.',
  },
  dailyLikeLimit: {
    label: 'Likes per member per day that count',
    description: 'Optional: likes beyond this number in one day are kept but earn nothing. Empty: no limit.',
  },
  excludeTags: {
    label: 'Tags that earn nothing',
    description: 'Comma-separated, at most 5 (Hive-Engine excludeTags): posts with any of these tags are not rewarded, e.g. "announcement, admin".',
  },
  tags: {
    label: 'Tags a post needs to earn',
    description: 'Optional, comma-separated, at most 5 (Hive-Engine tags): only posts carrying one of these tags are rewarded. Empty: every post of the board.',
  },
  stakedRewardPercentage: {
    label: 'Share paid as staked tokens (%)',
    description:
      "Hive-Engine stakedRewardPercentage: this part of each reward is paid as staked tokens (tokens.stake), the rest to the member's wallet. 0 = all liquid. The token must have staking enabled on Hive-Engine, otherwise everything is paid liquid and the Boards page says so.",
  },
  downvotePowerConsumption: {
    label: 'Power one downvote uses',
    description:
      "Hive-Engine downvotePowerConsumption, 1 to 10000: the share of a member's downvote power one downvote uses, in hundredths of a percent (200 ≈ 10 full downvotes a day). Downvote power is separate from like power.",
  },
  downvoteRegenerationDays: {
    label: 'Days to refill downvote power',
    description: 'Hive-Engine downvoteRegenerationDays, 1 to 30: days for an empty downvote power to refill.',
  },
  disableDownvote: {
    label: 'No downvotes',
    description:
      "Hive-Engine disableDownvote. On: members cannot downvote posts of this board. Off (the default, as on Hive-Engine): a downvote lowers the post's reward by the member's downvote power; it never hides the post.",
  },
  appTaxConfig: {
    label: 'App tax',
    description:
      'Optional, Hive-Engine appTaxConfig: {"app": "quanzi", "percent": 10, "beneficiary": "hive-account"} — posts made with another app than "app" give "percent" % (1 to 100) of their author reward to "beneficiary". Every post here is made with Quanzi (app "quanzi"), so set "app" to another app only when the authors of this board should pay the tax. Empty: no tax.',
  },
  minAccountAgeDays: {
    label: 'Days before a new member earns',
    description:
      'Accounts younger than this earn nothing and their likes count for little (see below), so new accounts made to like one post do not move its reward. 0: from the first day.',
  },
  earningProof: {
    label: 'What a member must show to earn',
    description:
      '"none": only the days above. "confirmed-email": an email address they confirmed. "wechat-or-phone": they sign in with WeChat (or a phone number). "any-verified": either. "editor-approval": only members an editor approved (Hive → Curation → Members). An approved member earns whatever this says.',
  },
  newMemberLikeWeightPercent: {
    label: "A new member's like counts (%)",
    description: 'Until a member may earn, each of their likes counts for this share of a like: 1 = a hundredth, 0 = nothing.',
  },
  mutedMembers: {
    label: 'Members who earn nothing',
    description: 'Usernames, one per line or separated by commas: they earn nothing and their likes count for nothing.',
  },
  mutedPosts: { label: 'Posts that earn nothing', description: 'Post ids or web address names, one per line or separated by commas.' },
};

const BOARD_FIELD_HELP = {
  label: 'Token rewards',
  description: "Whether and how members earn the board's Hive-Engine token. Open it to see each setting explained.",
};

/** Writes the labels and help into the Content Manager's configuration of the component (and the board's field, under the app's name for it). */
export async function applyEconomicsHelp(strapi: Core.Strapi, board: { uid: string; economicsField: string }): Promise<void> {
  await writeFieldHelp(strapi, { component: ECONOMICS_COMPONENT_UID }, ECONOMICS_HELP);
  await writeFieldHelp(strapi, { contentType: board.uid }, { [board.economicsField]: BOARD_FIELD_HELP });
}
