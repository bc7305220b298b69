import type { Core } from '@strapi/strapi';
import { hiveService } from './chain';
import { doubleHolds, LEASE_COLUMNS, leaseFromRow, type LeaseRow } from './lease-history';

/**
 * One job's life through the queue — claimed, released, claimed by another
 * worker, finished — and a dead worker's job taken over after its lease ran
 * out; then what the database wrote in the lease history. Used on SQLite and
 * on PostgreSQL.
 */
export async function leaseHistoryScenario(strapi: Core.Strapi) {
  const queue = hiveService(strapi, 'jobs');
  const knex = strapi.db.connection;
  const leasesOf = async (jobId: number): Promise<LeaseRow[]> =>
    (await knex.raw(`SELECT ${LEASE_COLUMNS} FROM hive_smt_job_leases WHERE job_id = ? ORDER BY id`, [jobId]).then((r: any) => (Array.isArray(r) ? r : r.rows))).map(leaseFromRow);

  const kind = `test.leases.${Date.now()}`;
  const job = await queue.enqueue(kind, `leases:${kind}`, {});
  const first = await queue.claim([kind], 'worker-a:1', 60000);
  await queue.release(first, 'worker-a:1', { runAt: Date.now(), lastError: 'Hive allows @someone one comment every 3 seconds.', notBefore: Date.now() + 3000 });
  const second = await queue.claim([kind], 'worker-b:1', 60000, Date.now() + 3001);
  await queue.complete(second, 'worker-b:1', { note: 'done' });
  const lifecycle = await leasesOf(job.id);

  const orphan = await queue.enqueue(kind, `leases:${kind}:orphan`, {});
  await queue.claim([kind], 'dead-worker:1', 50);
  await new Promise((r) => setTimeout(r, 400));
  const rescuer = await queue.claim([kind], 'worker-c:1', 60000);
  const takeover = await leasesOf(orphan.id);

  // What a broken claim would do: take a live lease. The history must show it.
  const stolen = await queue.enqueue(kind, `leases:${kind}:stolen`, {});
  await queue.claim([kind], 'worker-d:1', 60000);
  await knex('hive_smt_chain_jobs').where({ id: stolen.id }).update({ lease_owner: 'thief:1', lease_until: Date.now() + 60000 });
  const theft = await leasesOf(stolen.id);

  return { lifecycle, takeover, rescuer, theft, doubleHolds };
}
