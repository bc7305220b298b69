import { MemoryBucketStore, type BucketCheck, type BucketStore } from '../../src/rate-limit/store';

/**
 * One timeline of takes — bursts, refused requests, partial refills, a full
 * refill — answered by two instances of a shared bucket store in turn and by
 * the memory store on the same test clock: a shared store must answer exactly
 * as the memory store does. Used for the PostgreSQL and the Redis store.
 */
export async function expectSameAsMemory(instancesOn: (clock: () => number) => [BucketStore, BucketStore]): Promise<void> {
  let now = 1_700_000_000_000;
  const clock = () => now;
  const instances = instancesOn(clock);
  const memory = new MemoryBucketStore(clock);
  const alice: BucketCheck = { key: 'comments|member|1', capacity: 3 };
  const bob: BucketCheck = { key: 'comments|member|2', capacity: 3 };
  const address: BucketCheck = { key: 'comments|ip|10.0.0.1', capacity: 5 };
  // [ms later, who]
  const steps: Array<[number, BucketCheck]> = [
    [0, alice], [0, alice], [0, alice], [0, alice], [0, bob], [0, bob], [0, bob],
    [7_000, bob], [13_000, alice], [0, alice], [19_999, alice], [1, alice], [4_321, bob], [60_000, alice], [0, bob],
  ];
  const shared = [];
  const expected = [];
  for (const [i, [later, member]] of steps.entries()) {
    now += later;
    shared.push(await instances[i % 2].take([member, address]));
    expected.push(memory.take([member, address]));
  }
  expect(shared).toEqual(expected);
  // The timeline did refuse some requests, by member and by address, with waits to the second.
  expect(expected.filter((o) => !o.taken).map((o) => o.waits)).toEqual([[20, 0], [0, 12], [0, 5], [20, 4], [1, 0]]);
}
