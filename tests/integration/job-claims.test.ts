import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { laneScenario, raceTwoWorkers, takeOverExpiredLease } from '../helpers/claim-scenario';

let strapi: Core.Strapi;

beforeAll(async () => {
  strapi = await startStrapi({ HIVE_WORKER_ENABLED: 'false' });
});
afterAll(stopStrapi);

describe('job claims on SQLite', () => {
  it('never gives one job to two workers', async () => {
    const { claims, owners } = await raceTwoWorkers(strapi, 200);
    expect(claims.size).toBe(200);
    expect([...claims.values()].every((list) => list.length === 1)).toBe(true);
    expect(owners.size).toBe(2);
  }, 90000);

  it('hands a dead worker\'s job to exactly one other worker after its lease runs out', async () => {
    const { dead, winners } = await takeOverExpiredLease(strapi);
    expect(dead).not.toBeNull();
    expect(winners).toHaveLength(1);
  });

  it("takes one job per Hive account at a time and skips an account's line while it waits on the chain's rate rules", async () => {
    expect(await laneScenario(strapi)).toEqual(['a1', 'b1', 'c1', '-', '-', 'a2']);
  });
});
