/**
 * The outbox's lease history: one row per claim of a chain job, with when the
 * lease began, when and how it ended (its holder let go, or another worker
 * took the job over after it expired) and what the job said then.
 *
 * The database writes it, from a trigger on the job row's lease_owner: the row
 * is opened and closed by the very statement that claims or releases the job,
 * inside its transaction, with no extra round trip, whichever code path (or
 * instance) changed the lease. So the history shows what the rows did, which
 * is what "no job is ever held by two workers at once" is checked against.
 * Times are the database's clock (one clock for every instance sharing it).
 */
import type { Core } from '@strapi/strapi';
import { UID, tableOf, type TableNames } from '../core/db';

const TRIGGER = 'hive_smt_job_lease_history';
/** How long lease rows are kept: long enough to look into last week's stuck job. */
export const LEASE_HISTORY_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The database's clock in epoch milliseconds, per dialect. */
const SQLITE_NOW_MS = `CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)`;
const POSTGRES_NOW_MS = `(extract(epoch from clock_timestamp()) * 1000)::bigint`;

/** The job and lease tables' names and the columns the trigger reads and writes, from Strapi's metadata. */
function names(strapi: Core.Strapi) {
  const jobs: TableNames = tableOf(strapi, UID.job);
  const leases: TableNames = tableOf(strapi, UID.lease);
  const job = (attribute: string) => jobs.column(attribute);
  const lease = (attribute: string) => leases.column(attribute);
  return { jobs: jobs.table, leases: leases.table, job, lease };
}
type Names = ReturnType<typeof names>;

// How a lease ended: 'holder' when the worker holding it released, finished or buried the job;
// 'takeover' when another claim replaced it (its holder died, or overran its lease).
const closeLease = ({ leases, job, lease }: Names, nowMs: string) => `
  UPDATE ${leases}
     SET ${lease('endedAt')} = ${nowMs},
         ${lease('endedBy')} = CASE WHEN NEW.${job('leaseOwner')} IS NULL THEN 'holder' ELSE 'takeover' END,
         ${lease('endState')} = NEW.${job('state')}, ${lease('endReason')} = NEW.${job('lastError')},
         ${lease('endNotBefore')} = NEW.${job('notBefore')}, ${lease('lane')} = NEW.${job('lane')}
   WHERE ${lease('jobId')} = OLD.${job('id')} AND ${lease('leaseOwner')} = OLD.${job('leaseOwner')} AND ${lease('endedAt')} IS NULL`;
const openLease = ({ leases, lease }: Names) =>
  `INSERT INTO ${leases} (${lease('jobId')}, ${lease('leaseOwner')}, ${lease('claimedAt')}, ${lease('leaseUntil')}, ${lease('lane')})`;

function sqliteStatements(n: Names): string[] {
  const { job } = n;
  return [
    `DROP TRIGGER IF EXISTS ${TRIGGER}`,
    `CREATE TRIGGER ${TRIGGER} AFTER UPDATE OF ${job('leaseOwner')} ON ${n.jobs}
     FOR EACH ROW WHEN OLD.${job('leaseOwner')} IS NOT NEW.${job('leaseOwner')}
     BEGIN
       ${closeLease(n, SQLITE_NOW_MS)} AND OLD.${job('leaseOwner')} IS NOT NULL;
       ${openLease(n)} SELECT NEW.${job('id')}, NEW.${job('leaseOwner')}, ${SQLITE_NOW_MS}, NEW.${job('leaseUntil')}, NEW.${job('lane')} WHERE NEW.${job('leaseOwner')} IS NOT NULL;
     END`,
  ];
}

function postgresStatements(n: Names): string[] {
  const { job } = n;
  return [
    `CREATE OR REPLACE FUNCTION ${TRIGGER}() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF OLD.${job('leaseOwner')} IS NOT NULL THEN ${closeLease(n, POSTGRES_NOW_MS)}; END IF;
       IF NEW.${job('leaseOwner')} IS NOT NULL THEN
         ${openLease(n)} VALUES (NEW.${job('id')}, NEW.${job('leaseOwner')}, ${POSTGRES_NOW_MS}, NEW.${job('leaseUntil')}, NEW.${job('lane')});
       END IF;
       RETURN NULL;
     END $$`,
    `DROP TRIGGER IF EXISTS ${TRIGGER} ON ${n.jobs}`,
    `CREATE TRIGGER ${TRIGGER} AFTER UPDATE OF ${job('leaseOwner')} ON ${n.jobs}
     FOR EACH ROW WHEN (OLD.${job('leaseOwner')} IS DISTINCT FROM NEW.${job('leaseOwner')}) EXECUTE FUNCTION ${TRIGGER}()`,
  ];
}

/**
 * (Re)creates the trigger, at every start: after Strapi has synced the schema
 * (which may rebuild a SQLite table and lose its triggers). Instances starting
 * together on one PostgreSQL database take turns under an advisory lock.
 */
export async function installLeaseHistory(strapi: Core.Strapi): Promise<void> {
  const knex = strapi.db.connection;
  const n = names(strapi);
  if (strapi.db.dialect.client === 'postgres') {
    await knex.transaction(async (trx) => {
      await trx.raw(`SELECT pg_advisory_xact_lock(hashtext(?))`, [TRIGGER]);
      for (const sql of postgresStatements(n)) await trx.raw(sql);
    });
    return;
  }
  for (const sql of sqliteStatements(n)) await knex.raw(sql);
}

/** Drops lease rows older than LEASE_HISTORY_DAYS; how many went. */
export async function pruneLeaseHistory(strapi: Core.Strapi, now = Date.now()): Promise<number> {
  const { leases, lease } = names(strapi);
  return strapi.db
    .connection(leases)
    .where(lease('claimedAt'), '<', now - LEASE_HISTORY_DAYS * DAY_MS)
    .delete();
}
