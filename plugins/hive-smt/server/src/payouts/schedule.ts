/**
 * From earned rewards to chain jobs: a linked member's unpaid allocations of a
 * board become one payout line (one token action), and lines are packed with
 * packPayoutBatches into jobs of one block's worth each (≤ 20 actions of the
 * sender, ≤ 5 custom_json ops). A sender's jobs share one outbox subject, so
 * the worker runs them one after another: one job per sender per block.
 * Members without a linked account keep their allocations pending. A pool's
 * app tax (allocations with an `account` and no member) is paid to that
 * account like a linked member's rewards, all liquid as the contract pays it.
 * A board whose rewards are points (economics.presentation) pays its members
 * nothing out: their rewards stay on their balance, spent at merchants.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { presentationOf, readEconomics, type BoardEconomics } from '../rewards/economics';
import { UID, big, changed, q, tableOf } from '../core/db';
import type { BoardRow } from '../host/rows';
import type { HostModel } from '../host/model';
import type { ChainJob } from '../jobs/queue';
import type { AllocationRow } from '../rewards/rows';
import type { AccountLinkRow } from '../accounts/rows';
import { lineMode, type PayoutLine } from './lines';
import { packPayoutBatches, type Payment, type PayoutMode } from './pack';
import { splitStakedReward } from '../rewards/pool-rules';

export const PAYOUT_BATCH = 'payout.batch';
export const payoutSubject = (sender: string) => `payout:${sender}`;

/** Most allocations turned into lines per pass; the next pass takes the rest. */
const ALLOCATIONS_PER_PASS = 20000;

export const payoutMemo = (board: { slug?: string | null }) => `Quanzi rewards${board.slug ? ` · ${String(board.slug).slice(0, 40)}` : ''}`;

/**
 * Another pass (the rewards tick, "Run payout now", another instance) took these rows first: this
 * pass's transaction is rolled back and it goes on with the rest — the rows are paid by the other one.
 */
class TakenByAnotherPass extends Error {}

/**
 * Runs one claim in its own transaction; false when another pass had claimed its rows (nothing written).
 * Inside a caller's transaction the claim is part of it and cannot be undone alone: the error goes up.
 */
async function claimed(strapi: Core.Strapi, work: () => Promise<void>): Promise<boolean> {
  const own = !strapi.db.inTransaction();
  try {
    await strapi.db.transaction(work);
    return true;
  } catch (error) {
    if (own && error instanceof TakenByAnotherPass) return false;
    throw error;
  }
}

export interface ScheduleResult {
  lines: number;
  jobs: number;
}

