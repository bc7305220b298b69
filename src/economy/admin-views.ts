import type { Core } from '@strapi/strapi';
import type { LocalEconomyViews, MerchantView, PaymentFilter, PaymentView, RedemptionFilter, RedemptionView } from 'hive-smt/strapi-server';
import { formatUnits } from '../payments/rules';

/**
 * The app's merchants, payments and redemptions as the admin panel's pages
 * show them (hive-smt's economy views): read-only rows with what a board
 * admin checks — who was paid what, how, and whether it was refunded; which
 * redemptions wait for their cash. Editing stays in the Content Manager.
 */
const MERCHANT = 'api::merchant.merchant';
const PAYMENT = 'api::payment.payment';
const REDEMPTION = 'api::redemption.redemption';
const USER = 'plugin::users-permissions.user';

type Row = Record<string, any>;
const iso = (value: unknown): string | null => {
  if (value === null || value === undefined || value === '') return null;
  const date = typeof value === 'number' || /^\d+$/.test(String(value)) ? new Date(Number(value)) : new Date(String(value));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
};
const merchantRef = (m: Row | null | undefined) => (m ? { documentId: String(m.documentId), name: String(m.name ?? '') } : null);

/** Payments that count as paid to the merchant: paid, or paid and a refund asked but not done. */
const KEPT = ['paid', 'refund-requested'];

export function localEconomyViews(strapi: Core.Strapi): LocalEconomyViews {
  const q = (uid: string) => strapi.db.query(uid as any);
  const merchantDocumentIds = async (documentId: string | undefined): Promise<number[] | null> => {
    if (!documentId) return null;
    const rows: Row[] = await q(MERCHANT).findMany({ where: { documentId }, select: ['id'] });
    return rows.map((r) => Number(r.id));
  };

  return {
    async merchants(): Promise<MerchantView[]> {
      const merchants: Row[] = await q(MERCHANT).findMany({
        orderBy: { name: 'asc' },
        populate: { board: { select: ['documentId', 'name'] }, staff: { select: ['id'] } },
        limit: 1000,
      });
      const kept: Row[] = await q(PAYMENT).findMany({ where: { status: { $in: KEPT } }, select: ['amount', 'precision', 'symbol'], populate: { merchant: { select: ['documentId'] } } });
      const paid = new Map<string, { count: number; units: bigint; precision: number; symbol: string }>();
      for (const p of kept) {
        const key = p.merchant?.documentId;
        if (!key) continue;
        const t = paid.get(key) ?? { count: 0, units: BigInt(0), precision: Number(p.precision), symbol: String(p.symbol) };
        t.count += 1;
        t.units += BigInt(p.amount);
        paid.set(key, t);
      }
      return merchants.map((m) => {
        const t = paid.get(m.documentId);
        return {
          documentId: m.documentId,
          name: String(m.name ?? ''),
          board: m.board ? { documentId: m.board.documentId, name: m.board.name } : null,
          hiveAccount: m.hiveAccount ?? null,
          discountPercent: m.tokenDiscountPercent ?? null,
          active: m.active !== false,
          staff: Array.isArray(m.staff) ? m.staff.length : 0,
          paidCount: t?.count ?? 0,
          paidTotal: t ? formatUnits(t.units, t.precision) : '0',
          symbol: t?.symbol ?? null,
        };
      });
    },

    async payments(filter: PaymentFilter): Promise<PaymentView[]> {
      const merchantIds = await merchantDocumentIds(filter.merchant);
      const where: Row = {};
      if (merchantIds) where.merchant = { id: { $in: merchantIds } };
      if (filter.member) where.payerId = filter.member;
      if (filter.status) where.status = filter.status;
      const rows: Row[] = await q(PAYMENT).findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        limit: filter.limit,
        populate: { merchant: { select: ['documentId', 'name'] } },
      });
      const payerIds = [...new Set(rows.map((r) => r.payerId).filter((id) => id !== null && id !== undefined))];
      const payers: Row[] = payerIds.length ? await q(USER).findMany({ where: { id: { $in: payerIds } }, select: ['id', 'username', 'displayName'] }) : [];
      const nameOf = new Map(payers.map((u) => [Number(u.id), (u.displayName || u.username || null) as string | null]));
      return rows.map((p) => ({
        documentId: p.documentId,
        merchant: merchantRef(p.merchant),
        boardDocumentId: p.boardDocumentId,
        status: p.status,
        method: p.method ?? null,
        amount: formatUnits(String(p.amount), Number(p.precision)),
        symbol: p.symbol,
        payer: p.payerId ? { id: Number(p.payerId), name: nameOf.get(Number(p.payerId)) ?? null } : null,
        payerAccount: p.payerAccount ?? null,
        txId: p.txId ?? null,
        refundTxId: p.refundTxId ?? null,
        createdAt: iso(p.createdAt),
        paidAt: iso(p.paidAt),
        refundedAt: iso(p.refundedAt),
      }));
    },

    async redemptions(filter: RedemptionFilter): Promise<RedemptionView[]> {
      const merchantIds = await merchantDocumentIds(filter.merchant);
      const where: Row = {};
      if (merchantIds) where.merchant = { id: { $in: merchantIds } };
      if (filter.state) where.state = filter.state;
      const rows: Row[] = await q(REDEMPTION).findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        limit: filter.limit,
        populate: { merchant: { select: ['documentId', 'name'] } },
      });
      return rows.map((r) => ({
        documentId: r.documentId,
        merchant: merchantRef(r.merchant),
        state: r.state,
        quantity: r.quantity,
        symbol: r.symbol,
        cash: r.cash,
        currency: r.currency,
        treasury: r.treasury,
        returnTxId: r.returnTxId ?? null,
        settlementNote: r.settlementNote ?? null,
        createdAt: iso(r.createdAt),
        returnedAt: iso(r.returnedAt),
        settledAt: iso(r.settledAt),
      }));
    },
  };
}
