import type { Core } from '@strapi/strapi';
import { hiveService, waitFor } from './chain';

/**
 * Two workers with their own owners race for the same jobs on one database;
 * every claim is recorded. Used on SQLite and on PostgreSQL.
 */
export async function raceTwoWorkers(strapi: Core.Strapi, jobCount: number) {
  const jobs = hiveService(strapi, 'jobs');
  const kind = `test.race.${Date.now()}`;
  for (let i = 0; i < jobCount; i++) await jobs.enqueue(kind, `race:${kind}:${i}`, { i });

  const claims = new Map<number, string[]>();
  const handler = {
    kinds: [kind],
    async run(job: any, owner: string) {
      // The lease token is "<worker>:<claim number>": the worker is what must differ.
      claims.set(job.id, [...(claims.get(job.id) ?? []), owner.split(':')[0]]);
      await new Promise((r) => setTimeout(r, Math.random() * 5));
      return { kind: 'skipped', note: `done by ${owner}` };
    },
  };
  const options = {
    pollIntervalMs: 5,
    leaseMs: 60000,
    maxAttempts: 3,
    backoffBaseMs: 10,
    backoffMaxMs: 100,
    recheckMs: 10,
    concurrency: 4,
    log: { warn: () => {}, error: () => {} },
  };
  const workers = [jobs.createWorker([handler], options), jobs.createWorker([handler], options)];
  workers.forEach((w) => w.start());
  try {
    await waitFor(async () => {
      const open = await strapi.db.query('plugin::hive-smt.chain-job' as any).count({ where: { kind, state: { $ne: 'done' } } });
      return open === 0;
    }, 'every raced job to finish', 60000, 50);
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
  }
  const owners = new Map<string, number>();
  for (const list of claims.values()) for (const o of list) owners.set(o, (owners.get(o) ?? 0) + 1);
  return { claims, owners, workers: workers.map((w) => w.owner) };
}

/** A job leased by a worker that died is taken over once its lease ran out, by exactly one of two workers. */
export async function takeOverExpiredLease(strapi: Core.Strapi) {
  const jobs = hiveService(strapi, 'jobs');
  const kind = `test.lease.${Date.now()}`;
  const job = await jobs.enqueue(kind, `lease:${kind}`, {});
  const dead = await jobs.claim([kind], 'dead-worker', 50);
  await new Promise((r) => setTimeout(r, 120));
  const [a, b] = await Promise.all([jobs.claim([kind], 'alive-a', 60000), jobs.claim([kind], 'alive-b', 60000)]);
  return { job, dead, winners: [a, b].filter(Boolean) };
}

/**
 * One Hive account's jobs wait in line: while one of them is leased, or an
 * earlier one waits on the account's rate rules, the others are not claimed;
 * other accounts' jobs and jobs without an account go ahead. Returns the
 * subjects claimed at each step ('-' for nothing).
 */
export async function laneScenario(strapi: Core.Strapi) {
  const queue = hiveService(strapi, 'jobs');
  const kind = `test.lane.${Date.now()}`;
  const base = Date.now() - 10000;
  const lanes: Record<string, string | null> = { a1: 'acct-a', a2: 'acct-a', a3: 'acct-a', b1: 'acct-b', c1: null };
  for (const [i, name] of Object.keys(lanes).entries()) {
    const job = await queue.enqueue(kind, `${kind}:${name}`, {}, base + i);
    if (lanes[name]) await strapi.db.query('plugin::hive-smt.chain-job' as any).update({ where: { id: job.id }, data: { lane: lanes[name] } });
  }
  const subjectOf = (job: any) => (job ? job.subject.slice(kind.length + 1) : '-');
  const steps: string[] = [];
  const claim = async () => {
    const job = await queue.claim([kind], 'lane-worker', 60000);
    steps.push(subjectOf(job));
    return job;
  };

  const a1 = await claim(); // the head of acct-a's line
  await claim(); // acct-b's job: another account is not held back
  await claim(); // the job without an account
  await claim(); // nothing: acct-a is busy with a1
  // a1 waits on the account's rate rule for a minute: the rest of its line waits with it.
  await queue.release(a1, 'lane-worker', { runAt: Date.now() + 60000, notBefore: Date.now() + 60000, lastError: 'rate rule' });
  await claim();
  // a1 now fails for a reason of its own (a retry with no rule to wait on): its line moves on.
  await strapi.db.query('plugin::hive-smt.chain-job' as any).update({ where: { id: a1.id }, data: { notBefore: null } });
  await claim();
  return steps;
}
