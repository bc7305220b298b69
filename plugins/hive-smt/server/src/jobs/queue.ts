import type { Core } from '@strapi/strapi';
import { durably } from '../core/durable';
import type { SignedTransaction } from '@hiveio/dhive';
import type { JobState } from './state';
import type { TransactionWhereabouts } from '../chain/locate-transaction';
import { UID, changed, isPostgres, q, tableOf } from '../core/db';

export type { JobState };

/** What a job carries for its handler; each handler reads its own fields (mirror: documentId; payouts: sender, payoutIds). */
export type JobPayload = Record<string, unknown>;

export interface ChainJob {
  id: number;
  documentId: string;
  kind: string;
  subject: string;
  /** The Hive account whose per-account rules the job waits on; null when it waits on none. */
  lane: string | null;
  state: JobState;
  version: number;
  runAt: number;
  notBefore: number | null;
  attempts: number;
  leaseOwner: string | null;
  leaseUntil: number | null;
  payload: JobPayload;
  signedTx: SignedTransaction | null;
  txId: string | null;
  txExpiration: string | null;
  /** The head block the stored transaction was signed against (it can only be in a later block). */
  txRefBlock?: number | null;
  /** Sends of the stored bytes whose fate is unknown (a node may have taken them); 0 = every send was refused for certain. */
  sendsInDoubt?: number;
  blockNum: number | null;
  lastError: string | null;
  finishedAt: number | null;
  finishedBy?: string | null;
}

/** A job's fields once it holds no signed transaction. */
export const CLEARED_TRANSACTION = { signedTx: null, txId: null, txExpiration: null, txRefBlock: null, sendsInDoubt: 0 } as const;

/**
 * Whether an admin may cancel a job holding a signed transaction, given where that transaction is:
 * only once Hive proved it will never land. On chain, the job goes back to be confirmed instead.
 */
export function cancelDecision(
  job: Pick<ChainJob, 'txId' | 'txExpiration'>,
  where: TransactionWhereabouts,
): { action: 'cancel' } | { action: 'confirm' | 'refuse'; reason: string } {
  if (where.state === 'absent') return { action: 'cancel' };
  if (where.state === 'in-block') {
    return {
      action: 'confirm',
      reason: `Its transaction ${job.txId} is on Hive (block ${where.blockNum}), so it cannot be cancelled; it is being confirmed instead.`,
    };
  }
  const why = where.state === 'undecided' ? where.reason : `it can still be included until ${job.txExpiration} UTC`;
  return {
    action: 'refuse',
    reason: `This job has a signed transaction (${job.txId}) that may still reach Hive: ${why}. Cancel again once it has expired and Hive shows it in no block.`,
  };
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : (v ?? null)) as T;
const text = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** The job's attributes, read from a raw row through the table's column names (bigints arrive as strings on PostgreSQL). */
function fromRow(row: Record<string, unknown>, column: (attribute: string) => string): ChainJob {
  const at = (attribute: string) => row[column(attribute)];
  return {
    id: Number(row.id),
    documentId: String(at('documentId')),
    kind: String(at('kind')),
    subject: String(at('subject')),
    lane: text(at('lane')),
    state: at('state') as JobState,
    version: Number(at('version') ?? 1),
    runAt: Number(at('runAt')),
    notBefore: num(at('notBefore')),
    attempts: Number(at('attempts') ?? 0),
    leaseOwner: text(at('leaseOwner')),
    leaseUntil: num(at('leaseUntil')),
    payload: json<JobPayload | null>(at('payload')) ?? {},
    signedTx: json<SignedTransaction | null>(at('signedTx')),
    txId: text(at('txId')),
    txExpiration: text(at('txExpiration')),
    txRefBlock: num(at('txRefBlock')),
    sendsInDoubt: Number(at('sendsInDoubt') ?? 0),
    blockNum: num(at('blockNum')),
    lastError: text(at('lastError')),
    finishedAt: num(at('finishedAt')),
  };
}

/** A Strapi query result (camelCase) as a ChainJob. */
function fromEntity(entity: ChainJob): ChainJob {
  return {
    ...entity,
    payload: entity.payload ?? {},
    lane: entity.lane ?? null,
    runAt: Number(entity.runAt),
    notBefore: num(entity.notBefore),
    leaseUntil: num(entity.leaseUntil),
    finishedAt: num(entity.finishedAt),
    txRefBlock: num(entity.txRefBlock),
    sendsInDoubt: Number(entity.sendsInDoubt ?? 0),
    attempts: Number(entity.attempts ?? 0),
    version: Number(entity.version ?? 1),
  };
}

/**
 * The outbox of chain actions. Jobs are written in the same database
 * transaction as the change that causes them (enqueue goes through Strapi's
 * query engine, which joins the surrounding transaction) and claimed by
 * workers with a lease taken in one atomic statement, so two instances never
 * hold the same job.
 */
