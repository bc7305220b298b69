import { z } from 'zod';
import { pageCursor, pageLimit } from './paging';
import { MAX_QUERY_LENGTH } from '../search/terms';

export const searchQuerySchema = z
  .object({
    q: z
      .string({ required_error: 'Say what to search for: ?q=…', invalid_type_error: '"q" is the text to search for.' })
      .trim()
      .min(1, 'Say what to search for: ?q=…')
      .max(MAX_QUERY_LENGTH, `A search is at most ${MAX_QUERY_LENGTH} characters.`),
    board: z.string().regex(/^[A-Za-z0-9-_.~]{1,100}$/, '"board" is a board\'s slug.').optional(),
    cursor: pageCursor(500),
    limit: pageLimit,
  })
  .strict();
