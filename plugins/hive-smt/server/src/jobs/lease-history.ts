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

const JOBS = 'hive_smt_chain_jobs';
export const LEASES_TABLE = 'hive_smt_job_leases';
const TRIGGER = 'hive_smt_job_lease_history';
/** How long lease rows are kept: long enough to look into last week's stuck job. */
export const LEASE_HISTORY_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The database's clock in epoch milliseconds, per dialect. */
const SQLITE_NOW_MS = `CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)`;
const POSTGRES_NOW_MS = `(extract(epoch from clock_timestamp()) * 1000)::bigint`;

// How a lease ended: 'holder' when the worker holding it released, finished or buried the job;
// 'takeover' when another claim replaced it (its holder died, or overran its lease).
const closeLease = (nowMs: string) => `
  UPDATE ${LEASES_TABLE}
     SET ended_at = ${nowMs},
         ended_by = CASE WHEN NEW.lease_owner IS NULL THEN 'holder' ELSE 'takeover' END,
         end_state = NEW.state, end_reason = NEW.last_error, end_not_before = NEW.not_before, lane = NEW.lane
   WHERE job_id = OLD.id AND lease_owner = OLD.lease_owner AND ended_at IS NULL`;
const OPEN_LEASE = `INSERT INTO ${LEASES_TABLE} (job_id, lease_owner, claimed_at, lease_until, lane)`;

function sqliteStatements(): string[] {
  return [
    `DROP TRIGGER IF EXISTS ${TRIGGER}`,
    `CREATE TRIGGER ${TRIGGER} AFTER UPDATE OF lease_owner ON ${JOBS}
     FOR EACH ROW WHEN OLD.lease_owner IS NOT NEW.lease_owner
     BEGIN
       ${closeLease(SQLITE_NOW_MS)} AND OLD.lease_owner IS NOT NULL;
       ${OPEN_LEASE} SELECT NEW.id, NEW.lease_owner, ${SQLITE_NOW_MS}, NEW.lease_until, NEW.lane WHERE NEW.lease_owner IS NOT NULL;
     END`,
  ];
}

function postgresStatements(): string[] {
  return [
    `CREATE OR REPLACE FUNCTION ${TRIGGER}() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF OLD.lease_owner IS NOT NULL THEN ${closeLease(POSTGRES_NOW_MS)}; END IF;
       IF NEW.lease_owner IS NOT NULL THEN
         ${OPEN_LEASE} VALUES (NEW.id, NEW.lease_owner, ${POSTGRES_NOW_MS}, NEW.lease_until, NEW.lane);
       END IF;
       RETURN NULL;
     END $$`,
    `DROP TRIGGER IF EXISTS ${TRIGGER} ON ${JOBS}`,
    `CREATE TRIGGER ${TRIGGER} AFTER UPDATE OF lease_owner ON ${JOBS}
     FOR EACH ROW WHEN (OLD.lease_owner IS DISTINCT FROM NEW.lease_owner) EXECUTE FUNCTION ${TRIGGER}()`,
  ];
}

/**
 * (Re)creates the trigger, at every start: after Strapi has synced the schema
 * (which may rebuild a SQLite table and lose its triggers). Instances starting
 * together on one PostgreSQL database take turns under an advisory lock.
 */
export async function installLeaseHistory(strapi: Core.Strapi): Promise<void> {
  const knex = strapi.db.connection;
  if (strapi.db.dialect.client === 'postgres') {
    await knex.transaction(async (trx) => {
      await trx.raw(`SELECT pg_advisory_xact_lock(hashtext(?))`, [TRIGGER]);
      for (const sql of postgresStatements()) await trx.raw(sql);
    });
    return;
  }
  for (const sql of sqliteStatements()) await knex.raw(sql);
}

/** Drops lease rows older than LEASE_HISTORY_DAYS. */
export async function pruneLeaseHistory(strapi: Core.Strapi, now = Date.now()): Promise<number> {
  return strapi.db.connection(LEASES_TABLE).where('claimed_at', '<', now - LEASE_HISTORY_DAYS * DAY_MS).delete();
}
