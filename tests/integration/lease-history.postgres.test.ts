import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { leaseHistoryScenario } from '../helpers/lease-scenario';
import { createTestDatabase, describeWithPostgres } from '../helpers/postgres';

describeWithPostgres('lease history on PostgreSQL', () => {
  let strapi: Core.Strapi;
  let database: { url: string; drop: () => Promise<void> };

  beforeAll(async () => {
    database = await createTestDatabase('leases');
    strapi = await startStrapi({ DATABASE_CLIENT: 'postgres', DATABASE_URL: database.url, HIVE_WORKER_ENABLED: 'false' });
  });
  afterAll(async () => {
    await stopStrapi();
    await database?.drop();
  });

  it('records every lease of a job, how it ended, and shows a lease taken while it was live', async () => {
    const { lifecycle, takeover, theft, doubleHolds } = await leaseHistoryScenario(strapi);
    expect(lifecycle.map((l) => [l.leaseOwner, l.endedBy, l.endState])).toEqual([
      ['worker-a:1', 'holder', 'queued'],
      ['worker-b:1', 'holder', 'done'],
    ]);
    expect(doubleHolds(lifecycle)).toEqual([]);
    expect(takeover.map((l) => [l.leaseOwner, l.endedBy])).toEqual([['dead-worker:1', 'takeover'], ['worker-c:1', null]]);
    expect(doubleHolds(takeover)).toEqual([]);
    expect(doubleHolds(theft)).toHaveLength(1);
  });
});
