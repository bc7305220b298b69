import { z } from 'zod';
import { eventFieldsSchema, POST_KINDS, requestSchema, saleSchema, serviceSchema } from '../posts/kinds';

/** Schemas of what custom routes answer: the documentation's source, and what tests check responses against. */

export const chainStatusSchema = z
  .object({
    status: z.string().describe('e.g. pending, broadcasting, confirmed, failed'),
    author: z.string().nullable().optional(),
    permlink: z.string().nullable().optional(),
    txId: z.string().nullable().optional(),
    blockNum: z.number().int().nullable().optional(),
    url: z.string().nullable().optional(),
    nextAttemptAt: z.string().nullable().optional(),
    error: z
      .object({
        code: z.enum(['waiting', 'retrying', 'needs-admin']).describe('waiting: its turn on Hive comes; retrying: sent again automatically; needs-admin: an administrator must act.'),
        message: z.string().describe('One sentence for readers. The detail is on the admin panel\'s Chain health page.'),
      })
      .nullable()
      .optional(),
  })
  .passthrough()
  .nullable()
  .describe('The post on Hive, from the hive-smt plugin; null until the plugin knows it.');

/** An event as readers see it: its fields, and how many are going or waiting (the organiser also sees who). */
export const eventViewSchema = eventFieldsSchema
  .extend({
    going: z.number().int().min(0).optional().describe('Members going (post detail).'),
    waitlisted: z.number().int().min(0).optional().describe('Members on the waiting list (post detail).'),
    attendees: z
      .array(z.object({ displayName: z.string(), status: z.enum(['going', 'waitlisted']), position: z.number().int().nullable(), checkedIn: z.boolean() }))
      .optional()
      .describe("The organiser only: who replied, going first, then the waiting list in order."),
    myRsvp: z
      .object({ status: z.enum(['going', 'waitlisted']), position: z.number().int().nullable() })
      .nullable()
      .optional()
      .describe('The reading member\'s own reply (null: none); only with a member token.'),
  })
  .describe('event posts: when, where, seats and replies.');

/** `kind` and its object, on feed items and post details. */
const kindViewFields = {
  kind: z.enum(POST_KINDS).describe('What the post is: news (every post written before kinds existed), sale, service, event or request (wanted).'),
  sale: saleSchema.nullable().optional().describe('sale posts: price, currency (CNY or the board\'s token), condition, status.'),
  service: serviceSchema.nullable().optional().describe('service posts: category, price per unit, area served.'),
  event: eventViewSchema.nullable().optional(),
  request: requestSchema.nullable().optional().describe('request posts: an optional budget.'),
};

export const feedItemSchema = z.object({
  documentId: z.string(),
  title: z.string(),
  excerpt: z.string().describe("The author's excerpt, or the start of the body as plain text (at most 160 characters)."),
  slug: z.string().nullable(),
  coverThumbnailUrl: z.string().nullable().describe('The cover image\'s thumbnail (relative to this server for local uploads).'),
  author: z.object({ displayName: z.string() }).nullable().describe('null when the author\'s account is gone.'),
  board: z.object({ slug: z.string(), name: z.string() }),
  publishedAt: z.string().datetime(),
  tags: z.array(z.string()),
  ...kindViewFields,
  featured: z.boolean().describe('Featured by an editor right now (featuredUntil not passed).'),
  likeCount: z.number().int().min(0),
  commentCount: z.number().int().min(0).describe('Visible comments and replies.'),
  likedByMe: z.boolean().optional().describe('Only when the request carries a member token.'),
  chain: chainStatusSchema,
});

export const feedPageSchema = z.object({
  data: z.array(feedItemSchema),
  meta: z.object({
    nextCursor: z.string().nullable().describe('Pass as ?cursor= for the next page; null on the last page.'),
    limit: z.number().int(),
  }),
});

