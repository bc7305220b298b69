import { z } from 'zod';

/** What the admin panel may send to the Hive routes. */
const documentId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'Not a document id.');
const futureDate = z.string().datetime({ offset: true, message: 'Use a date and time like 2026-05-01T18:00:00Z.' }).nullable().optional();
const limit = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const jobParams = z.object({ documentId });
export const jobsQuery = z.object({ filter: z.enum(['open', 'failed', 'done', 'all']).default('open'), limit: limit(200, 50) });
export const payoutBody = z.object({ board: documentId.optional() }).strict();

export const postParams = z.object({ documentId });
export const featureBody = z.object({ documentId, until: futureDate, position: z.number().int().min(0).optional() }).strict();
export const untilBody = z.object({ until: futureDate }).strict();
export const orderBody = z.object({ documentIds: z.array(documentId).min(1).max(500) }).strict();
export const candidatesQuery = z.object({ q: z.string().max(100).optional(), limit: limit(50, 20) });

export const commentParams = z.object({ documentId });
export const commentsQuery = z.object({ q: z.string().max(100).optional(), hidden: flag.optional(), limit: limit(100, 30) });
export const hiddenBody = z.object({ hidden: z.boolean() }).strict();

export const memberParams = z.object({ id: z.coerce.number().int().positive() });
export const membersQuery = z.object({ q: z.string().max(100).optional(), muted: flag.optional(), limit: limit(100, 30) });
export const muteBody = z.object({ until: futureDate, reason: z.string().max(300).nullable().optional() }).strict();

export const reviewQuery = z.object({ type: z.enum(['post', 'comment']).optional(), limit: limit(100, 50) });
export const reviewParams = z.object({ id: z.coerce.number().int().positive() });
export const rejectBody = z.object({ reason: z.string().trim().min(1, 'Say why, for the author: a reason is required.').max(500) }).strict();

export const moderationQuery = z.object({
  board: z.string().min(1).max(64).optional(),
  actor: z.coerce.number().int().positive().optional(),
  kind: z.enum(['content', 'member', 'job', 'payout']).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: limit(200, 50),
});

/** Payments page filters: a merchant, a member (the payer), a status. */
export const paymentsQuery = z.object({
  merchant: z.string().min(1).max(64).optional(),
  member: z.coerce.number().int().positive().optional(),
  status: z.enum(['requested', 'awaiting-signature', 'sending', 'paid', 'refund-requested', 'refunded']).optional(),
  limit: limit(200, 100),
});

/** Redemptions page filters. */
export const redemptionsQuery = z.object({
  merchant: z.string().min(1).max(64).optional(),
  state: z.enum(['requested', 'returned', 'settled', 'rejected']).optional(),
  limit: limit(200, 100),
});
