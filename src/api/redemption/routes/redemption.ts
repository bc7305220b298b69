import { documented } from '../../../openapi/registry';
import { redemptionListResponseSchema, redemptionResponseSchema } from '../../../openapi/schemas';
import { rateLimited } from '../../../middlewares/rate-limit';
import { confirmRedemptionSchema, redemptionRequestSchema } from '../../../validation/redemptions';

const writes = [rateLimited('writes', 'redemptions')];
const merchant = { documentId: 'The merchant.' };
const TOO_MANY = { description: 'Too many writes in a short time: see Retry-After.' };

/** Merchants redeeming tokens for cash (users-permissions actions api::redemption.redemption.*, granted to members and editors). */
export default {
  routes: [
    {
      method: 'POST',
      path: '/merchants/:documentId/redemptions',
      handler: 'redemption.request',
      config: {
        middlewares: writes,
        openapi: documented({
          summary: "Ask the board's treasury to buy tokens back (merchant staff)",
          description:
            "At the board's redemption rate: answers the redemption (the cash owed) and signWith, the transfer back to the treasury to sign with Keychain; then POST /api/redemptions/:documentId/confirm. A board admin pays the cash off chain and settles it in the Content Manager.",
          tags: ['Payments'],
          access: 'member',
          params: merchant,
          body: redemptionRequestSchema,
          responses: {
            200: { description: 'The redemption and the transfer to sign.', schema: redemptionResponseSchema },
            400: { description: "The amount is not a positive decimal within the token's decimals, or the merchant's account is the treasury." },
            403: { description: "Not logged in, or not this merchant's staff." },
            404: { description: 'No active merchant with this id.' },
            409: { description: 'The board sets no redemption rate, or has no token.' },
            429: TOO_MANY,
          },
        }),
      },
    },
    {
      method: 'GET',
      path: '/merchants/:documentId/redemptions',
      handler: 'redemption.list',
      config: {
        openapi: documented({
          summary: "A merchant's redemptions (merchant staff)",
          description: 'Newest first, the last 100.',
          tags: ['Payments'],
          access: 'member',
          params: merchant,
          responses: {
            200: { description: 'The redemptions.', schema: redemptionListResponseSchema },
            403: { description: "Not logged in, or not this merchant's staff." },
            404: { description: 'No active merchant with this id.' },
          },
        }),
      },
    },
    {
      method: 'POST',
      path: '/redemptions/:documentId/confirm',
      handler: 'redemption.confirm',
      config: {
        middlewares: writes,
        openapi: documented({
          summary: "Confirm a redemption's return transfer (merchant staff)",
          description: 'The Keychain answer\'s transaction id: checked on Hive-Engine (from the merchant, to the treasury, the symbol, quantity and memo) before the redemption is "returned" and its cash owed.',
          tags: ['Payments'],
          access: 'member',
          params: { documentId: 'The redemption.' },
          body: confirmRedemptionSchema,
          responses: {
            200: { description: 'The redemption, returned.', schema: redemptionResponseSchema },
            400: { description: 'Not a transaction id, or a transaction that is not this return transfer (the message says what differs).' },
            403: { description: "Not logged in, or not this merchant's staff." },
            404: { description: 'No redemption with this id, or Hive-Engine has no such transaction (yet).' },
            409: { description: 'Confirmed already.' },
            429: TOO_MANY,
          },
        }),
      },
    },
  ],
};
