import { z } from 'zod';

/** What a merchant's staff sends to ask for a payment. */
export const paymentRequestSchema = z
  .object({
    amount: z
      .string({ required_error: 'Send the amount to pay as text: { "amount": "12.5" }.', invalid_type_error: 'The amount is text such as "12.5" (a number would lose decimals).' })
      .trim()
      .min(1, 'The amount is empty.')
      .max(40, 'The amount is too long.')
      .describe("A positive decimal in the board's token, with at most the token's decimals."),
  })
  .strict();

/** What a member sends to pay: the code the merchant shows (or its QR code carries). */
export const payCodeSchema = z
  .object({
    code: z
      .string({ required_error: 'Send the payment code: { "code": "…" }.', invalid_type_error: 'The payment code is text.' })
      .trim()
      .min(1, 'The payment code is empty: type the code the merchant shows.')
      .max(20, 'This is not a payment code: type the 6 characters the merchant shows.'),
  })
  .strict();

/** A Hive-Engine transaction id: the Hive transaction id (40 hex), with -N when it held several operations. */
const engineTxId = z
  .string({ required_error: 'Send the transaction id Keychain answered: { "txId": "…" }.', invalid_type_error: 'The transaction id is text.' })
  .trim()
  .regex(/^[0-9a-f]{40}(-\d{1,3})?$/, 'A transaction id is 40 hexadecimal characters (as Keychain answers it).');

export const confirmPaymentSchema = z.object({ txId: engineTxId }).strict();

/** A refund: nothing to start it; the merchant's signed return transfer's id to finish one (Keychain payments). */
export const refundPaymentSchema = z.object({ txId: engineTxId.optional() }).strict();

export const statementQuerySchema = z
  .object({
    day: z
      .string({ required_error: 'Ask for a day: ?day=YYYY-MM-DD.' })
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'The day is written YYYY-MM-DD, e.g. 2026-12-03.')
      .describe('The UTC day, YYYY-MM-DD.'),
  })
  .strict();
