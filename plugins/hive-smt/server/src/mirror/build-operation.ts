/**
 * The Hive operations that mirror a Quanzi post: pure builders, so the outbox
 * can rebuild exactly the same operation after a crash, and tests can check
 * every rule without a chain.
 */
import type { BeneficiaryRoute, CommentOperation, CommentOptionsOperation, DeleteCommentOperation } from '@hiveio/dhive';
import { accountNameError, communityNameError } from '../chain/account-name';
import {
  BENEFICIARIES_EXTENSION_TAG,
  HIVE_100_PERCENT,
  MAX_BENEFICIARIES,
  MAX_PERMLINK_LENGTH,
  MAX_TITLE_BYTES,
  MAX_TRANSACTION_SIZE_BYTES,
  METADATA_DESCRIPTION_MAX_CHARS,
  PERMLINK_CHARSET,
} from '../chain/protocol';
import { truncateChars, truncateUtf8, utf8ByteLength } from '../text/utf8';
import { normalizeTags } from './tags';
import type { PostExtras } from './post-extras';

/** Footer under every mirrored post; `{url}` is the post's canonical address on the community's site. */
export const DEFAULT_FOOTER_TEMPLATE = 'Originally published at {url}';
/** Footer line when the app posts for a member; `{member}` is their name (and @account when linked). */
export const DEFAULT_MEMBER_LINE_TEMPLATE = 'Posted by {member} on Quanzi';
/** parent_permlink of a root post when the board has no community and the post no usable tag. */
export const DEFAULT_FALLBACK_CATEGORY = 'quanzi';
/** Body of a removed post's tombstone edit. */
export const DEFAULT_TOMBSTONE_NOTICE = 'This post was removed by the community.';
/** Title of a removed root post's tombstone edit (the old title may be why it was removed). */
export const DEFAULT_TOMBSTONE_TITLE = 'Removed';
/**
 * Bytes of a transaction that are not title, body or json_metadata: header,
 * one signature, the comment_options operation and length prefixes. An upper
 * estimate, used to refuse posts the chain would refuse for size.
 */
export const TRANSACTION_ENVELOPE_RESERVE_BYTES = 1024;

/** The post as Quanzi stores it. */
export interface MirroredPost {
  title: string;
  /** Markdown. */
  body: string;
  excerpt?: string | null;
  tags: readonly string[];
  coverImageUrl?: string | null;
  /** The post's address on the community's own site; frontends point search engines to it. */
  canonicalUrl: string;
  documentId: string;
  /** What the host app adds (post-extras.ts). */
  extras?: PostExtras;
}

/** A board's Hive settings, as an admin configured them. */
export interface BoardChainSettings {
  hiveAccount: string;
  hiveCommunity?: string | null;
  defaultTags: readonly string[];
  footerTemplate?: string | null;
  /** The board account's cut of author rewards, in basis points of HIVE_100_PERCENT. */
  beneficiaryShareBps: number;
  /** e.g. "1000000.000 HBD"; "0.000 HBD" declines payout. */
  maxAcceptedPayout: string;
  percentHbd: number;
  allowVotes: boolean;
  allowCurationRewards: boolean;
}

/** Who signs as author, and for which member when the app posts in their place. */
export interface AuthorResolution {
  account: string;
  onBehalfOf?: { displayName: string; linkedAccount?: string | null };
}

export interface AppIdentity {
  name: string;
  version: string;
}

export interface CommentParent {
  /** '' for a root post. */
  author: string;
  permlink: string;
}

export interface PostOperationInput {
  post: MirroredPost;
  board: BoardChainSettings;
  author: AuthorResolution;
  app: AppIdentity;
  permlink: string;
  /**
   * Omitted: a root post whose parent_permlink is derived (community, else first
   * tag, else the fallback category). Given: used as is — a reply when author is
   * set, or the stored category of an existing root post.
   */
  parent?: CommentParent;
  fallbackCategory?: string;
  maxTags?: number;
  memberLineTemplate?: string;
  /** More reward routes, e.g. an app fee; merged with the board's and the member's. */
  extraBeneficiaries?: readonly BeneficiaryRoute[];
}

