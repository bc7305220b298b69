import { isRefilled, secondsUntilToken, tokensAt } from '../../src/rate-limit/token-bucket';
import { MemoryBucketStore, type BucketStore } from '../../src/rate-limit/store';
import { InsuredBucketStore, ThrottledWarning } from '../../src/rate-limit/insured-store';
import { rateLimitStoreSetting } from '../../src/rate-limit/settings';

describe('token bucket maths', () => {
  it('refills continuously at capacity a minute, never above capacity', () => {
    expect(tokensAt(undefined, 5_000, 3)).toBe(3);
    expect(tokensAt({ tokens: 0, atMs: 0 }, 10_000, 3)).toBeCloseTo(0.5, 12);
    expect(tokensAt({ tokens: 0, atMs: 0 }, 20_000, 3)).toBe(1);
    expect(tokensAt({ tokens: 2.5, atMs: 0 }, 60_000, 3)).toBe(3);
    // A clock that steps back adds nothing (and takes nothing).
    expect(tokensAt({ tokens: 1.25, atMs: 10_000 }, 4_000, 3)).toBe(1.25);
  });

  it('says in whole seconds when the next whole token arrives', () => {
    expect(secondsUntilToken(1, 3)).toBe(0);
    expect(secondsUntilToken(2.7, 3)).toBe(0);
    expect(secondsUntilToken(0, 3)).toBe(20);
    expect(secondsUntilToken(0.95, 3)).toBe(1);
    expect(secondsUntilToken(0.5, 60)).toBe(1);
    expect(secondsUntilToken(0, 1)).toBe(60);
    // Float noise around a whole second does not add one.
    expect(secondsUntilToken(1 - 1 / 3, 20)).toBe(1);
  });

  it('counts a bucket as refilled only once it holds its capacity again', () => {
    expect(isRefilled({ tokens: 0, atMs: 0 }, 59_999, 3)).toBe(false);
    expect(isRefilled({ tokens: 0, atMs: 0 }, 60_000, 3)).toBe(true);
    expect(isRefilled({ tokens: 2, atMs: 0 }, 20_000, 3)).toBe(true);
  });
});

describe('MemoryBucketStore', () => {
  it('spends from every bucket or from none, and says how long each must wait', () => {
    let now = 0;
    const store = new MemoryBucketStore(() => now);
    const member = { key: 'comments|member|1', capacity: 2 };
    const address = { key: 'comments|ip|127.0.0.1', capacity: 3 };
    expect(store.take([member, address]).taken).toBe(true);
    expect(store.take([member, address]).taken).toBe(true);
    // The member's bucket is empty: refused, and the address keeps its last token.
    expect(store.take([member, address])).toEqual({ taken: false, waits: [30, 0] });
    expect(store.take([{ key: 'comments|member|2', capacity: 2 }, address]).taken).toBe(true);
    expect(store.take([{ key: 'comments|member|2', capacity: 2 }, address])).toEqual({ taken: false, waits: [0, 20] });
    now = 30_000;
    expect(store.take([member]).taken).toBe(true);
    store.reset();
    expect(store.size).toBe(0);
  });
});

describe('ThrottledWarning', () => {
  it('writes at most one line a minute, counting the failures it stands for', () => {
    let now = 0;
    const lines: string[] = [];
    const warning = new ThrottledWarning((line) => lines.push(line), 60_000, () => now);
    warning.note((n) => `failed ${n}`);
    now = 1_000;
    warning.note((n) => `failed ${n}`);
    warning.note((n) => `failed ${n}`);
    now = 61_000;
    warning.note((n) => `failed ${n}`);
    expect(lines).toEqual(['failed 1', 'failed 3']);
  });
});

describe('InsuredBucketStore', () => {
  const down: BucketStore & { kind: 'database' } = {
    kind: 'database',
    take: async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
    },
    reset: async () => {},
    stop: () => {},
  };

  it("limits in this instance's memory while the shared store fails, with one warning for many failures", async () => {
    const lines: string[] = [];
    const store = new InsuredBucketStore(down, new MemoryBucketStore(() => 0), new ThrottledWarning((line) => lines.push(line), 60_000, () => 0));
    const check = [{ key: 'likes|member|7', capacity: 2 }];
    expect((await store.take(check)).taken).toBe(true);
    expect((await store.take(check)).taken).toBe(true);
    expect(await store.take(check)).toEqual({ taken: false, waits: [30] });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/shared bucket store did not answer \(connect ECONNREFUSED 127\.0\.0\.1:5432\).*this instance's memory/);
  });

  it('answers with the shared store while it works', async () => {
    const shared = new MemoryBucketStore(() => 0);
    const sharedAsDatabase = { kind: 'database' as const, take: shared.take.bind(shared), reset: async () => {}, stop: () => {} };
    const insurance = new MemoryBucketStore(() => 0);
    const store = new InsuredBucketStore(sharedAsDatabase, insurance, new ThrottledWarning(() => {}));
    await store.take([{ key: 'k', capacity: 1 }]);
    expect(shared.size).toBe(1);
    expect(insurance.size).toBe(0);
  });
});

describe('RATE_LIMIT_STORE', () => {
  it('defaults to the database on PostgreSQL and to memory on SQLite', () => {
    expect(rateLimitStoreSetting(undefined, 'postgres')).toBe('database');
    expect(rateLimitStoreSetting('', 'sqlite')).toBe('memory');
    expect(rateLimitStoreSetting('memory', 'postgres')).toBe('memory');
    expect(rateLimitStoreSetting(' Database ', 'postgres')).toBe('database');
    // REDIS_URL set: Redis by default, on either database; an explicit choice still wins.
    expect(rateLimitStoreSetting(undefined, 'sqlite', 'redis://127.0.0.1:6379')).toBe('redis');
    expect(rateLimitStoreSetting('', 'postgres', 'redis://127.0.0.1:6379')).toBe('redis');
    expect(rateLimitStoreSetting('database', 'postgres', 'redis://127.0.0.1:6379')).toBe('database');
    expect(rateLimitStoreSetting(undefined, 'postgres', '  ')).toBe('database');
  });

  it('stops startup on a value it does not know, on the database store without PostgreSQL, and on Redis without REDIS_URL', () => {
    expect(() => rateLimitStoreSetting('memcached', 'postgres')).toThrow(/RATE_LIMIT_STORE must be "memory", "database" or "redis" \(got "memcached"\)/);
    expect(() => rateLimitStoreSetting('redis', 'postgres')).toThrow(/RATE_LIMIT_STORE=redis shares rate limits through Redis: set REDIS_URL/);
    expect(() => rateLimitStoreSetting('database', 'sqlite')).toThrow(/RATE_LIMIT_STORE=database shares rate limits through PostgreSQL/);
  });
});
