/**
 * Reading the outbox's lease history (hive_smt_job_leases, written by the
 * database on every claim and release, see plugins/hive-smt/server/src/jobs/
 * lease-history.ts) and the invariant it exists for: no job is ever held by
 * two workers at once.
 */
export interface LeaseRow {
  id: number;
  jobId: number;
  leaseOwner: string;
  claimedAt: number;
  leaseUntil: number | null;
  lane: string | null;
  endedAt: number | null;
  endedBy: 'holder' | 'takeover' | null;
  endState: string | null;
  endReason: string | null;
  endNotBefore: number | null;
}

export const LEASE_COLUMNS = 'id, job_id, lease_owner, claimed_at, lease_until, lane, ended_at, ended_by, end_state, end_reason, end_not_before';

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** A raw row (snake_case; bigints as strings on PostgreSQL) as a LeaseRow. */
export function leaseFromRow(row: any): LeaseRow {
  return {
    id: Number(row.id),
    jobId: Number(row.job_id),
    leaseOwner: row.lease_owner,
    claimedAt: Number(row.claimed_at),
    leaseUntil: num(row.lease_until),
    lane: row.lane ?? null,
    endedAt: num(row.ended_at),
    endedBy: row.ended_by ?? null,
    endState: row.end_state ?? null,
    endReason: row.end_reason ?? null,
    endNotBefore: num(row.end_not_before),
  };
}

/**
 * Lease times come from the database's clock and lease expiry from the
 * instances' clocks: one machine here, so they agree to within this.
 */
export const CLOCK_TOLERANCE_MS = 250;

export interface DoubleHold {
  jobId: number;
  held: LeaseRow;
  takenBy: LeaseRow;
  why: string;
}

/**
 * Every pair of leases of one job that overlapped: a claim made while the
 * previous lease was still live (not released, not expired), or a lease left
 * open under a later one. Empty when no job was ever held by two workers.
 */
export function doubleHolds(leases: LeaseRow[]): DoubleHold[] {
  const byJob = new Map<number, LeaseRow[]>();
  for (const lease of leases) byJob.set(lease.jobId, [...(byJob.get(lease.jobId) ?? []), lease]);
  const found: DoubleHold[] = [];
  for (const [jobId, list] of byJob) {
    list.sort((a, b) => a.claimedAt - b.claimedAt || a.id - b.id);
    for (let i = 1; i < list.length; i++) {
      const held = list[i - 1];
      const takenBy = list[i];
      if (held.endedAt === null) found.push({ jobId, held, takenBy, why: 'the earlier lease was never closed' });
      else if (held.endedBy === 'holder' && held.endedAt > takenBy.claimedAt) found.push({ jobId, held, takenBy, why: 'claimed before the holder let go' });
      else if (held.endedBy === 'takeover' && (held.leaseUntil ?? Infinity) > takenBy.claimedAt + CLOCK_TOLERANCE_MS) {
        found.push({ jobId, held, takenBy, why: `taken over ${(held.leaseUntil ?? Infinity) - takenBy.claimedAt} ms before the lease ran out` });
      }
    }
  }
  return found;
}
