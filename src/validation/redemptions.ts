import { confirmPaymentSchema, paymentRequestSchema } from './payments';

/** A merchant's staff ask the treasury to buy back an amount of the board's token (the same shape as a payment request). */
export const redemptionRequestSchema = paymentRequestSchema;

/** The staff's signed return transfer's Hive-Engine id. */
export const confirmRedemptionSchema = confirmPaymentSchema;
