import { z } from 'zod';
import { POST_KINDS } from '../posts/kinds';

export const DEFAULT_FEED_LIMIT = 20;
export const MAX_FEED_LIMIT = 50;

const limit = z.coerce
  .number({ invalid_type_error: `"limit" must be a whole number from 1 to ${MAX_FEED_LIMIT}.` })
  .int(`"limit" must be a whole number from 1 to ${MAX_FEED_LIMIT}.`)
  .min(1, `"limit" must be a whole number from 1 to ${MAX_FEED_LIMIT}.`)
  .max(MAX_FEED_LIMIT, `"limit" is at most ${MAX_FEED_LIMIT}.`)
  .default(DEFAULT_FEED_LIMIT)
  .describe(`Items per page, 1 to ${MAX_FEED_LIMIT} (default ${DEFAULT_FEED_LIMIT}).`);

const cursor = z
  .string({ invalid_type_error: '"cursor" must be the text of a previous meta.nextCursor.' })
  .min(1, '"cursor" is empty: leave it out for the first page.')
  .max(1000, '"cursor" is too long to be one this server made.')
  .optional()
  .describe('Opaque: the meta.nextCursor of the previous page. Leave out for the first page.');

/** Query of GET /api/feed. Unknown parameters are ignored (cache busters, tracking). */
export const boardFeedQuerySchema = z.object({
  board: z
    .string({ required_error: 'Name the board: ?board=<slug>.', invalid_type_error: '"board" must be one board slug.' })
    .min(1, 'Name the board: ?board=<slug>.')
    .max(200)
    .describe('The board slug.'),
  cursor,
  limit,
  featuredFirst: z
    .enum(['true', 'false'], { errorMap: () => ({ message: '"featuredFirst" is true or false.' }) })
    .optional()
    .describe('true: the posts editors feature right now come first (by featuredRank), then the rest, newest first.'),
  kind: z
    .enum(POST_KINDS, { errorMap: () => ({ message: `"kind" is one of ${POST_KINDS.join(', ')}.` }) })
    .optional()
    .describe(`Posts of this kind only: ${POST_KINDS.join(', ')}. Posts written before kinds existed are news.`),
});

/** Query of GET /api/featured. */
export const featuredQuerySchema = z.object({ cursor, limit });
