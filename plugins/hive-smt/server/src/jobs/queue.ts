import type { Core } from '@strapi/strapi';
import type { JobState } from './state';
import type { TransactionWhereabouts } from '../chain/locate-transaction';

export type { JobState };

export const JOB_UID = 'plugin::hive-smt.chain-job';
const TABLE = 'hive_smt_chain_jobs';

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
  payload: any;
  signedTx: any;
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
export function cancelDecision(job: Pick<ChainJob, 'txId' | 'txExpiration'>, where: TransactionWhereabouts): { action: 'cancel' } | { action: 'confirm' | 'refuse'; reason: string } {
  if (where.state === 'absent') return { action: 'cancel' };
  if (where.state === 'in-block') {
    return { action: 'confirm', reason: `Its transaction ${job.txId} is on Hive (block ${where.blockNum}), so it cannot be cancelled; it is being confirmed instead.` };
  }
  const why = where.state === 'undecided' ? where.reason : `it can still be included until ${job.txExpiration} UTC`;
  return { action: 'refuse', reason: `This job has a signed transaction (${job.txId}) that may still reach Hive: ${why}. Cancel again once it has expired and Hive shows it in no block.` };
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v ?? null);

/** A raw row (snake_case, bigints as strings on PostgreSQL) as a ChainJob. */
function fromRow(row: any): ChainJob {
  return {
    id: Number(row.id),
    documentId: row.document_id,
    kind: row.kind,
    subject: row.subject,
    lane: row.lane ?? null,
    state: row.state,
    version: Number(row.version ?? 1),
    runAt: Number(row.run_at),
    notBefore: num(row.not_before),
    attempts: Number(row.attempts ?? 0),
    leaseOwner: row.lease_owner ?? null,
    leaseUntil: num(row.lease_until),
    payload: json(row.payload),
    signedTx: json(row.signed_tx),
    txId: row.tx_id ?? null,
    txExpiration: row.tx_expiration ?? null,
    txRefBlock: num(row.tx_ref_block),
    sendsInDoubt: Number(row.sends_in_doubt ?? 0),
    blockNum: num(row.block_num),
    lastError: row.last_error ?? null,
    finishedAt: num(row.finished_at),
  };
}