export interface EditOperationInput extends PostOperationInput {
  /** The parent the post was first broadcast with; hived refuses a different one. */
  parent: CommentParent;
}

export type RemovalMode = 'delete' | 'tombstone';

export interface RemovalTarget {
  author: string;
  permlink: string;
  parent: CommentParent;
  documentId?: string;
}

export interface TombstoneOptions {
  notice?: string;
  title?: string;
  app?: AppIdentity;
}

/** Raised when the input cannot make a valid operation; `field` names what to fix. */
export class OperationInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'OperationInputError';
  }
}

/** The comment and its comment_options for publishing a post (one transaction, options right after the comment). */
export function buildPostOperations(input: PostOperationInput): [CommentOperation, CommentOptionsOperation] {
  const comment = buildCommentOperation(input);
  return [comment, buildCommentOptionsOperation(input)];
}

/** The comment operation re-broadcast to edit a post: same author, permlink and parent, new content, no options. */
export function buildEditOperation(input: EditOperationInput): CommentOperation {
  if (!input.parent) throw new OperationInputError('parent', 'An edit needs the parent the post was first published with.');
  return buildCommentOperation(input);
}

/**
 * How to take a post off Hive: `delete_comment` (only works while it has no
 * replies and no net votes) or a tombstone edit replacing title and body with a notice.
 */
export function buildRemovalOperations(mode: 'delete', target: RemovalTarget, tombstone?: TombstoneOptions): [DeleteCommentOperation];
export function buildRemovalOperations(mode: 'tombstone', target: RemovalTarget, tombstone?: TombstoneOptions): [CommentOperation];
export function buildRemovalOperations(mode: RemovalMode, target: RemovalTarget, tombstone?: TombstoneOptions): [DeleteCommentOperation] | [CommentOperation];
export function buildRemovalOperations(
  mode: RemovalMode,
  target: RemovalTarget,
  tombstone: TombstoneOptions = {},
): [DeleteCommentOperation] | [CommentOperation] {
  assertAccount('author', target.author);
  assertPermlink('permlink', target.permlink);
  if (mode === 'delete') {
    return [['delete_comment', { author: target.author, permlink: target.permlink }]];
  }
  const isRoot = target.parent.author === '';
  const notice = (tombstone.notice ?? DEFAULT_TOMBSTONE_NOTICE).trim() || DEFAULT_TOMBSTONE_NOTICE;
  const metadata = {
    ...(tombstone.app ? { app: appTag(tombstone.app) } : {}),
    format: 'markdown',
    tags: [] as string[],
    quanzi: { ...(target.documentId ? { documentId: target.documentId } : {}), removed: true },
  };
  return [
    [
      'comment',
      {
        parent_author: target.parent.author,
        parent_permlink: target.parent.permlink,
        author: target.author,
        permlink: target.permlink,
        title: isRoot ? truncateUtf8((tombstone.title ?? DEFAULT_TOMBSTONE_TITLE).trim(), MAX_TITLE_BYTES) : '',
        body: notice,
        json_metadata: JSON.stringify(metadata),
      },
    ],
  ];
}