export const postDetailSchema = z.object({
  data: z
    .object({
      id: z.number().int(),
      documentId: z.string(),
      title: z.string(),
      slug: z.string().nullable(),
      body: z.string().describe('Markdown, as the author wrote it.'),
      bodyHtml: z.string().describe('The body rendered to sanitized HTML: no scripts, styles, frames or event handlers; links http(s)/mailto, images http(s).'),
      excerpt: z.string().nullable(),
      tags: z.array(z.string()).nullable(),
      featured: z.boolean().nullable(),
      featuredRank: z.number().int().nullable(),
      featuredUntil: z.string().nullable(),
      createdAt: z.string(),
      updatedAt: z.string(),
      publishedAt: z.string().nullable(),
      chain: chainStatusSchema,
      author: z
        .object({ displayName: z.string(), avatarUrl: z.string().nullable(), hiveAccount: z.string().nullable().describe('The Hive account the author linked, or null.') })
        .nullable()
        .describe("null when the author's account is gone."),
      board: z.object({ slug: z.string(), name: z.string() }).nullable(),
      cover: z
        .object({
          url: z.string(),
          width: z.number().int().nullable(),
          height: z.number().int().nullable(),
          alternativeText: z.string().nullable(),
          formats: z.record(z.object({ url: z.string(), width: z.number().int(), height: z.number().int() })),
        })
        .nullable(),
      likeCount: z.number().int().min(0),
      likedByMe: z.boolean().optional().describe('Only when the request carries a member token.'),
      commentCount: z.number().int().min(0).describe('Visible comments and replies.'),
      ...kindViewFields,
    })
    .passthrough(),
  meta: z.object({}).passthrough(),
});