/** A Strapi query result (camelCase) as a ChainJob. */
function fromEntity(entity: any): ChainJob {
  return {
    ...entity,
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
  const isPostgres = () => strapi.db.dialect.client === 'postgres';

  return {
    /**
     * Adds a job, or folds it into a job for the same subject that is still
     * waiting and holds no signed transaction: a burst of edits becomes one
     * broadcast of the latest content.
     */
    async enqueue(kind: string, subject: string, payload: Record<string, unknown> = {}, runAt = Date.now()): Promise<ChainJob> {
      const waiting = await strapi.db.query(JOB_UID).findOne({
        where: { subject, state: 'queued', signedTx: { $null: true } },
        orderBy: { id: 'desc' },
      });
      if (waiting) {
        const updated = await strapi.db.query(JOB_UID).update({
          where: { id: waiting.id },
          data: { kind, payload, version: Number(waiting.version ?? 1) + 1, runAt: Math.min(Number(waiting.runAt), runAt), lastError: null },
        });
        return fromEntity(updated);
      }
      const created = await strapi.db.query(JOB_UID).create({
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
      const lock = isPostgres() ? 'FOR UPDATE SKIP LOCKED' : '';
      const kindList = kinds.map(() => '?').join(', ');
      const sql = `
        UPDATE ${TABLE} SET state = 'leased', lease_owner = ?, lease_until = ?
        WHERE id = (
          SELECT j.id FROM ${TABLE} j
          WHERE j.kind IN (${kindList})
            AND ((j.state = 'queued' AND j.run_at <= ?) OR (j.state = 'leased' AND j.lease_until < ?))
            AND NOT EXISTS (
              SELECT 1 FROM ${TABLE} o
              WHERE o.subject = j.subject AND o.state IN ('queued', 'leased') AND o.id < j.id
            )
            AND (j.lane IS NULL OR NOT EXISTS (
              SELECT 1 FROM ${TABLE} b
              WHERE b.lane = j.lane AND b.state IN ('queued', 'leased') AND b.id <> j.id
                AND ((b.state = 'leased' AND b.lease_until >= ?) OR (b.state = 'queued' AND b.not_before > ? AND b.id < j.id))
            ))
          ORDER BY j.run_at, j.id
          LIMIT 1
          ${lock}
        )
        AND ((state = 'queued' AND run_at <= ?) OR (state = 'leased' AND lease_until < ?))
        RETURNING *`;
      const result: any = await db().raw(sql, [owner, now + leaseMs, ...kinds, now, now, now, now, now, now]);
      const rows = Array.isArray(result) ? result : result.rows;
      return rows && rows.length ? fromRow(rows[0]) : null;
    },

    /** Puts a leased job in its Hive account's line (known once the handler has resolved the author). */
    async assignLane(job: ChainJob, owner: string, lane: string): Promise<void> {
      if (job.lane === lane) return;
      if (await this.updateLeased(job, owner, { lane })) job.lane = lane;
    },

    /** Updates a leased job only while this worker still holds the lease. */
    async updateLeased(job: ChainJob, owner: string, data: Record<string, unknown>): Promise<boolean> {
      const count = await strapi.db.query(JOB_UID).updateMany({
        where: { id: job.id, state: 'leased', leaseOwner: owner },
        data,
      });
      return Number((count as any)?.count ?? count) > 0;
    },

    /** Stores the signed transaction before it is sent: the write-ahead record. */
    recordSigned(job: ChainJob, owner: string, signed: { signedTx: unknown; txId: string; txExpiration: string; txRefBlock: number; sendsInDoubt: number }) {
      return this.updateLeased(job, owner, signed);
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
    release(job: ChainJob, owner: string, changes: { runAt: number; notBefore?: number | null; lastError?: string | null; attempts?: number; clearSigned?: boolean }) {
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
      const job = await strapi.db.query(JOB_UID).findOne({ where: { documentId } });
      if (!job || !['dead', 'queued'].includes(job.state)) return null;
      const updated = await strapi.db.query(JOB_UID).update({
        where: { id: job.id },
        data: { state: 'queued', runAt: Date.now(), attempts: 0, finishedAt: null },
      });
      return fromEntity(updated);
    },

    /**
     * Admin action: drops a job that is not running. A job holding a signed transaction is dropped
     * only once `locate` proves the transaction will never land (expired, in no irreversible block);
     * one that is on chain goes back to the queue to be confirmed; otherwise the reason is given.
     */
    async cancel(documentId: string, locate: (job: ChainJob) => Promise<TransactionWhereabouts>): Promise<{ ok: boolean; reason?: string; job?: ChainJob }> {
      const row = await strapi.db.query(JOB_UID).findOne({ where: { documentId } });
      if (!row) return { ok: false, reason: 'No such job.' };
      const job = fromEntity(row);
      if (job.state === 'leased') return { ok: false, reason: 'A worker is processing this job right now; try again in a moment.' };
      if (!['dead', 'queued'].includes(job.state)) return { ok: false, reason: `The job is ${job.state}.` };
      if (job.signedTx && job.txId) {
        const decision = cancelDecision(job, await locate(job));
        if (decision.action === 'confirm') {
          await strapi.db.query(JOB_UID).update({ where: { id: job.id }, data: { state: 'queued', runAt: Date.now(), finishedAt: null } });
          return { ok: false, reason: decision.reason };
        }
        if (decision.action === 'refuse') return { ok: false, reason: decision.reason };
      }
      // Conditional on the state read above: a worker that claimed it meanwhile wins.
      const changedRows = await strapi.db.query(JOB_UID).updateMany({
        where: { id: job.id, state: job.state },
        data: { state: 'cancelled', finishedAt: Date.now(), ...CLEARED_TRANSACTION },
      });
      if (Number((changedRows as any)?.count ?? changedRows) === 0) return { ok: false, reason: 'The job changed while cancelling; reload and try again.' };
      return { ok: true, job };
    },

    async find(where: Record<string, unknown>, limit = 100): Promise<ChainJob[]> {
      const rows = await strapi.db.query(JOB_UID).findMany({ where, orderBy: { id: 'desc' }, limit });
      return rows.map(fromEntity);
    },

    async countsByState(kindPrefix?: string): Promise<Record<string, number>> {
      const query = db()(TABLE).select('state').count({ n: '*' }).groupBy('state');
      if (kindPrefix) query.where('kind', 'like', `${kindPrefix}%`);
      const rows: any[] = await query;
      return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
    },
  };
}

export type JobQueue = ReturnType<typeof createJobQueue>;