export function createJobQueue(strapi: Core.Strapi) {
  const db = () => strapi.db.connection;
  const jobs = () => q<ChainJob>(strapi, UID.job);
  const names = () => tableOf(strapi, UID.job);

  return {
    /**
     * Adds a job, or folds it into a job for the same subject that is still
     * waiting and holds no signed transaction: a burst of edits becomes one
     * broadcast of the latest content.
     */
    async enqueue(kind: string, subject: string, payload: Record<string, unknown> = {}, runAt = Date.now()): Promise<ChainJob> {
      const waiting = await jobs().findOne({
        where: { subject, state: 'queued', signedTx: { $null: true } },
        orderBy: { id: 'desc' },
      });
      if (waiting) {
        const updated = await jobs().update({
          where: { id: waiting.id },
          data: { kind, payload, version: Number(waiting.version ?? 1) + 1, runAt: Math.min(Number(waiting.runAt), runAt), lastError: null },
        });
        return fromEntity(updated ?? waiting);
      }
      const created = await jobs().create({
        data: { kind, subject, payload, state: 'queued', version: 1, runAt, attempts: 0 },
      });
      return fromEntity(created);
    },

    /**
     * Leases the next due job of the given kinds: queued and due, or leased by
     * a worker whose lease ran out (it died). A subject's jobs run in order.
     * A job whose lane (its Hive account) is busy is not taken at all: another
     * job of the account holds a live lease, or an earlier one waits on the
     * account's rate rules (not_before in the future). Only the head of each
     * account's line is ever looked at, so a backlog of hundreds of posts for
     * one account costs one claim per wait, not one per post.
     */
    async claim(kinds: string[], owner: string, leaseMs: number, now = Date.now()): Promise<ChainJob | null> {
      const { table, column: c } = names();
      const [state, leaseOwner, leaseUntil, kind, runAt, subject, lane, notBefore] = [
        'state',
        'leaseOwner',
        'leaseUntil',
        'kind',
        'runAt',
        'subject',
        'lane',
        'notBefore',
      ].map(c);
      const lock = isPostgres(strapi) ? 'FOR UPDATE SKIP LOCKED' : '';
      const kindList = kinds.map(() => '?').join(', ');
      const sql = `
        UPDATE ${table} SET ${state} = 'leased', ${leaseOwner} = ?, ${leaseUntil} = ?
        WHERE id = (
          SELECT j.id FROM ${table} j
          WHERE j.${kind} IN (${kindList})
            AND ((j.${state} = 'queued' AND j.${runAt} <= ?) OR (j.${state} = 'leased' AND j.${leaseUntil} < ?))
            AND NOT EXISTS (
              SELECT 1 FROM ${table} o
              WHERE o.${subject} = j.${subject} AND o.${state} IN ('queued', 'leased') AND o.id < j.id
            )
            AND (j.${lane} IS NULL OR NOT EXISTS (
              SELECT 1 FROM ${table} b
              WHERE b.${lane} = j.${lane} AND b.${state} IN ('queued', 'leased') AND b.id <> j.id
                AND ((b.${state} = 'leased' AND b.${leaseUntil} >= ?) OR (b.${state} = 'queued' AND b.${notBefore} > ? AND b.id < j.id))
            ))
          ORDER BY j.${runAt}, j.id
          LIMIT 1
          ${lock}
        )
        AND ((${state} = 'queued' AND ${runAt} <= ?) OR (${state} = 'leased' AND ${leaseUntil} < ?))
        RETURNING *`;
      // better-sqlite3 answers the returned rows, pg a result whose rows they are.
      const result = (await db().raw(sql, [owner, now + leaseMs, ...kinds, now, now, now, now, now, now])) as
        | Array<Record<string, unknown>>
        | { rows: Array<Record<string, unknown>> };
      const rows = Array.isArray(result) ? result : result.rows;
      return rows && rows.length ? fromRow(rows[0], c) : null;
    },

    /** Puts a leased job in its Hive account's line (known once the handler has resolved the author). */
    async assignLane(job: ChainJob, owner: string, lane: string): Promise<void> {
      if (job.lane === lane) return;
      if (await this.updateLeased(job, owner, { lane })) job.lane = lane;
    },

    /** Updates a leased job only while this worker still holds the lease. */
    async updateLeased(job: ChainJob, owner: string, data: Record<string, unknown>): Promise<boolean> {
      const count = await jobs().updateMany({
        where: { id: job.id, state: 'leased', leaseOwner: owner },
        data,
      });
      return count > 0;
    },

    /** Stores the signed transaction before it is sent: the write-ahead record, on disk before the send (core/durable.ts). */
    recordSigned(job: ChainJob, owner: string, signed: { signedTx: unknown; txId: string; txExpiration: string; txRefBlock: number; sendsInDoubt: number }) {
      return durably(strapi, () => this.updateLeased(job, owner, signed));
    },

    complete(job: ChainJob, owner: string, result: { txId?: string | null; blockNum?: number | null; note?: string } = {}) {
      return this.updateLeased(job, owner, {
        state: 'done',
        txId: result.txId ?? job.txId,
        blockNum: result.blockNum ?? job.blockNum,
        lastError: result.note ?? null,
        leaseOwner: null,
        leaseUntil: null,
        finishedAt: Date.now(),
        // Which instance did it: shown to admins, and how the multi-instance tests see both at work.
        finishedBy: owner,
      });
    },

    /** Gives the job back to the queue to run again at runAt. */
    release(
      job: ChainJob,
      owner: string,
      changes: { runAt: number; notBefore?: number | null; lastError?: string | null; attempts?: number; clearSigned?: boolean },
    ) {
      return this.updateLeased(job, owner, {
        state: 'queued',
        runAt: changes.runAt,
        notBefore: changes.notBefore ?? null,
        lastError: changes.lastError ?? null,
        attempts: changes.attempts ?? job.attempts,
        leaseOwner: null,
        leaseUntil: null,
        ...(changes.clearSigned ? CLEARED_TRANSACTION : {}),
      });
    },

    /** The dead-letter state: kept with its last error until an admin retries or cancels it. */
    bury(job: ChainJob, owner: string, error: string, attempts = job.attempts) {
      return this.updateLeased(job, owner, { state: 'dead', lastError: error, attempts, leaseOwner: null, leaseUntil: null, finishedAt: Date.now() });
    },

    /** Admin action: a dead or waiting job runs again now (a signed transaction in flight is kept). */
    async retry(documentId: string): Promise<ChainJob | null> {
      const job = await jobs().findOne({ where: { documentId } });
      if (!job || !['dead', 'queued'].includes(job.state)) return null;
      const updated = await jobs().update({
        where: { id: job.id },
        data: { state: 'queued', runAt: Date.now(), attempts: 0, finishedAt: null },
      });
      return updated ? fromEntity(updated) : null;
    },

    /**
     * Admin action: drops a job that is not running. A job holding a signed transaction is dropped
     * only once `locate` proves the transaction will never land (expired, in no irreversible block);
     * one that is on chain goes back to the queue to be confirmed; otherwise the reason is given.
     */
    /**
     * Cancels a job; `alongside` runs in the same transaction as the cancellation (what the job held released,
     * the moderation log's entry), after Hive was asked whether its transaction can still land.
     */
    async cancel(
      documentId: string,
      locate: (job: ChainJob) => Promise<TransactionWhereabouts>,
      alongside?: (job: ChainJob) => Promise<void>,
    ): Promise<{ ok: boolean; reason?: string; job?: ChainJob }> {
      const row = await jobs().findOne({ where: { documentId } });
      if (!row) return { ok: false, reason: 'No such job.' };
      const job = fromEntity(row);
      if (job.state === 'leased') return { ok: false, reason: 'A worker is processing this job right now; try again in a moment.' };
      if (!['dead', 'queued'].includes(job.state)) return { ok: false, reason: `The job is ${job.state}.` };
      if (job.signedTx && job.txId) {
        const decision = cancelDecision(job, await locate(job));
        if (decision.action === 'confirm') {
          await jobs().update({ where: { id: job.id }, data: { state: 'queued', runAt: Date.now(), finishedAt: null } });
          return { ok: false, reason: decision.reason };
        }
        if (decision.action === 'refuse') return { ok: false, reason: decision.reason };
      }
      const cancelled = await strapi.db.transaction(async () => {
        // Conditional on the state read above: a worker that claimed it meanwhile wins.
        const changedRows = await jobs().updateMany({
          where: { id: job.id, state: job.state },
          data: { state: 'cancelled', finishedAt: Date.now(), ...CLEARED_TRANSACTION },
        });
        if (changed(changedRows) === 0) return false;
        await alongside?.(job);
        return true;
      });
      if (!cancelled) return { ok: false, reason: 'The job changed while cancelling; reload and try again.' };
      return { ok: true, job };
    },

    async find(where: Record<string, unknown>, limit = 100): Promise<ChainJob[]> {
      const rows = await jobs().findMany({ where, orderBy: { id: 'desc' }, limit });
      return rows.map(fromEntity);
    },

    async countsByState(kindPrefix?: string): Promise<Record<string, number>> {
      const { table, column } = names();
      const query = db()(table)
        .select({ state: column('state') })
        .count({ n: '*' })
        .groupBy(column('state'));
      if (kindPrefix) query.where(column('kind'), 'like', `${kindPrefix}%`);
      const rows = (await query) as Array<{ state: string; n: number | string }>;
      return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
    },
  };
}

export type JobQueue = ReturnType<typeof createJobQueue>;
