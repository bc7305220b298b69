import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { amountUnits, formatUnits, keychainTransfer, transferMismatch, type TokenTransfer } from '../../../payments/rules';
import { REDEMPTION, cashValue, rateProblem, redemptionMemo, redemptionWebhookPayload, type RedemptionStatus } from '../../../redemptions/rules';
import { serverWrite } from '../../../redemptions/validate';
import { announce, hiveSmtService } from '../../../utils/hive-smt-hooks';
import { invalidField, refuse } from '../../../utils/request';
import { signedTransfer } from '../../../payments/sidechain';

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(Number(v)).toISOString());

interface RedemptionRow {
  id: number;
  documentId: string;
  /** `state` in the table (Strapi 5 keeps `status` for draft and publish); `status` in answers. */
  state: RedemptionStatus;
  amount: string;
  precision: number;
  quantity: string;
  symbol: string;
  cash: string;
  currency: string | null;
  rate: string;
  treasury: string;
  settlementNote: string | null;
  returnTxId: string | null;
  returnedAt: number | string | null;
  settledAt: number | string | null;
  createdAt: string;
  merchant?: { documentId: string; name: string; hiveAccount: string; staff?: Array<{ id: number }> } | null;
}

/**
 * Merchants giving tokens back to the board's treasury for cash (src/redemptions/rules.ts): the staff's
 * request with the return transfer they sign, its check on Hive-Engine, the merchant's list. The cash
 * itself is paid off chain by a board admin, who settles the redemption in the Content Manager.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const rows = () => strapi.db.query(REDEMPTION as any);
  const merchants = () => strapi.service('api::merchant.merchant') as any;
  const plugin = <K extends 'spending'>(name: K) => {
    const service = hiveSmtService(strapi, name);
    if (!service) throw refuse(503, 'Redemptions need the hive-smt plugin, which is not enabled.');
    return service;
  };

  const load = (documentId: string) =>
    rows().findOne({
      where: { documentId },
      populate: { merchant: { select: ['documentId', 'name', 'hiveAccount'], populate: { staff: { select: ['id'] } } } },
    }) as Promise<RedemptionRow | null>;

  const returnOf = (r: RedemptionRow): TokenTransfer => ({ from: String(r.merchant?.hiveAccount), to: r.treasury, symbol: r.symbol, quantity: r.quantity, memo: redemptionMemo(r.documentId) });

  const view = (r: RedemptionRow) => ({
    documentId: r.documentId,
    status: r.state,
    quantity: r.quantity,
    symbol: r.symbol,
    cash: r.cash,
    currency: r.currency ?? null,
    rate: r.rate,
    treasury: r.treasury,
    merchant: r.merchant ? { documentId: r.merchant.documentId, name: r.merchant.name, hiveAccount: r.merchant.hiveAccount } : null,
    returnTxId: r.returnTxId ?? null,
    returnedAt: iso(r.returnedAt),
    settledAt: iso(r.settledAt),
    settlementNote: r.settlementNote ?? null,
    requestedAt: r.createdAt ? new Date(r.createdAt).toISOString() : null,
  });

  async function staffMerchant(merchantDocumentId: string, memberId: number) {
    const merchant = await merchants().findActive(merchantDocumentId);
    if (!merchant) throw new errors.NotFoundError('No active merchant with this id.');
    if (!merchant.staffIds.includes(memberId)) throw refuse(403, "Only this merchant's staff can redeem its tokens.");
    return merchant;
  }

  return {
    /** The staff ask the treasury to buy back `amount`: the redemption at the board's rate, and the return transfer to sign. */
    async request(merchantDocumentId: string, memberId: number, amountText: string) {
      const merchant = await staffMerchant(merchantDocumentId, memberId);
      const board: any = await strapi.db.query('api::board.board').findOne({ where: { documentId: merchant.board.documentId }, select: ['id', 'name', 'redemptionRate', 'redemptionCurrency'] });
      const rate = String(board?.redemptionRate ?? '').trim();
      if (!rate || rateProblem(rate)) throw refuse(409, `Board "${merchant.board.name}" does not buy tokens back: a board admin sets its redemption rate first.`);
      const token = await plugin('spending').tokenOf(merchant.board.documentId);
      if (!token) throw refuse(409, `Board "${merchant.board.name}" has no token (its token rewards are off): a board admin can switch them on.`);
      if (token.treasury === merchant.hiveAccount) throw refuse(400, `@${merchant.hiveAccount} is the board's treasury itself: it cannot redeem to itself.`);
      const amount = amountUnits(amountText, token.precision);
      if ('error' in amount) throw invalidField('amount', amount.error);
      const created: any = await strapi.documents(REDEMPTION as any).create(
        serverWrite({
          data: {
            merchant: merchant.documentId,
            board: merchant.board.documentId,
            state: 'requested',
            amount: String(amount.units),
            precision: token.precision,
            quantity: formatUnits(amount.units, token.precision),
            symbol: token.symbol,
            rate,
            currency: board.redemptionCurrency ?? null,
            cash: cashValue(amount.units, token.precision, rate),
            treasury: token.treasury,
            requestedBy: memberId,
          } as any,
        }),
      );
      const redemption = (await load(created.documentId))!;
      return { ...view(redemption), signWith: keychainTransfer(plugin('spending').engineId(), returnOf(redemption)) };
    },

    /** The staff's signed return transfer, checked on Hive-Engine: the tokens are with the treasury, the cash is owed. */
    async confirm(documentId: string, memberId: number, txId: string) {
      const redemption = await load(documentId);
      if (!redemption) throw new errors.NotFoundError('No redemption with this id.');
      if (!(redemption.merchant?.staff ?? []).some((s) => Number(s.id) === memberId)) throw refuse(403, "Only this merchant's staff can confirm its redemptions.");
      if (redemption.state !== 'requested') throw refuse(409, `This redemption is ${redemption.state} already.`);
      const info = await signedTransfer(strapi, txId, 'Redemptions');
      const mismatch = transferMismatch(info, returnOf(redemption));
      if (mismatch) throw invalidField('txId', mismatch);
      // From the status it leaves: of two racing confirms, one moves it.
      const moved: any = await rows().updateMany({ where: { id: redemption.id, state: 'requested' }, data: { state: 'returned', returnTxId: txId, returnedAt: Date.now() } });
      if (Number(moved?.count ?? moved ?? 0) !== 1) throw refuse(409, 'This redemption is confirmed already.');
      const returned = (await load(documentId))!;
      announce(strapi, 'hive-smt.redemption.returned', redemptionWebhookPayload(returned, returned.merchant?.documentId ?? null));
      return view(returned);
    },

    /** A merchant's redemptions for its staff, newest first. */
    async listForMerchant(merchantDocumentId: string, memberId: number) {
      await staffMerchant(merchantDocumentId, memberId);
      const found = (await rows().findMany({
        where: { merchant: { documentId: merchantDocumentId } },
        orderBy: { id: 'desc' },
        limit: 100,
        populate: { merchant: { select: ['documentId', 'name', 'hiveAccount'] } },
      })) as RedemptionRow[];
      return found.map(view);
    },
  };
};
