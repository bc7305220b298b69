import { z } from 'zod';
import { NOTIFICATION_KINDS } from '../notifications/kinds';

/** Schemas of the community routes (profiles, pictures, comments, notifications, search): documentation and test checks. */

export const memberCardSchema = z
  .object({
    displayName: z.string().describe('The name the member chose, or their username when they chose none.'),
    avatarUrl: z.string().nullable().describe("The avatar's thumbnail (relative to this server for local uploads)."),
  })
  .describe('How a member appears beside what they wrote.');

export const pictureSchema = z.object({
  id: z.number().int().describe('Use as PUT /api/me `avatar`, as a post\'s `cover`; in a post body use the server\'s public address + `url`.'),
  url: z.string(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  formats: z.record(z.object({ url: z.string(), width: z.number().int(), height: z.number().int() })).describe('thumbnail, small, medium, large: what the upload plugin made (smaller pictures have fewer).'),
});

export const uploadResponseSchema = z.object({ data: pictureSchema, meta: z.object({}).passthrough() });

export const profileSchema = z.object({
  data: z.object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    avatarUrl: z.string().nullable(),
    avatar: z.object({ id: z.number().int(), url: z.string() }).nullable(),
    bio: z.string(),
    hiveAccount: z.string().nullable().describe('The Hive account the member linked (POST /api/me/hive-account), or null.'),
    unreadNotifications: z.number().int().min(0),
    notifications: z.object({ wechat: z.boolean().describe('WeChat subscribe messages accepted.') }),
  }),
  meta: z.object({}).passthrough(),
});

export const notificationSchema = z.object({
  id: z.number().int(),
  kind: z.enum(NOTIFICATION_KINDS),
  read: z.boolean(),
  count: z.number().int().min(1).describe('Likes are grouped per post until read: how many.'),
  actors: z.array(memberCardSchema).describe('Who did it (for grouped likes, the latest few).'),
  post: z.object({ documentId: z.string(), title: z.string().nullable() }).nullable(),
  commentDocumentId: z.string().nullable(),
  payload: z.record(z.any()).describe('reward: { boardDocumentId, symbol, amount, txId }; moderation: { target, decision: approved | rejected | hidden, reason }; event: { change: promoted (a seat came free) | reminder (it starts soon) }; payment: { change: paid | received | refunded, paymentDocumentId, amount, symbol, merchant }.'),
  text: z.string().describe('One line to show as it is.'),
  createdAt: z.string(),
  lastAt: z.string(),
});

export const notificationPageSchema = z.object({
  data: z.array(notificationSchema),
  meta: z.object({ nextCursor: z.string().nullable(), limit: z.number().int(), unread: z.number().int() }),
});

export const markReadResponseSchema = z.object({ data: z.object({ marked: z.number().int(), unread: z.number().int() }), meta: z.object({}).passthrough() });

const commentNodeBase = z.object({
  documentId: z.string(),
  author: memberCardSchema.nullable().describe('For replies imported from Hive: the Hive account as "@name". null when the account is gone.'),
  source: z.enum(['quanzi', 'hive']),
  bodyHtml: z.string().describe('The comment rendered to sanitized HTML (the same sanitizer as posts).'),
  createdAt: z.string(),
});


/** JSON Schema cannot say "the same again" without refs: two levels are spelled out, deeper ones have the same shape. */
export const commentNodeSchema = commentNodeBase.extend({
  replies: z
    .array(commentNodeBase.extend({ replies: z.array(z.record(z.any())).describe('Deeper replies, the same shape.') }))
    .describe('Visible replies, oldest first, nested the same way down to the thread depth limit.'),
});

export const commentThreadPageSchema = z.object({
  data: z.array(commentNodeSchema),
  meta: z.object({ nextCursor: z.string().nullable(), limit: z.number().int(), order: z.enum(['newest', 'oldest']) }),
});

export const postedCommentSchema = z.object({
  data: commentNodeSchema,
  meta: z.object({ moderation: z.enum(['published', 'awaiting-editor', 'awaiting-check', 'hidden']).describe('published: visible now; awaiting-editor: on the editors\' list; awaiting-check: held until WeChat\'s content check answers; hidden: the check found it unsafe.') }),
});

export const searchPageSchema = z.object({
  data: z.array(
    z.object({
      documentId: z.string(),
      title: z.string(),
      titleHtml: z.string().describe('The title with matches in <mark>, escaped.'),
      snippetHtml: z.string().describe('About 120 characters of the body around the first match, matches in <mark>, escaped.'),
      board: z.object({ slug: z.string(), name: z.string() }),
      publishedAt: z.string(),
    }),
  ),
  meta: z.object({ nextCursor: z.string().nullable(), limit: z.number().int() }),
});
