import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { leaseHistoryScenario } from '../helpers/lease-scenario';

let strapi: Core.Strapi;

beforeAll(async () => {
  strapi = await startStrapi({ HIVE_WORKER_ENABLED: 'false' });
});
afterAll(stopStrapi);

it('records every lease of a job, how it ended, and shows a lease taken while it was live (SQLite)', async () => {
  const { lifecycle, takeover, rescuer, theft, doubleHolds } = await leaseHistoryScenario(strapi);
  expect(lifecycle).toEqual([
    expect.objectContaining({ leaseOwner: 'worker-a:1', endedBy: 'holder', endState: 'queued', endReason: 'Hive allows @someone one comment every 3 seconds.', endNotBefore: expect.any(Number) }),
    expect.objectContaining({ leaseOwner: 'worker-b:1', endedBy: 'holder', endState: 'done', endReason: 'done' }),
  ]);
  for (const lease of lifecycle) expect(lease.endedAt).toBeGreaterThanOrEqual(lease.claimedAt);
  expect(lifecycle[1].claimedAt).toBeGreaterThanOrEqual(lifecycle[0].endedAt!);
  expect(doubleHolds(lifecycle)).toEqual([]);

  expect(rescuer).not.toBeNull();
  expect(takeover).toEqual([
    expect.objectContaining({ leaseOwner: 'dead-worker:1', endedBy: 'takeover', endState: 'leased' }),
    expect.objectContaining({ leaseOwner: 'worker-c:1', endedAt: null }),
  ]);
  expect(doubleHolds(takeover)).toEqual([]);

  expect(theft.map((l) => [l.leaseOwner, l.endedBy])).toEqual([['worker-d:1', 'takeover'], ['thief:1', null]]);
  expect(doubleHolds(theft)).toEqual([expect.objectContaining({ why: expect.stringMatching(/taken over \d+ ms before the lease ran out/) })]);
});