/** The `comment` operation for a post (publish or edit). */
export function buildCommentOperation(input: PostOperationInput): CommentOperation {
  const { post, board, author, app, permlink } = input;
  assertAccount('author.account', author.account);
  assertPermlink('permlink', permlink);

  const tags = normalizeTags([...post.tags, ...board.defaultTags], { maxTags: input.maxTags });
  const parent = input.parent ?? { author: '', permlink: rootCategory(board, tags, input.fallbackCategory) };
  if (parent.author !== '') assertAccount('parent.author', parent.author);
  assertPermlink('parent.permlink', parent.permlink);

  const title = truncateUtf8(post.title.trim(), MAX_TITLE_BYTES);
  if (parent.author === '' && title === '') throw new OperationInputError('title', 'A post needs a title before it can be published on Hive.');

  const canonicalUrl = post.canonicalUrl.trim();
  if (!isHttpUrl(canonicalUrl)) {
    throw new OperationInputError('canonicalUrl', `The post's public address must be an http(s) URL, got "${post.canonicalUrl}".`);
  }

  const block = post.extras?.bodyBlock?.trim();
  const text = block ? `${block}\n\n${post.body.trim()}` : post.body;
  const body = composeBody(text, canonicalUrl, board.footerTemplate, author.onBehalfOf, input.memberLineTemplate);
  const jsonMetadata = JSON.stringify(buildJsonMetadata(post, canonicalUrl, tags, app, author));

  const contentBytes = utf8ByteLength(title) + utf8ByteLength(body) + utf8ByteLength(jsonMetadata);
  const limit = MAX_TRANSACTION_SIZE_BYTES - TRANSACTION_ENVELOPE_RESERVE_BYTES;
  if (contentBytes > limit) {
    throw new OperationInputError(
      'body',
      `This post is too long for one Hive transaction (${Math.ceil(contentBytes / 1024)} KB of text; at most about ` +
        `${Math.floor(limit / 1024)} KB fit). Shorten it or split it into parts.`,
    );
  }

  return [
    'comment',
    {
      parent_author: parent.author,
      parent_permlink: parent.permlink,
      author: author.account,
      permlink,
      title,
      body,
      json_metadata: jsonMetadata,
    },
  ];
}

/** The `comment_options` operation: payout settings and beneficiaries of a new post. */
export function buildCommentOptionsOperation(input: PostOperationInput): CommentOptionsOperation {
  const { board, author, permlink } = input;
  assertAccount('author.account', author.account);
  assertPermlink('permlink', permlink);
  if (!/^\d+\.\d{3} HBD$/.test(board.maxAcceptedPayout)) {
    throw new OperationInputError(
      'maxAcceptedPayout',
      `Maximum accepted payout must be an HBD amount with 3 decimals, e.g. "1000000.000 HBD" (or "0.000 HBD" to decline), got "${board.maxAcceptedPayout}".`,
    );
  }
  assertBasisPoints('percentHbd', board.percentHbd);
  const beneficiaries = beneficiariesFor(input);
  return [
    'comment_options',
    {
      author: author.account,
      permlink,
      max_accepted_payout: board.maxAcceptedPayout,
      percent_hbd: board.percentHbd,
      allow_votes: board.allowVotes,
      allow_curation_rewards: board.allowCurationRewards,
      extensions: beneficiaries.length > 0 ? [[BENEFICIARIES_EXTENSION_TAG, { beneficiaries }]] : [],
    },
  ];
}

/**
 * Reward routes of a post, as hived wants them (sorted by account, at most
 * MAX_BENEFICIARIES, sum ≤ HIVE_100_PERCENT): the board's share, and — when
 * the board account posts for a member who has a Hive account — the rest to
 * that member. A route to the author itself is dropped (it would only shrink
 * the list hived accepts); routes to the same account are merged.
 */
export function beneficiariesFor(input: Pick<PostOperationInput, 'board' | 'author' | 'extraBeneficiaries'>): BeneficiaryRoute[] {
  const { board, author } = input;
  assertBasisPoints('beneficiaryShareBps', board.beneficiaryShareBps);
  const routes: BeneficiaryRoute[] = [];
  if (board.beneficiaryShareBps > 0) routes.push({ account: board.hiveAccount, weight: board.beneficiaryShareBps });
  const linked = author.onBehalfOf?.linkedAccount;
  if (linked) routes.push({ account: linked, weight: HIVE_100_PERCENT - board.beneficiaryShareBps });
  routes.push(...(input.extraBeneficiaries ?? []));

  const merged = new Map<string, number>();
  for (const route of routes) {
    assertAccount('beneficiaries', route.account);
    assertBasisPoints(`beneficiary ${route.account}`, route.weight);
    if (route.account === author.account || route.weight === 0) continue;
    merged.set(route.account, (merged.get(route.account) ?? 0) + route.weight);
  }
  // hived compares account names bytewise; they are ASCII, so plain string order matches.
  const sorted = [...merged].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([account, weight]) => ({ account, weight }));
  if (sorted.length > MAX_BENEFICIARIES) {
    throw new OperationInputError(
      'beneficiaries',
      `Hive allows at most ${MAX_BENEFICIARIES} reward beneficiaries per post; this post would have ${sorted.length}.`,
    );
  }
  const total = sorted.reduce((sum, r) => sum + r.weight, 0);
  if (total > HIVE_100_PERCENT) {
    throw new OperationInputError(
      'beneficiaries',
      `Reward shares add up to ${total / 100}% of the post's rewards; they must not exceed 100%. Lower the board's share or the other routes.`,
    );
  }
  return sorted;
}

