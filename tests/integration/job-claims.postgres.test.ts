import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { laneScenario, raceTwoWorkers, takeOverExpiredLease } from '../helpers/claim-scenario';
import { createTestDatabase, describeWithPostgres } from '../helpers/postgres';

describeWithPostgres('job claims on PostgreSQL (FOR UPDATE SKIP LOCKED)', () => {
  let strapi: Core.Strapi;
  let database: { url: string; drop: () => Promise<void> };

  beforeAll(async () => {
    database = await createTestDatabase('claims');
    strapi = await startStrapi({ DATABASE_CLIENT: 'postgres', DATABASE_URL: database.url, HIVE_WORKER_ENABLED: 'false' });
  });
  afterAll(async () => {
    await stopStrapi();
    await database?.drop();
  });

  it('never gives one job to two workers racing on separate connections', async () => {
    const { claims, owners } = await raceTwoWorkers(strapi, 300);
    expect(claims.size).toBe(300);
    expect([...claims.values()].every((list) => list.length === 1)).toBe(true);
    expect(owners.size).toBe(2);
  }, 90000);

  it("hands a dead worker's job to exactly one other worker after its lease runs out", async () => {
    const { dead, winners } = await takeOverExpiredLease(strapi);
    expect(dead).not.toBeNull();
    expect(winners).toHaveLength(1);
  });

  it("takes one job per Hive account at a time and skips an account's line while it waits on the chain's rate rules", async () => {
    expect(await laneScenario(strapi)).toEqual(['a1', 'b1', 'c1', '-', '-', 'a2']);
  });
});
