import { randomInt } from 'crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { toHttpError } from 'hive-smt/core';
import {
  PAYMENT_REQUEST_TTL_MS,
  amountUnits,
  codeRefusal,
  dailyTotals,
  formatUnits,
  isPaymentCodeShape,
  keychainTransfer,
  makePaymentCode,
  normalizePaymentCode,
  paymentMemo,
  paymentQr,
  refundMemo,
  transferMismatch,
  utcDayRange,
  type PaymentStatus,
  type TokenTransfer,
} from '../../../payments/rules';
import { announce, hiveSmtService } from '../../../utils/hive-smt-hooks';
import { invalidField, refuse } from '../../../utils/request';
import { signedTransfer } from '../../../payments/sidechain';

const PAYMENT = 'api::payment.payment';
/** Fresh codes tried when one is taken (25^6 codes: a clash is rare, two in a row rarer still). */
const CODE_ATTEMPTS = 5;


const isUniqueViolation = (error: unknown): boolean => {
  const e = error as { code?: string; message?: string } | null;
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed|duplicate key value/.test(e?.message ?? '');
};

/** The plugin says no with its PluginError: mapped to Strapi's error shape here, at the app's edge. */
async function mapped<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toHttpError(error);
  }
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(Number(v)).toISOString());

interface PaymentRow {
  id: number;
  documentId: string;
  code: string;
  boardDocumentId: string;
  requestedBy: number;
  amount: string;
  symbol: string;
  precision: number;
  status: PaymentStatus;
  method: 'custodial' | 'keychain' | null;
  payerId: number | null;
  payerAccount: string | null;
  expiresAt: number | string;
  paidAt: number | string | null;
  refundedAt: number | string | null;
  txId: string | null;
  refundTxId: string | null;
  merchant?: { documentId: string; name: string; hiveAccount: string; staff?: Array<{ id: number }> } | null;
}

const reference = (payment: Pick<PaymentRow, 'documentId'>) => `payment:${payment.documentId}`;

