import type { Core } from '@strapi/strapi';
import { writeFieldHelp, type FieldHelp } from 'hive-smt/core';

/** Bump when the help text changes, so existing installations get it once. */
export const FIELD_HELP_VERSION = 8;

/**
 * Plain-language labels and help for every field an admin or editor sees in the
 * Content Manager: the people setting up boards are teachers and club
 * organisers, not engineers.
 */
export const FIELD_HELP: Record<string, FieldHelp> = {
  'api::board.board': {
    name: { label: 'Board name', description: 'What members see, e.g. "Maple Street Primary – Parents".', placeholder: 'Maple Street Primary' },
    slug: { label: 'Web address name', description: 'Used in links and by apps to find the board. Letters, digits and dashes.' },
    description: { label: 'About this board', description: 'One or two sentences shown on the board page.' },
    kind: { label: 'Kind of community', description: 'School, interest group or neighbourhood: helps members find the board.' },
    cover: { label: 'Cover picture', description: 'Shown at the top of the board. A wide image works best.' },
    hiveAccount: {
      label: 'Hive account',
      description: 'The Hive account posts appear under, e.g. "maple-school". It must exist and allow the Quanzi app account to post for it (the Hive page in the menu checks this and tells you how).',
      placeholder: 'maple-school',
    },
    hiveCommunity: {
      label: 'Hive community (optional)',
      description: 'A Hive community such as "hive-123456". Posts are published into it; leave empty to use the first tag instead.',
      placeholder: 'hive-123456',
    },
    defaultTags: { label: 'Default tags', description: 'Comma-separated tags added to every post, e.g. "school, parents". At most 8 tags per post in total.' },
    tokenSymbol: { label: 'Community token', description: 'The symbol of the board\'s Hive-Engine token (e.g. MAPLE) used to reward members. Leave empty for no token.' },
    postKinds: {
      label: 'Kinds of posts allowed',
      description: 'A list such as ["news", "event"] from news, sale, service, event and request. Leave empty to allow every kind.',
    },
    moderationMode: {
      label: 'How posts go live',
      description: '"direct": members\' posts are published at once. "review": they arrive as drafts and an editor publishes them.',
    },
    memberRewardShare: {
      label: 'Members\' share of Hive rewards (%)',
      description: 'When the board account posts for a member who linked a Hive account, this share of the post\'s Hive rewards goes to the member; the board keeps the rest.',
    },
    payoutMode: { label: 'Hive payouts', description: '"normal": posts can earn Hive rewards. "decline": posts decline all Hive rewards.' },
    postingRate: {
      label: 'When many posts arrive',
      description: 'Hive allows one new post per account every 5 minutes. "queue": posts wait their turn (the Hive page shows when each goes). "container": posts go at once as replies under one daily post of the board.',
    },
    timezone: {
      label: 'Time zone',
      description: 'Where the board\'s day begins and ends, e.g. "Asia/Shanghai" or "Europe/London" (empty: UTC). In "container" mode each day of the board gets its own post on Hive.',
      placeholder: 'Asia/Shanghai',
    },
    removalMode: {
      label: 'When a post is removed',
      description: '"delete": deleted on Hive when Hive allows it (no replies or votes), otherwise replaced by a removal notice. "tombstone": always replaced by a removal notice.',
    },
    redemptionRate: {
      label: 'Cash per token when merchants redeem',
      description: 'What the board pays a merchant for one token it gives back to the treasury, e.g. 0.1 (at most 4 decimals). Empty: the board does not buy tokens back.',
    },
    redemptionCurrency: { label: 'Redemption currency', description: 'The currency of that cash, e.g. CNY, EUR.' },
    hiveFooter: { label: 'Footer on Hive', description: 'Added under each post on Hive; {url} becomes the link to the post here. Empty: "Originally published at {url}".' },
    commentModeration: {
      label: 'How comments go live',
      description: '"direct": members\' comments (and replies imported from Hive) show at once. "review": they wait on the Curation page\'s "Waiting for review" list until an editor approves them.',
    },
    contentCheckFailure: {
      label: 'When WeChat\'s content check is unreachable',
      description: '"open": posts and comments show at once and are checked when WeChat answers again (hidden then if risky). "closed": they wait until the check passes. Only matters when WeChat checks are set up.',
    },
    active: { label: 'Board is open', description: 'Switch off to hide the board and its posts from members without deleting anything.' },
    posts: { label: 'Posts', description: 'Posts written on this board.' },
  },
  'api::post.post': {
    title: { label: 'Title', description: 'Up to 255 bytes (about 85 Chinese characters).' },
    slug: { label: 'Web address name', description: 'Made from the title; also the post\'s name on Hive.' },
    body: { label: 'Text', description: 'The post in Markdown.' },
    excerpt: { label: 'Summary', description: 'One or two sentences shown in lists and on Hive (at most 300 characters).' },
    board: { label: 'Board', description: 'The board the post belongs to.' },
    author: { label: 'Member', description: 'The member who wrote the post.' },
    tags: { label: 'Tags', description: 'A list of up to 8 words, e.g. ["garden", "events"].' },
    cover: { label: 'Cover picture', description: 'Shown in feeds and on Hive.' },
    featured: { label: 'Featured', description: 'Featured posts are shown first in the featured list.' },
    featuredRank: { label: 'Featured position', description: '0 is shown first, then 1, 2, …' },
    featuredUntil: { label: 'Featured until', description: 'After this date the post leaves the featured list. Empty: until you unfeature it.' },
    keepOffHive: {
      label: "Don't put on Hive",
      description:
        'The post stays in Quanzi only. Ticked after it reached Hive, it is removed there — but Hive keeps every version in its history: what was published stays readable by anyone who looks it up, even after removal or deletion.',
    },
    kind: { label: 'Kind of post', description: 'News, a sale, a service offered, an event or a request (wanted).' },
    sale: { label: 'Sale details', description: 'For a sale: {"price": "25", "currency": "CNY", "condition": "good", "status": "available"}.' },
    service: { label: 'Service details', description: 'For a service: {"category": "tutoring", "price": "80", "unit": "hour", "area": "Maple Street"}.' },
    event: { label: 'Event details', description: 'For an event: {"startsAt": "…", "endsAt": "…", "place": "…", "capacity": 30, "rsvpDeadline": "…"}.' },
    request: { label: 'Request details', description: 'For a request (wanted): optionally {"budget": "50", "currency": "CNY"}.' },
  },
  'api::merchant.merchant': {
    board: { label: 'Board', description: 'The community whose token this merchant takes. Members of that board see it in the board\'s list of merchants.' },
    name: { label: 'Shop name', description: 'What members see, e.g. "Oak Hill Bakery".', placeholder: 'Oak Hill Bakery' },
    address: { label: 'Address', description: 'Where to find the shop, e.g. "12 Oak Hill Road".' },
    offer: { label: 'What they offer', description: 'One or two sentences: "Bread, cakes and coffee; 10% off when you pay in OAK."' },
    openingHours: { label: 'Opening hours', description: 'As members should read them, e.g. "Mon–Sat 7:00–18:00".' },
    tokenDiscountPercent: { label: 'Discount for paying in tokens (%)', description: 'A whole number from 0 (no discount) to 100, shown to members next to the shop.' },
    hiveAccount: {
      label: 'Hive account for receiving',
      description: 'The Hive account that receives the tokens members pay with, e.g. "oak-bakery". Check it carefully: tokens sent to a wrong account cannot be taken back.',
      placeholder: 'oak-bakery',
    },
    staff: { label: 'Staff', description: 'The members who serve at the counter: only they can ask for payments, refund them and read the daily statement. Not shown to anyone else.' },
    active: { label: 'Takes payments', description: 'Switch off to hide the merchant from members and stop new payments, without deleting anything.' },
  },
  'api::redemption.redemption': {
    state: {
      label: 'State',
      description:
        '"requested": the merchant is to send the tokens back. "returned": they are with the treasury — pay the cash, then set "settled" with a note. "rejected": a request dropped before any token came back.',
    },
    settlementNote: { label: 'How the cash was paid', description: 'Required to settle: e.g. "bank transfer 2026-12-03, ref 4411" or "cash at the school office, signed receipt".' },
    cash: { label: 'Cash owed', description: 'The quantity at the board\'s rate when the merchant asked, rounded down to the cent.' },
    returnTxId: { label: 'Return transfer', description: 'The Hive-Engine transaction that gave the tokens back to the treasury.' },
  },
  'api::comment.comment': {
    body: { label: 'Comment', description: 'What the member wrote.' },
    post: { label: 'Post', description: 'The post this comment is on.' },
    author: { label: 'Member', description: 'Who wrote it (empty when it came from Hive).' },
    parent: { label: 'Reply to', description: 'The comment this one answers, if any.' },
    replies: { label: 'Replies', description: 'Comments answering this one.' },
    hidden: { label: 'Hidden', description: 'Hidden comments are not shown to members. Use this to moderate.' },
    source: { label: 'Written on', description: '"quanzi" for comments written here, "hive" for replies imported from Hive.' },
    hiveAuthor: { label: 'Hive author', description: 'For comments from Hive: the Hive account that wrote it.' },
    hivePermlink: { label: 'Hive permlink', description: 'For comments from Hive: its name on the chain.' },
    reviewState: { label: 'Review', description: '"pending": waiting for an editor (Curation → Waiting for review); "approved" or "rejected" once decided. Empty: shown without review.' },
  },
};

/** Writes the labels and help into the Content Manager's view configuration. */
export async function applyFieldHelp(strapi: Core.Strapi) {
  for (const [uid, help] of Object.entries(FIELD_HELP)) await writeFieldHelp(strapi, { contentType: uid }, help);
}
