import { documented } from '../../../openapi/registry';
import { paymentRequestResponseSchema, paymentResponseSchema, statementResponseSchema } from '../../../openapi/schemas';
import { rateLimited } from '../../../middlewares/rate-limit';
import { confirmPaymentSchema, payCodeSchema, paymentRequestSchema, refundPaymentSchema, statementQuerySchema } from '../../../validation/payments';

const writes = [rateLimited('writes', 'payments')];
const payment = { documentId: 'The payment.' };
const merchant = { documentId: 'The merchant.' };
const TOO_MANY = { description: 'Too many writes in a short time: see Retry-After.' };

/** Paying merchants (users-permissions actions api::payment.payment.*, granted to members and editors). */
export default {
  routes: [
    {
      method: 'POST',
      path: '/merchants/:documentId/payment-requests',
      handler: 'payment.createRequest',
      config: {
        middlewares: writes,
        openapi: documented({
          summary: 'Ask a member for a payment (merchant staff)',
          description: 'Answers a 6-character code and its QR payload, valid 10 minutes; the member pays it with POST /api/payments.',
          tags: ['Payments'],
          access: 'member',
          params: merchant,
          body: paymentRequestSchema,
          responses: {
            200: { description: 'The code to show.', schema: paymentRequestResponseSchema },
            400: { description: "The amount is not a positive decimal within the token's decimals." },
            403: { description: "Not logged in, or not this merchant's staff." },
            404: { description: 'No active merchant with this id.' },
            409: { description: "The merchant's board has no token (its token rewards are off)." },
            429: TOO_MANY,
          },
        }),
      },
    },
    {
      method: 'POST',
      path: '/payments',
      handler: 'payment.pay',
      config: {
        middlewares: writes,
        openapi: documented({
          summary: 'Pay a payment code',
          description:
            "Without a linked Hive account: paid from your balance (rewards earned, not yet paid out); the board's treasury transfers to the merchant for you (status sending, then paid). With one: the answer's signWith is the transfer to sign with Keychain, then POST /api/payments/:documentId/confirm. A code pays once.",
          tags: ['Payments'],
          access: 'member',
          body: payCodeSchema,
          responses: {
            200: { description: 'The payment.', schema: paymentResponseSchema },
            400: { description: 'No code sent, or your account is the merchant\'s own.' },
            403: { description: 'Not logged in.' },
            404: { description: 'No payment request has this code.' },
            409: { description: 'The code was used already, or your balance is short (the message and details.balance say how much you have).' },
            410: { description: 'The code expired.' },
            429: TOO_MANY,
          },
        }),
      },
    },
    {
      method: 'GET',
      path: '/payments/:documentId',
      handler: 'payment.findOne',
      config: {
        openapi: documented({
          summary: 'A payment (its payer or the merchant\'s staff)',
          tags: ['Payments'],
          access: 'member',
          params: payment,
          responses: {
            200: { description: 'The payment.', schema: paymentResponseSchema },
            403: { description: "Not logged in, or neither the payer nor the merchant's staff." },
            404: { description: 'No payment with this id.' },
          },
        }),
      },
    },
    {
      method: 'POST',
      path: '/payments/:documentId/confirm',
      handler: 'payment.confirm',
      config: {
        middlewares: writes,
        openapi: documented({
          summary: 'Confirm a payment signed with Keychain',
          description: 'Send the transaction id Keychain answered: the server checks on Hive-Engine that it is a successful tokens.transfer from your account to the merchant, of this amount and symbol, with this payment\'s memo.',
          tags: ['Payments'],
          access: 'member',
          params: payment,
          body: confirmPaymentSchema,
          responses: {
            200: { description: 'Paid.', schema: paymentResponseSchema },
            400: { description: 'Not a transaction id, or the transaction is not this payment\'s transfer (the message says what differs).' },
            403: { description: 'Not logged in.' },
            404: { description: 'No payment of yours with this id, or Hive-Engine has no such transaction (yet).' },
            409: { description: 'Confirmed already, or paid from your balance.' },
            429: TOO_MANY,
          },
        }),
      },
    },
    {
      method: 'POST',
      path: '/payments/:documentId/refund',
      handler: 'payment.refund',
      config: {
        middlewares: writes,
        openapi: documented({
          summary: 'Refund a payment (merchant staff)',
          description:
            "The tokens are the merchant's now, so the merchant gives them back: the first call answers signWith, the return transfer the merchant signs (to the board's treasury when the member paid from their balance, to the member's Hive account when they paid with Keychain), and a second call with its { txId } checks it on Hive-Engine and refunds. A balance is credited back only then.",
          tags: ['Payments'],
          access: 'member',
          params: payment,
          body: refundPaymentSchema,
          responses: {
            200: { description: 'Refunded, or the return transfer to sign.', schema: paymentResponseSchema },
            400: { description: 'The txId is not the return transfer.' },
            403: { description: "Not logged in, or not this merchant's staff." },
            404: { description: 'No payment with this id, or Hive-Engine has no such transaction (yet).' },
            409: { description: 'Not paid, refunded already, or the treasury\'s transfer is not confirmed yet.' },
            429: TOO_MANY,
          },
        }),
      },
    },
    {
      method: 'GET',
      path: '/merchants/:documentId/statement',
      handler: 'payment.statement',
      config: {
        openapi: documented({
          summary: "A merchant's daily statement (merchant staff)",
          description: 'Payments paid and refunds made on a UTC day, with their totals.',
          tags: ['Payments'],
          access: 'member',
          params: merchant,
          query: statementQuerySchema,
          responses: {
            200: { description: 'The day.', schema: statementResponseSchema },
            400: { description: 'No day, or not a day of the calendar.' },
            403: { description: "Not logged in, or not this merchant's staff." },
            404: { description: 'No active merchant with this id.' },
          },
        }),
      },
    },
  ],
};
