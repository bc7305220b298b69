import { z } from 'zod';
import { checkKindObjects, DEFAULT_POST_KIND, kindFields } from '../posts/kinds';

/** Hive allows 255 bytes of UTF-8 in a title; a Chinese character takes 3 of them. */
export const MAX_TITLE_BYTES = 255;
export const MAX_TAGS = 8;
export const MAX_TAG_LENGTH = 32;
export const FEATURED_FIELDS = ['featured', 'featuredRank', 'featuredUntil'] as const;

const byteLength = (s: string) => Buffer.byteLength(s, 'utf8');

export const titleSchema = z
  .string({ required_error: 'A title is required.', invalid_type_error: 'The title must be text.' })
  .trim()
  .min(1, 'A title is required.')
  .refine((t) => byteLength(t) <= MAX_TITLE_BYTES, {
    message: `The title is too long: at most ${MAX_TITLE_BYTES} bytes (about 85 Chinese characters or 255 Latin letters).`,
  });

export const tagsSchema = z
  .array(
    z
      .string({ invalid_type_error: 'Each tag must be text.' })
      .trim()
      .min(1, 'Tags cannot be empty.')
      .max(MAX_TAG_LENGTH, `Each tag is at most ${MAX_TAG_LENGTH} characters.`),
    { invalid_type_error: 'Tags must be a list of words, e.g. ["garden", "events"].' },
  )
  .max(MAX_TAGS, `At most ${MAX_TAGS} tags per post.`);

const bodySchema = z
  .string({ required_error: 'The post body is required.', invalid_type_error: 'The body must be markdown text.' })
  .refine((b) => b.trim().length > 0, { message: 'The post body is required.' })
  .refine((b) => byteLength(b) <= 60000, { message: 'The post body is too long: at most 60,000 bytes.' });

const excerptSchema = z.string().trim().max(300, 'The excerpt is at most 300 characters.');

const memberFields = {
  title: titleSchema,
  body: bodySchema,
  excerpt: excerptSchema.optional(),
  tags: tagsSchema.optional(),
  slug: z
    .string()
    .regex(/^[A-Za-z0-9-_.~]+$/, 'The slug may contain letters, digits and - _ . ~ only.')
    .max(200)
    .optional(),
  cover: z.union([z.number().int().positive(), z.null()]).optional(),
  keepOffHive: z.boolean({ invalid_type_error: '"keepOffHive" must be true (never put this post on Hive) or false.' }).optional(),
};

function rejectFeatured(data: unknown, ctx: z.RefinementCtx) {
  if (data && typeof data === 'object') {
    for (const field of FEATURED_FIELDS) {
      if (field in (data as Record<string, unknown>)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [field],
          message: `Members cannot set "${field}": featuring posts is done by editors.`,
        });
      }
    }
  }
}

/** What a member may send to create a post. The board is named by documentId or slug; `kind` (news when left out) comes with its object. */
export const memberPostCreateSchema = z
  .object({
    ...memberFields,
    ...kindFields,
    board: z.string({ required_error: 'Choose a board for the post (its slug or documentId).' }).min(1),
    featured: z.any().optional(),
    featuredRank: z.any().optional(),
    featuredUntil: z.any().optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    rejectFeatured(d, ctx);
    checkKindObjects(d, d.kind ?? DEFAULT_POST_KIND, ctx, { requireObject: true });
  })
  .transform(({ featured, featuredRank, featuredUntil, ...rest }) => ({ ...rest, kind: rest.kind ?? DEFAULT_POST_KIND }));

/** What a member may change on their own post (the kind's object of the post's kind: the controller checks which). */
export const memberPostUpdateSchema = z
  .object({ ...memberFields, ...kindFields })
  .partial()
  .extend({
    featured: z.any().optional(),
    featuredRank: z.any().optional(),
    featuredUntil: z.any().optional(),
  })
  .strict()
  .superRefine((d, ctx) => rejectFeatured(d, ctx))
  .transform(({ featured, featuredRank, featuredUntil, ...rest }) => rest);

/** What an editor may change on any post over REST: the curation fields only. */
export const editorCurationSchema = z
  .object({
    featured: z.boolean({ invalid_type_error: '"featured" must be true or false.' }).optional(),
    featuredRank: z.number().int().min(0, 'featuredRank starts at 0 (first).').max(100000).nullable().optional(),
    featuredUntil: z
      .string()
      .datetime({ offset: true, message: 'featuredUntil must be an ISO date-time, e.g. 2026-12-31T23:59:59Z.' })
      .nullable()
      .optional(),
  })
  .strict();

export const commentCreateSchema = z
  .object({
    post: z.string({ required_error: 'Name the post to comment on (its documentId).' }).min(1),
    body: z
      .string({ required_error: 'The comment is empty.', invalid_type_error: 'The comment must be text.' })
      .trim()
      .min(1, 'The comment is empty.')
      .max(5000, 'A comment is at most 5,000 characters.'),
    parent: z.string().min(1).optional(),
  })
  .strict();

export const commentUpdateSchema = z
  .object({
    body: commentCreateSchema.shape.body,
  })
  .strict();

export const commentModerationSchema = z
  .object({ hidden: z.boolean({ invalid_type_error: '"hidden" must be true or false.' }) })
  .strict();
