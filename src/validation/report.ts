import { z } from 'zod';

export const REPORT_REASONS = ['spam', 'abuse', 'off-topic', 'other'] as const;
export const MAX_REPORT_DETAILS = 1000;

/** What a member sends to report one post or one comment. */
export const reportCreateSchema = z
  .object({
    post: z.string({ invalid_type_error: '"post" is the documentId of the post you report.' }).min(1).optional(),
    comment: z.string({ invalid_type_error: '"comment" is the documentId of the comment you report.' }).min(1).optional(),
    reason: z.enum(REPORT_REASONS, {
      errorMap: () => ({ message: `Give a reason: one of ${REPORT_REASONS.join(', ')}.` }),
    }),
    details: z
      .string({ invalid_type_error: '"details" must be text.' })
      .trim()
      .max(MAX_REPORT_DETAILS, `Details are at most ${MAX_REPORT_DETAILS} characters.`)
      .optional(),
  })
  .strict()
  .refine((data) => (data.post ? 1 : 0) + (data.comment ? 1 : 0) === 1, {
    message: 'Report exactly one thing: send either "post" or "comment" (a documentId).',
    path: ['post'],
  });

export type ReportInput = z.infer<typeof reportCreateSchema>;