/** Root post category: the community, else the first tag usable as a permlink, else the fallback. */
function rootCategory(board: BoardChainSettings, tags: readonly string[], fallback = DEFAULT_FALLBACK_CATEGORY): string {
  if (board.hiveCommunity) {
    const error = communityNameError(board.hiveCommunity);
    if (error) throw new OperationInputError('hiveCommunity', error);
    return board.hiveCommunity;
  }
  // Tags may contain '_' (hivemind allows it) but a permlink may not.
  return tags.find((tag) => PERMLINK_CHARSET.test(tag)) ?? fallback;
}

function composeBody(
  markdown: string,
  url: string,
  footerTemplate: string | null | undefined,
  onBehalfOf: AuthorResolution['onBehalfOf'],
  memberLineTemplate = DEFAULT_MEMBER_LINE_TEMPLATE,
): string {
  const template = footerTemplate?.trim() || DEFAULT_FOOTER_TEMPLATE;
  // The canonical link is the footer's reason to exist: keep it even if an admin's template forgot {url}.
  const footer = template.includes('{url}') ? template.split('{url}').join(url) : `${template}\n${url}`;
  const lines = [footer];
  if (onBehalfOf) lines.push(memberLineTemplate.split('{member}').join(memberLabel(onBehalfOf)));
  const content = markdown.trim();
  return `${content ? `${content}\n\n` : ''}---\n\n${lines.join('\n\n')}`;
}

function memberLabel(member: NonNullable<AuthorResolution['onBehalfOf']>): string {
  const name = escapeMarkdownInline(member.displayName);
  return member.linkedAccount ? `${name} (@${member.linkedAccount})` : name;
}

/** A display name typed by a member, made inert in markdown (no links, images, HTML or headings). */
function escapeMarkdownInline(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>#|~!()]/g, (ch) => `\\${ch}`);
}

function buildJsonMetadata(post: MirroredPost, canonicalUrl: string, tags: string[], app: AppIdentity, author: AuthorResolution): Record<string, unknown> {
  const cover = post.coverImageUrl?.trim();
  const excerpt = post.excerpt?.replace(/\s+/g, ' ').trim();
  const member = author.onBehalfOf
    ? {
        displayName: author.onBehalfOf.displayName,
        ...(author.onBehalfOf.linkedAccount ? { account: author.onBehalfOf.linkedAccount } : {}),
      }
    : undefined;
  return {
    app: appTag(app),
    format: 'markdown',
    tags,
    ...(cover && isHttpUrl(cover) ? { image: [cover] } : {}),
    ...(excerpt ? { description: truncateChars(excerpt, METADATA_DESCRIPTION_MAX_CHARS) } : {}),
    canonical_url: canonicalUrl,
    quanzi: { ...(post.extras?.metadata ?? {}), documentId: post.documentId, ...(member ? { member } : {}) },
  };
}

function appTag(app: AppIdentity): string {
  return `${app.name}/${app.version}`;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function assertAccount(field: string, name: string): void {
  const error = accountNameError(name);
  if (error) throw new OperationInputError(field, error);
}

function assertPermlink(field: string, permlink: string): void {
  if (!PERMLINK_CHARSET.test(permlink) || permlink.length > MAX_PERMLINK_LENGTH) {
    throw new OperationInputError(field, `"${permlink}" is not a valid permlink (1 to ${MAX_PERMLINK_LENGTH} characters of a-z, 0-9 and -).`);
  }
}

function assertBasisPoints(field: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > HIVE_100_PERCENT) {
    throw new OperationInputError(
      field,
      `${field} must be a whole number from 0 to ${HIVE_100_PERCENT} (basis points: ${HIVE_100_PERCENT} = 100%), got ${value}.`,
    );
  }
}
