import { z } from 'zod';
import { MAX_QUERY_LENGTH } from '../search/terms';

export const searchQuerySchema = z
  .object({
    q: z
      .string({ required_error: 'Say what to search for: ?q=…', invalid_type_error: '"q" is the text to search for.' })
      .trim()
      .min(1, 'Say what to search for: ?q=…')
      .max(MAX_QUERY_LENGTH, `A search is at most ${MAX_QUERY_LENGTH} characters.`),
    board: z.string().regex(/^[A-Za-z0-9-_.~]{1,100}$/, '"board" is a board\'s slug.').optional(),
    cursor: z.string().max(500, 'This cursor is not valid: pass on the "meta.nextCursor" you received.').optional(),
    limit: z.coerce
      .number({ invalid_type_error: '"limit" is a whole number from 1 to 50.' })
      .int('"limit" is a whole number from 1 to 50.')
      .min(1, '"limit" is a whole number from 1 to 50.')
      .max(50, '"limit" is at most 50.')
      .default(20),
  })
  .strict();
