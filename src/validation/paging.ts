import { z } from 'zod';

/**
 * The two query parameters every cursor-paged member route shares, with the
 * same messages everywhere: the opaque cursor of the previous page's
 * `meta.nextCursor`, and a page size from 1 to 50 (20 when left out).
 */
const LIMIT_HELP = '"limit" is a whole number from 1 to 50.';

export const pageCursor = (maxLength = 200) => z.string().max(maxLength, 'This cursor is not valid: pass on the "meta.nextCursor" you received.').optional();

export const pageLimit = z.coerce.number({ invalid_type_error: LIMIT_HELP }).int(LIMIT_HELP).min(1, LIMIT_HELP).max(50, '"limit" is at most 50.').default(20);