export const myPostSchema = z.object({
  documentId: z.string(),
  title: z.string(),
  slug: z.string().nullable(),
  excerpt: z.string(),
  board: z.object({ slug: z.string(), name: z.string() }).nullable(),
  status: z
    .enum(['draft', 'published', 'modified'])
    .describe('draft: never published (on a review board: waiting for an editor); published: live as is; modified: live, with newer changes not yet published.'),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const myPostsPageSchema = z.object({
  data: z.array(myPostSchema),
  meta: z.object({ pagination: z.object({ page: z.number().int(), pageSize: z.number().int(), pageCount: z.number().int(), total: z.number().int() }) }),
});

export const reportSchema = z.object({
  data: z.object({
    documentId: z.string(),
    reason: z.enum(['spam', 'abuse', 'off-topic', 'other']),
    details: z.string().nullable(),
    status: z.enum(['open', 'resolved']),
    target: z.object({ type: z.enum(['post', 'comment']), documentId: z.string() }),
    createdAt: z.string(),
  }),
  meta: z.object({ alreadyReported: z.boolean().describe('true when this member had already reported this post or comment: the open report is returned, nothing new is stored.') }),
});

export const authResponseSchema = z.object({
  jwt: z.string().describe('The access token for `Authorization: Bearer …`. With refresh-token sessions (the default) it lives MEMBER_ACCESS_TOKEN_SECONDS (10 minutes): on a 401, get a new one from POST /api/auth/refresh.'),
  refreshToken: z.string().optional().describe('With refresh-token sessions: send it to POST /api/auth/refresh for a new jwt and refresh token (the old one stops working), or to POST /api/auth/logout to end this session.'),
  user: z
    .object({ id: z.number().int(), documentId: z.string(), username: z.string(), displayName: z.string().nullable().optional(), provider: z.string().nullable().optional() })
    .passthrough(),
});

export const rsvpResponseSchema = z.object({
  data: z.object({
    status: z.enum(['going', 'waitlisted']).describe('going: a seat is yours; waitlisted: you move up when someone cancels (and are notified).'),
    position: z.number().int().min(1).optional().describe('Your place on the waiting list (1: next).'),
  }),
});

export const rsvpCancelSchema = z.object({ data: z.object({ status: z.literal('cancelled') }) });

export const checkinCodeSchema = z.object({
  data: z.object({
    code: z.string().describe('The signed code attendees send to POST /api/posts/:documentId/checkin.'),
    expiresAt: z.string().datetime().describe('When the code stops working: show a fresh one after it.'),
    qrPayload: z.string().describe('What to encode in the QR code: quanzi:checkin:<documentId>:<code>.'),
  }),
});

export const checkinResponseSchema = z.object({
  data: z.object({
    checkedIn: z.literal(true),
    first: z.boolean().describe('true the first time; a repeat records nothing more.'),
    rewarded: z.boolean().describe("This check-in earns the board's attendance reward (a full-power like of the event post, paid with the post's rewards); false: a repeat, no token on the board, or the post's reward window closed."),
  }),
});

export const merchantSchema = z.object({
  documentId: z.string().describe('The merchant, as payment requests and statements name it.'),
  name: z.string(),
  address: z.string().nullable(),
  offer: z.string().nullable().describe('What they offer, in their words.'),
  openingHours: z.string().nullable().describe('e.g. "Mon–Sat 8:00–18:00".'),
  tokenDiscountPercent: z.number().int().min(0).max(100).describe("The discount they give when paid in the board's token (0: none)."),
  hiveAccount: z.string().describe('The Hive account payments in the token go to.'),
});

export const merchantListSchema = z.object({ data: z.array(merchantSchema) });

export const paymentRequestResponseSchema = z.object({
  data: z.object({
    documentId: z.string().describe('The payment, for GET /api/payments/:documentId.'),
    code: z.string().describe('6 characters to show the member (no 0/O, 1/I/L look-alikes).'),
    qr: z.string().describe('What to encode in the QR code: quanzi:pay?code=<code>.'),
    expiresAt: z.string().datetime().describe('The code can be paid until then (10 minutes).'),
    amount: z.string().describe("With the token's decimals, e.g. \"12.500\"."),
    symbol: z.string(),
  }),
});

/** The transfer a Hive account signs with Keychain: requestCustomJson(account, id, keyType, json, display). */
const keychainTransferSchema = z
  .object({
    method: z.literal('requestCustomJson'),
    account: z.string(),
    id: z.string().describe("Hive-Engine's custom_json id."),
    keyType: z.literal('Active'),
    json: z.string().describe('The tokens.transfer action, as JSON text.'),
    display: z.string(),
  })
  .describe('Sign with Hive Keychain: requestCustomJson(account, id, keyType, json, display); then send the answer\'s transaction id.');

const paymentViewFields = {
  documentId: z.string(),
  status: z
    .enum(['requested', 'awaiting-signature', 'sending', 'paid', 'refund-requested', 'refunded'])
    .describe('sending: paid from your balance, the treasury\'s transfer to the merchant is on its way; awaiting-signature: sign signWith with Keychain, then confirm.'),
  method: z.enum(['custodial', 'keychain']).nullable().describe('custodial: from rewards earned and not yet paid out; keychain: from the member\'s Hive account.'),
  amount: z.string(),
  symbol: z.string(),
  merchant: z.object({ documentId: z.string(), name: z.string(), hiveAccount: z.string() }).nullable(),
  payerAccount: z.string().nullable(),
  expiresAt: z.string().datetime().nullable(),
  paidAt: z.string().datetime().nullable(),
  refundedAt: z.string().datetime().nullable(),
  txId: z.string().nullable().describe('The sidechain transaction that paid the merchant.'),
  refundTxId: z.string().nullable(),
  error: z.string().optional().describe("The treasury's transfer failed: a board admin retries it."),
};

export const paymentResponseSchema = z.object({
  data: z.object({
    ...paymentViewFields,
    signWith: keychainTransferSchema.optional().describe('Members with a linked Hive account (pay), or the merchant (a refund): the transfer to sign.'),
  }),
});

const redemptionView = z.object({
  documentId: z.string(),
  status: z
    .enum(['requested', 'returned', 'settled', 'rejected'])
    .describe('requested: sign signWith, then confirm; returned: the tokens are with the treasury, the cash is owed; settled: a board admin paid it (settlementNote says how).'),
  quantity: z.string().describe("The tokens, with the token's decimals."),
  symbol: z.string(),
  cash: z.string().describe("What the board owes: quantity × rate, rounded down to the cent."),
  currency: z.string().nullable(),
  rate: z.string().describe("The board's cash per token when the merchant asked."),
  treasury: z.string().describe('The Hive account the tokens go back to.'),
  merchant: z.object({ documentId: z.string(), name: z.string(), hiveAccount: z.string() }).nullable(),
  returnTxId: z.string().nullable(),
  returnedAt: z.string().datetime().nullable(),
  settledAt: z.string().datetime().nullable(),
  settlementNote: z.string().nullable(),
  requestedAt: z.string().datetime().nullable(),
});

export const redemptionResponseSchema = z.object({
  data: redemptionView.extend({ signWith: keychainTransferSchema.optional().describe("The merchant's transfer back to the treasury, to sign with Keychain.") }),
});

export const redemptionListResponseSchema = z.object({ data: z.array(redemptionView) });

export const statementResponseSchema = z.object({
  data: z.object({
    day: z.string(),
    merchant: z.object({ documentId: z.string(), name: z.string() }),
    symbol: z.string().nullable(),
    paidCount: z.number().int(),
    paid: z.string(),
    refundedCount: z.number().int(),
    refunded: z.string(),
    net: z.string().describe('paid − refunded (may be negative when refunds of earlier days were made).'),
    payments: z.array(
      z.object({
        documentId: z.string(),
        status: z.string(),
        method: z.enum(['custodial', 'keychain']).nullable(),
        amount: z.string(),
        paidAt: z.string().datetime().nullable(),
        refundedAt: z.string().datetime().nullable(),
        txId: z.string().nullable(),
      }),
    ),
  }),
});