/**
 * Paying a merchant (src/payments/rules.ts holds the rules): the staff's
 * request and its code, the member's payment — from the custodial balance
 * through the plugin's spending service, or a transfer the member signs with
 * Keychain and the server checks on the sidechain — receipts, refunds and the
 * daily statement. Every state change is a conditional update from the state
 * it leaves: racing requests change it once.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const payments = () => strapi.db.query(PAYMENT as any);
  const merchants = () => strapi.service('api::merchant.merchant') as any;
  const notifications = () => strapi.service('api::notification.notification') as any;
  const spending = () => {
    const service = hiveSmtService(strapi, 'spending');
    if (!service) throw refuse(503, 'Payments need the hive-smt plugin, which is not enabled.');
    return service;
  };

  async function load(documentId: string): Promise<PaymentRow | null> {
    return payments().findOne({
      where: { documentId },
      populate: { merchant: { select: ['documentId', 'name', 'hiveAccount'], populate: { staff: { select: ['id'] } } } },
    }) as Promise<PaymentRow | null>;
  }

  const isStaff = (payment: PaymentRow, memberId: number) => (payment.merchant?.staff ?? []).some((s) => Number(s.id) === memberId);

  /** Moves a payment from one status to another only if it is still in it; true when this call moved it. */
  async function move(id: number, from: PaymentStatus | PaymentStatus[], data: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<boolean> {
    const result: any = await payments().updateMany({ where: { id, status: Array.isArray(from) ? { $in: from } : from, ...extra }, data });
    return Number(result?.count ?? result ?? 0) === 1;
  }

  function view(payment: PaymentRow, line: { state: string; error: string | null } | null = null) {
    return {
      documentId: payment.documentId,
      status: payment.status,
      method: payment.method,
      amount: formatUnits(payment.amount, Number(payment.precision)),
      symbol: payment.symbol,
      merchant: payment.merchant ? { documentId: payment.merchant.documentId, name: payment.merchant.name, hiveAccount: payment.merchant.hiveAccount } : null,
      payerAccount: payment.payerAccount ?? null,
      expiresAt: iso(payment.expiresAt),
      paidAt: iso(payment.paidAt),
      refundedAt: iso(payment.refundedAt),
      txId: payment.txId ?? null,
      refundTxId: payment.refundTxId ?? null,
      ...(line?.state === 'failed' ? { error: `The treasury's transfer failed and waits for a board admin: ${line.error ?? 'see the Rewards page'}` } : {}),
    };
  }

  const transferOf = (payment: PaymentRow): TokenTransfer => ({
    from: String(payment.payerAccount),
    to: String(payment.merchant?.hiveAccount),
    symbol: payment.symbol,
    quantity: formatUnits(payment.amount, Number(payment.precision)),
    memo: paymentMemo(payment.documentId),
  });

  /** Receipts to the payer and to each member of staff, and the webhook, once the member's payment is in. */
  async function announcePaid(payment: PaymentRow) {
    const payload = { paymentDocumentId: payment.documentId, amount: formatUnits(payment.amount, Number(payment.precision)), symbol: payment.symbol, merchant: payment.merchant?.name ?? '' };
    if (payment.payerId !== null) await notifications().notify({ recipientId: Number(payment.payerId), kind: 'payment', actorId: null, payload: { ...payload, change: 'paid' } });
    for (const staff of payment.merchant?.staff ?? []) {
      await notifications().notify({ recipientId: Number(staff.id), kind: 'payment', actorId: null, payload: { ...payload, change: 'received' } });
    }
    announce(strapi, 'hive-smt.payment.created', { payment: webhookPayload(payment) });
  }

  async function announceRefunded(payment: PaymentRow) {
    const payload = { paymentDocumentId: payment.documentId, amount: formatUnits(payment.amount, Number(payment.precision)), symbol: payment.symbol, merchant: payment.merchant?.name ?? '' };
    if (payment.payerId !== null) await notifications().notify({ recipientId: Number(payment.payerId), kind: 'payment', actorId: null, payload: { ...payload, change: 'refunded' } });
    announce(strapi, 'hive-smt.payment.refunded', { payment: webhookPayload(payment) });
  }

  const webhookPayload = (payment: PaymentRow) => ({
    documentId: payment.documentId,
    merchantDocumentId: payment.merchant?.documentId ?? null,
    boardDocumentId: payment.boardDocumentId,
    method: payment.method,
    payerId: payment.payerId,
    amount: formatUnits(payment.amount, Number(payment.precision)),
    symbol: payment.symbol,
    txId: payment.txId ?? null,
  });

  /** A custodial payment whose treasury transfer was confirmed is paid; the line's state otherwise. */
  async function settleCustodial(payment: PaymentRow): Promise<{ payment: PaymentRow; line: { state: string; error: string | null } | null }> {
    if (payment.method !== 'custodial') return { payment, line: null };
    const line = await spending().lineOf(reference(payment));
    if (line && line.state === 'paid' && payment.status === 'sending') {
      await move(payment.id, 'sending', { status: 'paid', txId: line.engineTxId ?? line.txId, paidAt: Date.now() });
      return { payment: (await load(payment.documentId))!, line };
    }
    return { payment, line };
  }

  const sidechainTransfer = (txId: string) => signedTransfer(strapi, txId, 'Payments');

  return {
    /** A merchant's staff asks for `amount`: a short code for the member, its QR payload, valid PAYMENT_REQUEST_TTL_MS. */
    async createRequest(merchantDocumentId: string, memberId: number, amountText: string) {
      const merchant = await merchants().findActive(merchantDocumentId);
      if (!merchant) throw new errors.NotFoundError('No active merchant with this id.');
      if (!merchant.staffIds.includes(memberId)) throw refuse(403, "Only this merchant's staff can ask for payments.");
      const token = await spending().tokenOf(merchant.board.documentId);
      if (!token) throw refuse(409, `Board "${merchant.board.name}" has no token to pay in (its token rewards are off): a board admin can switch them on.`);
      const amount = amountUnits(amountText, token.precision);
      if ('error' in amount) throw invalidField('amount', amount.error);
      const expiresAt = Date.now() + PAYMENT_REQUEST_TTL_MS;
      for (let attempt = 1; ; attempt += 1) {
        const code = makePaymentCode(randomInt);
        try {
          const row: any = await payments().create({
            data: {
              code,
              merchant: merchant.id,
              boardDocumentId: merchant.board.documentId,
              requestedBy: memberId,
              amount: String(amount.units),
              symbol: token.symbol,
              precision: token.precision,
              status: 'requested',
              expiresAt,
            },
          });
          return { documentId: row.documentId, code, qr: paymentQr(code), expiresAt: new Date(expiresAt).toISOString(), amount: formatUnits(amount.units, token.precision), symbol: token.symbol };
        } catch (error) {
          if (!isUniqueViolation(error) || attempt >= CODE_ATTEMPTS) throw error;
        }
      }
    },

    /**
     * A member pays a code: from their custodial balance when they have no linked Hive account (the
     * treasury transfers for them), else with the transfer they sign with Keychain (`signWith`). On a
     * board whose rewards are points, always from the balance: points are never transferred by members.
     */
    async pay(typedCode: string, memberId: number) {
      const code = normalizePaymentCode(typedCode);
      const found = isPaymentCodeShape(code) ? ((await payments().findOne({ where: { code }, select: ['documentId'] })) as { documentId: string } | null) : null;
      const payment = found ? await load(found.documentId) : null;
      const now = Date.now();
      const refusal = codeRefusal(payment ? { status: payment.status, expiresAt: Number(payment.expiresAt) } : null, now);
      if (refusal) throw refuse(refusal.status, refusal.message);
      const p = payment!;
      const [link, token] = await Promise.all([hiveSmtService(strapi, 'accounts')?.linkOf(memberId), spending().tokenOf(p.boardDocumentId)]);
      const open = { expiresAt: { $gt: now } };
      if (!link || token?.presentation === 'points') {
        await strapi.db.transaction(async () => {
          if (!(await move(p.id, 'requested', { status: 'sending', method: 'custodial', payerId: memberId }, open))) {
            throw refuse(409, 'This code was used already: ask the merchant for a new payment request.');
          }
          // Short balance: a 409 with the balance, and the claim above rolls back with it.
          await mapped(() => spending().transferOnBehalf({
            memberId,
            boardDocumentId: p.boardDocumentId,
            to: String(p.merchant?.hiveAccount),
            amount: BigInt(p.amount),
            reference: reference(p),
            memo: paymentMemo(p.documentId),
          }));
        });
        const paid = (await load(p.documentId))!;
        await announcePaid(paid);
        return view(paid);
      }
      if (link.account === p.merchant?.hiveAccount) throw refuse(400, `@${link.account} is this merchant's own account: an account cannot pay itself.`);
      if (!(await move(p.id, 'requested', { status: 'awaiting-signature', method: 'keychain', payerId: memberId, payerAccount: link.account }, open))) {
        throw refuse(409, 'This code was used already: ask the merchant for a new payment request.');
      }
      const claimed = (await load(p.documentId))!;
      return { ...view(claimed), signWith: keychainTransfer(spending().engineId(), transferOf(claimed)) };
    },

    /** The member's signed transfer, checked on the sidechain before the payment is marked paid. */
    async confirm(documentId: string, memberId: number, txId: string) {
      const payment = await load(documentId);
      if (!payment || payment.payerId !== memberId) throw new errors.NotFoundError('No payment of yours with this id.');
      if (payment.method !== 'keychain') throw refuse(409, 'This payment is paid from your balance: there is nothing to confirm.');
      if (payment.status !== 'awaiting-signature') throw refuse(409, 'This payment is confirmed already.');
      const info = await sidechainTransfer(txId);
      const mismatch = transferMismatch(info, transferOf(payment));
      if (mismatch) throw invalidField('txId', mismatch);
      if (!(await move(payment.id, 'awaiting-signature', { status: 'paid', txId, paidAt: Date.now() }))) throw refuse(409, 'This payment is confirmed already.');
      const paid = (await load(documentId))!;
      await announcePaid(paid);
      return view(paid);
    },

    /** A payment as its payer or the merchant's staff see it. */
    async find(documentId: string, memberId: number) {
      const payment = await load(documentId);
      if (!payment) throw new errors.NotFoundError('No payment with this id.');
      if (payment.payerId !== memberId && !isStaff(payment, memberId)) throw refuse(403, "Only the payer and the merchant's staff can see a payment.");
      const settled = await settleCustodial(payment);
      return view(settled.payment, settled.line);
    },

    /**
     * A refund by the merchant's staff, in two calls. The tokens are the merchant's now, and only the
     * merchant can move them: the first call answers the return transfer the merchant signs (`signWith`)
     * — to the treasury for a custodial payment, to the payer's account for a Keychain one — and a second
     * call with its `txId` checks it on the sidechain like a payment, then refunds. A custodial payer's
     * balance is credited back only then: crediting it before the tokens are back would let the treasury
     * pay the same rewards twice (once to the merchant, once more to the member).
     */
    async refund(documentId: string, memberId: number, txId?: string) {
      const loaded = await load(documentId);
      if (!loaded) throw new errors.NotFoundError('No payment with this id.');
      if (!isStaff(loaded, memberId)) throw refuse(403, "Only this merchant's staff can refund its payments.");
      const { payment } = await settleCustodial(loaded);
      if (payment.status === 'refunded') throw refuse(409, 'This payment was refunded already.');
      if (payment.status === 'requested' || payment.status === 'awaiting-signature') throw refuse(409, 'This payment was not paid: there is nothing to refund.');
      if (payment.method === 'custodial' && payment.status === 'sending') {
        throw refuse(409, "The treasury's transfer to the merchant is not confirmed yet: refund it once it is (a few seconds).");
      }
      const custodial = payment.method === 'custodial';
      const to = custodial ? (await spending().tokenOf(payment.boardDocumentId))?.treasury : payment.payerAccount;
      if (!to) throw refuse(409, "This board's token rewards are switched off, so there is no treasury to return the tokens to. A board admin can switch them on.");
      const back: TokenTransfer = {
        from: String(payment.merchant?.hiveAccount),
        to: String(to),
        symbol: payment.symbol,
        quantity: formatUnits(payment.amount, Number(payment.precision)),
        memo: refundMemo(payment.documentId),
      };
      if (!txId) {
        await move(payment.id, 'paid', { status: 'refund-requested' });
        const asked = (await load(documentId))!;
        return { ...view(asked), signWith: keychainTransfer(spending().engineId(), back) };
      }
      const info = await sidechainTransfer(txId);
      const mismatch = transferMismatch(info, back);
      if (mismatch) throw invalidField('txId', mismatch);
      await strapi.db.transaction(async () => {
        if (!(await move(payment.id, ['paid', 'refund-requested'], { status: 'refunded', refundedAt: Date.now(), refundTxId: txId }))) {
          throw refuse(409, 'This payment was refunded already.');
        }
        if (custodial) await mapped(() => spending().refund(reference(payment)));
      });
      const refunded = (await load(documentId))!;
      await announceRefunded(refunded);
      return view(refunded);
    },

    /** Custodial payments still sending whose treasury transfer landed: marked paid (the notification pass runs this). */
    async settleSending(limit = 200): Promise<number> {
      const rows = (await payments().findMany({ where: { status: 'sending' }, select: ['documentId'], orderBy: { id: 'asc' }, limit })) as PaymentRow[];
      let settled = 0;
      for (const row of rows) {
        const loaded = await load(row.documentId);
        if (loaded && (await settleCustodial(loaded)).payment.status === 'paid') settled += 1;
      }
      return settled;
    },

    /** A merchant's UTC day for its staff: payments paid and refunds made that day, with totals. */
    async statement(merchantDocumentId: string, memberId: number, day: string) {
      const merchant = await merchants().findActive(merchantDocumentId);
      if (!merchant) throw new errors.NotFoundError('No active merchant with this id.');
      if (!merchant.staffIds.includes(memberId)) throw refuse(403, "Only this merchant's staff can read its statement.");
      const range = utcDayRange(day);
      if (!range) throw invalidField('day', `"${day}" is not a day of the calendar: write it YYYY-MM-DD.`);
      // Custodial payments whose treasury transfer landed since anyone looked are paid (and dated) first.
      const sending = (await payments().findMany({ where: { merchant: { documentId: merchantDocumentId }, status: 'sending' }, select: ['documentId'] })) as PaymentRow[];
      for (const row of sending) {
        const loaded = await load(row.documentId);
        if (loaded) await settleCustodial(loaded);
      }
      const within = { $gte: range.start, $lt: range.end };
      const rows = (await payments().findMany({
        where: { merchant: { documentId: merchantDocumentId }, $or: [{ paidAt: within }, { refundedAt: within }] },
        orderBy: [{ paidAt: 'asc' }, { id: 'asc' }],
      })) as PaymentRow[];
      const token = await spending().tokenOf(merchant.board.documentId);
      const precision = token?.precision ?? Number(rows[0]?.precision ?? 0);
      const totals = dailyTotals(
        rows.map((r) => ({ amount: r.amount, status: r.status, paidAt: num(r.paidAt), refundedAt: num(r.refundedAt) })),
        range,
      );
      return {
        day,
        merchant: { documentId: merchant.documentId, name: merchant.name },
        symbol: token?.symbol ?? rows[0]?.symbol ?? null,
        paidCount: totals.paidCount,
        paid: formatUnits(totals.paid, precision),
        refundedCount: totals.refundedCount,
        refunded: formatUnits(totals.refunded, precision),
        net: totals.net < BigInt(0) ? `-${formatUnits(-totals.net, precision)}` : formatUnits(totals.net, precision),
        payments: rows.map((r) => ({
          documentId: r.documentId,
          status: r.status,
          method: r.method,
          amount: formatUnits(r.amount, Number(r.precision)),
          paidAt: iso(r.paidAt),
          refundedAt: iso(r.refundedAt),
          txId: r.txId ?? null,
        })),
      };
    },
  };
};
