import type { Core } from '@strapi/strapi';
import { invalidFields, toHttpError } from 'hive-smt/core';
import { REDEMPTION, rateProblem, redemptionWebhookPayload, transitionRefusal, type RedemptionStatus } from './rules';
import { announce } from '../utils/hive-smt-hooks';

const BOARD = 'api::board.board';
/** What a board admin may change on a redemption in the Content Manager: the rest is what the chain and the request said. */
const ADMIN_FIELDS = new Set(['state', 'settlementNote']);
/** Set by the server only (the request, the return found on the sidechain, the settlement's time). */
const SERVER_KEYS = Symbol.for('quanzi.redemption.server-write');

/** Marks Document Service params as the redemption service's own write (not an admin's edit). */
export const serverWrite = <T extends object>(params: T): T => Object.assign(params, { [SERVER_KEYS]: true });

/**
 * Checks a board's redemption rate on every write, and what an admin changes
 * on a redemption: only its state (the API's status) and settlement note, and only along
 * transitionRefusal's rules (settling stamps settledAt). Nothing is stored
 * when a check fails.
 */
export function registerRedemptionValidation(strapi: Core.Strapi): void {
  strapi.documents.use(async (context: any, next: () => Promise<any>) => {
    const data = context.params?.data;
    if (context.uid === BOARD && (context.action === 'create' || context.action === 'update') && data && 'redemptionRate' in data) {
      const problem = rateProblem(data.redemptionRate);
      if (problem) throw toHttpError(invalidFields([{ path: ['redemptionRate'], message: problem }]));
    }
    if (context.uid !== REDEMPTION || context.params?.[SERVER_KEYS]) return next();
    if (context.action === 'create') throw toHttpError(invalidFields([{ path: ['merchant'], message: "Redemptions are asked for by a merchant's staff (POST /api/merchants/:documentId/redemptions), not created here." }]));
    if (context.action !== 'update' || !data) return next();
    const current: any = await strapi.db.query(REDEMPTION).findOne({ where: { documentId: context.params.documentId }, select: ['state', 'settlementNote', 'quantity', 'cash', 'rate', 'treasury', 'symbol', 'currency', 'returnTxId', 'returnedAt'] });
    if (!current) return next();
    const problems: Array<{ path: string[]; message: string }> = [];
    for (const [field, value] of Object.entries(data)) {
      if (ADMIN_FIELDS.has(field) || !(field in current)) continue;
      if (String(value ?? '') !== String(current[field] ?? '')) problems.push({ path: [field], message: `"${field}" is what the merchant asked and the chain shows: only the state and the settlement note can be changed.` });
    }
    const to = (data.state ?? current.state) as RedemptionStatus;
    const refusal = transitionRefusal(current.state, to, data.settlementNote ?? current.settlementNote);
    if (refusal) problems.push({ path: [to === 'settled' && current.state === 'returned' ? 'settlementNote' : 'state'], message: refusal });
    if (problems.length) throw toHttpError(invalidFields(problems));
    const settling = to === 'settled' && current.state !== 'settled';
    if (settling) data.settledAt = Date.now();
    const result = await next();
    if (settling) {
      const settled: any = await strapi.db.query(REDEMPTION).findOne({ where: { documentId: context.params.documentId }, populate: { merchant: { select: ['documentId'] } } });
      announce(strapi, 'hive-smt.redemption.settled', redemptionWebhookPayload(settled, settled?.merchant?.documentId ?? null));
    }
    return result;
  });
}
