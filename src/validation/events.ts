import { z } from 'zod';

/** What an attendee's app sends after scanning the organiser's QR code. */
export const checkinSchema = z
  .object({
    code: z
      .string({ required_error: 'Send the check-in code from the organiser\'s QR code: { "code": "…" }.', invalid_type_error: 'The check-in code is text.' })
      .trim()
      .min(1, 'The check-in code is empty: scan the organiser\'s QR code again.')
      .max(100, 'This is not a check-in code: scan the organiser\'s QR code again.'),
  })
  .strict();
