/**
 * A member's custodial balance spent on their behalf: the board's treasury
 * transfers to a merchant through the payout machinery (a payout line with a
 * unique reference, in a payout batch job the worker pays exactly once), and
 * the member's unpaid allocations that cover it are tied to that line, all in
 * one transaction. A refund gives the allocations back. Both sides of each
 * movement are spending entries.
 */
import type { Core } from '@strapi/strapi';
import { PluginError } from '../core/errors';
import { UID, big, changed, q } from '../core/db';
import type { BoardRow } from '../host/rows';
import type { HostModel } from '../host/model';
import type { ChainJob } from '../jobs/queue';
import type { PayoutLine } from '../payouts/lines';
import { PAYOUT_BATCH, payoutSubject } from '../payouts/schedule';
import { readEconomics, type Presentation } from '../rewards/economics';
import { formatQuantity } from '../rewards/quantity';
import type { AllocationRow } from '../rewards/rows';
import { SPENDING_MEMO_MAX_LENGTH, custodialBalance, planTake } from './take';

export interface TransferOnBehalf {
  memberId: number;
  boardDocumentId: string;
  /** The receiving Hive account (a merchant's). */
  to: string;
  /** Base units. */
  amount: bigint;
  /** Unique per movement, e.g. "payment:<documentId>": a second call with it answers the first's line. */
  reference: string;
  memo: string;
}

export interface SpendingLine {
  payoutId: number;
  reference: string;
  state: PayoutLine['state'];
  account: string;
  sender: string | null;
  symbol: string;
  precision: number;
  amount: string;
  txId: string | null;
  engineTxId: string | null;
  error: string | null;
  reversedAt: number | null;
}

const viewOf = (line: PayoutLine): SpendingLine => ({
  payoutId: Number(line.id),
  reference: String(line.reference),
  state: line.state,
  account: line.account,
  sender: line.sender,
  symbol: line.symbol,
  precision: Number(line.precision),
  amount: String(line.amount),
  txId: line.txId ?? null,
  engineTxId: line.engineTxId ?? null,
  error: line.error ?? null,
  reversedAt: line.reversedAt === null || line.reversedAt === undefined ? null : Number(line.reversedAt),
});

/** Another transaction took these rows meanwhile: nothing of this one is kept. */
const raced = () => new PluginError(409, 'Your balance changed while paying (another payment at the same moment?): nothing was taken. Try again.');