export function createPayoutScheduler(strapi: Core.Strapi, types: HostModel, engineId: () => string) {
  async function boardsByDocumentId(ids: string[]): Promise<Map<string, BoardRow>> {
    if (ids.length === 0) return new Map();
    const boards = await types.rows<BoardRow>('board').findMany({ where: { documentId: { $in: ids } }, populate: { economics: true } });
    return new Map(boards.map((b) => [b.documentId, b]));
  }

  /** Boards whose rewards are points: their members' rewards are never paid out (economics.presentation). */
  async function pointsBoards(): Promise<string[] | 'all'> {
    if (presentationOf(null) === 'points') return 'all';
    const boards = await types.rows<BoardRow>('board').findMany({ select: ['documentId'], populate: { economics: true } });
    return boards.filter((b) => readEconomics(b)?.presentation === 'points').map((b) => b.documentId);
  }

  /**
   * Ids of unpaid allocations whose member has a linked Hive account on a board that pays tokens out (or
   * that name their account: the app tax), oldest first, at most one pass's worth.
   */
  async function payableAllocationIds(memberId?: number): Promise<number[]> {
    const allocations = tableOf(strapi, UID.allocation);
    const links = tableOf(strapi, UID.accountLink);
    const knex = strapi.db.connection;
    const points = await pointsBoards();
    // Points stay on the members' balances: their rows are left out here, or they would fill every pass.
    const members = (linked: Knex.QueryBuilder) => {
      linked.whereIn(allocations.column('memberId'), knex(links.table).select(links.column('userId')));
      if (points === 'all') linked.whereRaw('1 = 0');
      else if (points.length > 0) linked.whereNotIn(allocations.column('boardDocumentId'), points);
    };
    let query = knex(allocations.table)
      .select('id')
      .whereNull(allocations.column('payoutId'))
      .where((paid: Knex.QueryBuilder) => paid.where(members).orWhereNotNull(allocations.column('account')))
      .orderBy('id', 'asc')
      .limit(ALLOCATIONS_PER_PASS);
    if (memberId !== undefined) query = query.where(allocations.column('memberId'), memberId);
    const rows: Array<{ id: number | string }> = await query;
    return rows.map((r) => Number(r.id));
  }

  /** Unpaid allocations of linked members → payout lines (one per board and member). */
  async function createLines(memberId?: number): Promise<number> {
    // Only allocations of members with a linked account are payable: a long line of unlinked members'
    // rewards ahead of them must not use up the pass (they wait for their link, not for a turn).
    const ids = await payableAllocationIds(memberId);
    if (ids.length === 0) return 0;
    const pending = await q<AllocationRow>(strapi, UID.allocation).findMany({ where: { id: { $in: ids }, payoutId: { $null: true } }, orderBy: { id: 'asc' } });
    if (pending.length === 0) return 0;
    const memberIds = [...new Set(pending.filter((a) => a.memberId !== null).map((a) => a.memberId as number))];
    const links = await q<AccountLinkRow>(strapi, UID.accountLink).findMany({ where: { userId: { $in: memberIds } } });
    const accountOf = new Map(links.map((l) => [l.userId, l.account]));
    const boards = await boardsByDocumentId([...new Set(pending.map((a) => a.boardDocumentId))]);

    const recipientOf = (a: AllocationRow) => a.account ?? (a.memberId === null ? undefined : accountOf.get(a.memberId));
    const groups = new Map<string, AllocationRow[]>();
    for (const a of pending) {
      if (!recipientOf(a)) continue; // paid once the member links a Hive account
      const economics = readEconomics(boards.get(a.boardDocumentId));
      // Rewards switched off, or the board changed its token: held until the admin sorts it out.
      if (!economics || economics.symbol !== a.symbol) continue;
      // Points (a board switched to them since the query above): they stay on the member's balance.
      if (economics.presentation === 'points' && a.role !== 'app-tax') continue;
      const key = `${a.boardDocumentId}|${a.account ? `@${a.account}` : a.memberId}|${a.symbol}`;
      groups.set(key, [...(groups.get(key) ?? []), a]);
    }
    let created = 0;
    for (const allocations of groups.values()) {
      const first = allocations[0];
      const economics = readEconomics(boards.get(first.boardDocumentId)) as BoardEconomics;
      const account = recipientOf(first);
      const amount = allocations.reduce((s, a) => s + big(a.amount), 0n);
      const selfTransfer = economics.mode === 'transfer' && account === economics.issuer;
      // The staked share is its own line (a tokens.stake action); 0 % makes only the liquid line, as before.
      // The app tax is paid liquid (the contract pays it with no staked share).
      const { staked, liquid } = splitStakedReward(amount, first.role === 'app-tax' ? 0 : economics.pool.stakedRewardPercentage);
      const parts = [
        { stake: false, amount: liquid },
        { stake: true, amount: staked },
      ].filter((p) => p.amount > 0n);
      const made = await claimed(strapi, async () => {
        const lines: PayoutLine[] = [];
        for (const part of parts) {
          lines.push(
            await q<PayoutLine>(strapi, UID.payout).create({
              data: {
                boardDocumentId: first.boardDocumentId,
                memberId: first.memberId,
                account,
                symbol: first.symbol,
                precision: first.precision,
                amount: String(part.amount),
                stake: part.stake,
                state: selfTransfer ? 'failed' : 'queued',
                sender: economics.issuer,
                mode: economics.mode,
                error: selfTransfer
                  ? `@${account} is the board's treasury itself: a treasury cannot transfer to itself. Link another account, or pay in "issue" mode.`
                  : null,
              },
            }),
          );
        }
        // Allocations name one line: the liquid one, or the staked one when everything is staked.
        const taken = changed(
          await q(strapi, UID.allocation).updateMany({
            where: { id: { $in: allocations.map((a) => a.id) }, payoutId: { $null: true } },
            data: { payoutId: lines[0].id },
          }),
        );
        // Another pass took some of them meanwhile: undo this line, they are paid there.
        if (taken !== allocations.length) throw new TakenByAnotherPass('Allocations were scheduled by another pass.');
      });
      if (made) created += 1;
    }
    return created;
  }

  /** Queued lines without a job → jobs of one block's worth each, per sender and mode. */
  async function packJobs(): Promise<number> {
    const lines = await q<PayoutLine>(strapi, UID.payout).findMany({
      where: { state: 'queued', jobDocumentId: { $null: true } },
      orderBy: { id: 'asc' },
      limit: ALLOCATIONS_PER_PASS,
    });
    if (lines.length === 0) return 0;
    const boards = await boardsByDocumentId([...new Set(lines.map((l) => l.boardDocumentId))]);
    const bySender = new Map<string, PayoutLine[]>();
    for (const line of lines) {
      const economics = readEconomics(boards.get(line.boardDocumentId));
      if (!economics || economics.symbol !== line.symbol) continue;
      const key = `${economics.issuer}|${lineMode(line, economics.mode)}`;
      bySender.set(key, [...(bySender.get(key) ?? []), line]);
    }
    let jobs = 0;
    for (const [key, group] of bySender) {
      const [sender, mode] = key.split('|') as [string, PayoutMode];
      const payments: Payment[] = group.map((line) => ({
        to: line.account,
        quantity: big(line.amount),
        symbol: line.symbol,
        precision: Number(line.precision),
        ...(mode === 'transfer' ? { memo: line.memo ?? payoutMemo(boards.get(line.boardDocumentId) ?? {}) } : {}),
        ...(line.stake === true ? { stake: true } : {}),
      }));
      const plan = packPayoutBatches(payments, { sender, engineId: engineId(), mode });
      for (const block of plan.blocks) {
        // A staked line in "issue" mode is two actions: its index appears twice.
        const ids = [...new Set(block.flatMap((b) => plan.batches[b].paymentIndexes.map((i) => group[i].id)))];
        const packed = await claimed(strapi, async () => {
          const job = await q<ChainJob>(strapi, UID.job).create({
            // Created directly, not with queue.enqueue: payout batches must never be folded into one another.
            data: {
              kind: PAYOUT_BATCH,
              subject: payoutSubject(sender),
              payload: { sender, payoutIds: ids },
              state: 'queued',
              version: 1,
              runAt: Date.now(),
              attempts: 0,
            },
          });
          const taken = changed(
            await q(strapi, UID.payout).updateMany({
              where: { id: { $in: ids }, jobDocumentId: { $null: true }, state: 'queued' },
              data: { jobDocumentId: job.documentId, sender, mode },
            }),
          );
          if (taken !== ids.length) throw new TakenByAnotherPass('Payout lines were packed by another pass.');
        });
        if (packed) jobs += 1;
      }
    }
    return jobs;
  }

  return {
    /** Everything payable now: lines for linked members' rewards, then jobs for lines. */
    async schedule(options: { memberId?: number } = {}): Promise<ScheduleResult> {
      const lines = await createLines(options.memberId);
      const jobs = await packJobs();
      return { lines, jobs };
    },
  };
}

export type PayoutScheduler = ReturnType<typeof createPayoutScheduler>;