export function createSpending(strapi: Core.Strapi, types: HostModel) {
  async function boardEconomics(boardDocumentId: string) {
    const board = await types.rows<BoardRow>('board').findOne({ where: { documentId: boardDocumentId }, populate: { economics: true } });
    return { board, economics: readEconomics(board) };
  }

  async function unpaid(memberId: number, boardDocumentId: string, symbol: string): Promise<AllocationRow[]> {
    return q<AllocationRow>(strapi, UID.allocation).findMany({
      where: { memberId, boardDocumentId, symbol, payoutId: { $null: true } },
      orderBy: { id: 'asc' },
    });
  }

  const lineByReference = (reference: string) => q<PayoutLine>(strapi, UID.payout).findOne({ where: { reference } });

  async function entries(reference: string, kind: 'payment' | 'refund', line: PayoutLine, memberId: number, amount: bigint, at: number): Promise<void> {
    const common = { reference, kind, boardDocumentId: line.boardDocumentId, symbol: line.symbol, precision: Number(line.precision), payoutId: line.id, at };
    const sign = kind === 'payment' ? -1n : 1n;
    await q(strapi, UID.spendingEntry).create({ data: { ...common, side: 'member', memberId, account: null, amount: String(sign * amount) } });
    await q(strapi, UID.spendingEntry).create({ data: { ...common, side: 'merchant', memberId: null, account: line.account, amount: String(-sign * amount) } });
  }

  return {
    /** The board's token as spending sees it (symbol, decimals, the treasury that sends), or null with token rewards off. */
    /** The board's token; `presentation` "points": members pay only from their balance, never by a transfer of their own. */
    async tokenOf(boardDocumentId: string): Promise<{ symbol: string; precision: number; treasury: string; presentation: Presentation } | null> {
      const { economics } = await boardEconomics(boardDocumentId);
      return economics ? { symbol: economics.symbol, precision: economics.precision, treasury: economics.issuer, presentation: economics.presentation } : null;
    },

    /** Rewards earned on the board and not paid out yet, in base units. */
    async balanceOf(memberId: number, boardDocumentId: string): Promise<{ symbol: string; precision: number; units: bigint } | null> {
      const { economics } = await boardEconomics(boardDocumentId);
      if (!economics) return null;
      const rows = await unpaid(memberId, boardDocumentId, economics.symbol);
      return { symbol: economics.symbol, precision: economics.precision, units: custodialBalance(rows.map((r) => ({ id: r.id, amount: big(r.amount) }))) };
    },

    /**
     * Takes `amount` from the member's unpaid rewards and queues the treasury's transfer to `to`, in one
     * transaction (nothing is written when the balance is short: a 409 with the balance). The line always
     * goes out as a `transfer` with `memo`, never an issue.
     */
    async transferOnBehalf(input: TransferOnBehalf): Promise<SpendingLine> {
      if (input.amount <= 0n) throw new PluginError(400, 'The amount to pay must be more than zero.');
      if (input.memo.length > SPENDING_MEMO_MAX_LENGTH) throw new PluginError(400, `A transfer memo is at most ${SPENDING_MEMO_MAX_LENGTH} characters.`);
      const { board, economics } = await boardEconomics(input.boardDocumentId);
      if (!board || !economics) {
        throw new PluginError(409, "This board's token rewards are switched off, so there is no balance to pay from. A board admin can switch them on.");
      }
      if (input.to === economics.issuer) throw new PluginError(400, `@${input.to} is the board's treasury itself: a treasury cannot transfer to itself.`);
      return strapi.db.transaction(async () => {
        const existing = await lineByReference(input.reference);
        if (existing) return viewOf(existing);
        const rows = await unpaid(input.memberId, input.boardDocumentId, economics.symbol);
        const plan = planTake(
          rows.map((r) => ({ id: r.id, amount: big(r.amount) })),
          input.amount,
        );
        if (!plan) {
          const balance = formatQuantity(custodialBalance(rows.map((r) => ({ id: r.id, amount: big(r.amount) }))), economics.precision);
          throw new PluginError(
            409,
            `Your balance is ${balance} ${economics.symbol}: not enough to pay ${formatQuantity(input.amount, economics.precision)} ${economics.symbol}.`,
            { balance, symbol: economics.symbol },
          );
        }
        const line = await q<PayoutLine>(strapi, UID.payout).create({
          data: {
            boardDocumentId: input.boardDocumentId,
            memberId: input.memberId,
            account: input.to,
            symbol: economics.symbol,
            precision: economics.precision,
            amount: String(input.amount),
            state: 'queued',
            sender: economics.issuer,
            mode: 'transfer',
            reference: input.reference,
            memo: input.memo,
          },
        });
        // Its own job at once (not left for the scheduler's next pass); the sender's subject keeps one batch per block.
        const job = await q<ChainJob>(strapi, UID.job).create({
          data: {
            kind: PAYOUT_BATCH,
            subject: payoutSubject(economics.issuer),
            payload: { sender: economics.issuer, payoutIds: [line.id] },
            state: 'queued',
            version: 1,
            runAt: Date.now(),
            attempts: 0,
          },
        });
        await q(strapi, UID.payout).updateMany({ where: { id: line.id }, data: { jobDocumentId: job.documentId } });
        const allocations = q(strapi, UID.allocation);
        if (plan.whole.length) {
          const taken = changed(await allocations.updateMany({ where: { id: { $in: plan.whole }, payoutId: { $null: true } }, data: { payoutId: line.id } }));
          if (taken !== plan.whole.length) throw raced();
        }
        if (plan.split) {
          const source = rows.find((r) => r.id === plan.split!.id)!;
          const taken = changed(
            await allocations.updateMany({
              where: { id: source.id, payoutId: { $null: true } },
              data: { payoutId: line.id, amount: String(plan.split.taken) },
            }),
          );
          if (taken !== 1) throw raced();
          // The change stays unpaid, in an allocation like the one it came from: the member's earnings do not move.
          const { id: _id, documentId: _documentId, amount: _amount, payoutId: _payoutId, ...rest } = source as AllocationRow & { documentId?: string };
          await allocations.create({ data: { ...rest, amount: String(plan.split.kept), payoutId: null } });
        }
        await entries(input.reference, 'payment', line, input.memberId, input.amount, Date.now());
        return viewOf({ ...line, jobDocumentId: job.documentId });
      });
    },

    /** The spending line of a reference, or null. */
    async lineOf(reference: string): Promise<SpendingLine | null> {
      const line = await lineByReference(reference);
      return line ? viewOf(line) : null;
    },

    /**
     * Credits the member's balance back: the allocations the line took are unpaid again. Only once the
     * transfer was paid (a queued or sending one could still land), and once per line.
     */
    async refund(reference: string): Promise<SpendingLine> {
      return strapi.db.transaction(async () => {
        const line = await lineByReference(reference);
        if (!line) throw new PluginError(404, 'No custodial payment with this reference.');
        if (line.state !== 'paid') throw new PluginError(409, 'The transfer to the merchant has not been confirmed on Hive-Engine yet: refund it once it has.');
        const now = Date.now();
        const reversed = changed(await q(strapi, UID.payout).updateMany({ where: { id: line.id, reversedAt: { $null: true } }, data: { reversedAt: now } }));
        if (reversed !== 1) throw new PluginError(409, 'This payment was refunded already.');
        await q(strapi, UID.allocation).updateMany({ where: { payoutId: line.id }, data: { payoutId: null } });
        await entries(reference, 'refund', line, Number(line.memberId), big(line.amount), now);
        return viewOf({ ...line, reversedAt: now });
      });
    },

    /** Both sides of every movement of a reference, oldest first. */
    entriesOf: (reference: string) => q(strapi, UID.spendingEntry).findMany({ where: { reference }, orderBy: { id: 'asc' } }),
  };
}

export type Spending = ReturnType<typeof createSpending>;
