import { TokenBuckets } from '../../src/rate-limit/token-bucket';
import { FeaturedClock, TaggedCache } from '../../src/api/feed/lib/cache';
import { detailCacheKey, normalizeQueryString } from '../../src/middlewares/fast-read';
import { decodeCursor, encodeCursor } from '../../src/api/feed/lib/cursor';
import { listExcerpt, truncateAtWord } from '../../src/api/feed/lib/excerpt';

describe('TokenBuckets', () => {
  it('allows a burst of `capacity`, then one more per 60/capacity seconds', () => {
    let now = 0;
    const buckets = new TokenBuckets(() => now);
    for (let i = 0; i < 3; i++) {
      expect(buckets.waitSeconds('k', 3)).toBe(0);
      buckets.take('k', 3);
    }
    expect(buckets.waitSeconds('k', 3)).toBe(20);
    now = 19_000;
    expect(buckets.waitSeconds('k', 3)).toBe(1);
    now = 20_000;
    expect(buckets.waitSeconds('k', 3)).toBe(0);
    expect(buckets.waitSeconds('other', 3)).toBe(0);
  });

  it('forgets buckets that have refilled', () => {
    let now = 0;
    const buckets = new TokenBuckets(() => now);
    buckets.take('a', 2);
    buckets.take('b', 2);
    now = 60_000;
    buckets.sweep();
    expect(buckets.size).toBe(0);
  });
});

describe('TaggedCache', () => {
  it('drops what a read started before a write to one of its tags would store', () => {
    const cache = new TaggedCache<string>({ maxEntries: 10, ttlMs: 1000 });
    const started = cache.ticket();
    cache.invalidate(['board:1']);
    cache.set('k', 'stale', started, ['board:1']);
    expect(cache.get('k')).toBeUndefined();
    // A write elsewhere does not make this read stale.
    cache.set('k', 'kept', started, ['board:2']);
    expect(cache.get('k')).toBe('kept');
    const later = cache.ticket();
    cache.invalidate();
    cache.set('k2', 'stale', later, ['board:2']);
    expect(cache.get('k2')).toBeUndefined();
  });

  it('forgets only the entries carrying an invalidated tag', () => {
    const cache = new TaggedCache<string>({ maxEntries: 10, ttlMs: 1000 });
    const t = cache.ticket();
    cache.set('a1', 'x', t, ['board:1', 'user:7']);
    cache.set('a2', 'x', t, ['board:1']);
    cache.set('b1', 'x', t, ['board:2', 'featured']);
    cache.invalidate(['user:7']);
    expect([cache.get('a1'), cache.get('a2'), cache.get('b1')]).toEqual([undefined, 'x', 'x']);
    cache.invalidate(['featured', 'board:9']);
    expect([cache.get('a2'), cache.get('b1')]).toEqual(['x', undefined]);
    cache.invalidate();
    expect(cache.size).toBe(0);
  });

  it('expires on TTL, evicts the least recently used entry when full, and stores nothing when disabled', () => {
    let now = 0;
    const cache = new TaggedCache<number>({ maxEntries: 2, ttlMs: 1000 }, () => now);
    cache.set('a', 1, 0);
    cache.set('b', 2, 0);
    cache.get('a');
    cache.set('c', 3, 0);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    now = 1000;
    expect(cache.get('a')).toBeUndefined();
    const off = new TaggedCache<number>({ maxEntries: 2, ttlMs: 0 });
    off.set('a', 1, 0);
    expect(off.get('a')).toBeUndefined();
  });

  it('still refuses stale reads after forgetting many tag marks at once', () => {
    const cache = new TaggedCache<string>({ maxEntries: 10, ttlMs: 1000 });
    const t = cache.ticket();
    cache.invalidate(Array.from({ length: 50_001 }, (_, i) => `post:${i}`));
    cache.set('k', 'stale', t, ['post:1']);
    expect(cache.get('k')).toBeUndefined();
    cache.set('k', 'fresh', cache.ticket(), ['post:1']);
    expect(cache.get('k')).toBe('fresh');
  });
});

describe('FeaturedClock', () => {
  it('says once when the known closing moment has passed, and is unknown until learned', () => {
    let now = 0;
    const clock = new FeaturedClock(() => now);
    expect(clock.known).toBe(false);
    clock.learn(500);
    now = 499;
    expect(clock.passed()).toBe(false);
    now = 500;
    expect(clock.passed()).toBe(true);
    expect(clock.passed()).toBe(false);
    expect(clock.known).toBe(false);
    clock.learn(null);
    now = 1e12;
    expect(clock.known).toBe(true);
    expect(clock.passed()).toBe(false);
  });
});

describe('TaggedCache bounds', () => {
  const sized = (maxBytes: number, now = () => 0) => new TaggedCache<string>({ maxEntries: 100, ttlMs: 1000, maxBytes, sizeOf: (v) => v.length }, now);

  it('holds at most maxBytes, dropping the least recently used first', () => {
    const cache = sized(10);
    cache.set('a', 'aaaa', 0);
    cache.set('b', 'bbbb', 0);
    cache.get('a');
    cache.set('c', 'cccc', 0);
    expect(cache.bytes).toBe(8);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('aaaa');
    expect(cache.get('c')).toBe('cccc');
  });

  it('does not keep an entry bigger than the whole budget, and counts a replaced entry once', () => {
    const cache = sized(10);
    cache.set('a', 'aaaa', 0);
    cache.set('big', 'x'.repeat(11), 0);
    expect(cache.get('big')).toBeUndefined();
    expect(cache.get('a')).toBe('aaaa');
    cache.set('a', 'aaaaaa', 0);
    expect(cache.bytes).toBe(6);
  });

  it('sweeps out entries past their TTL, not only when they are read', () => {
    let now = 0;
    const cache = sized(1000, () => now);
    for (const key of ['a', 'b', 'c']) cache.set(key, 'value', 0);
    now = 1000;
    cache.set('d', 'value', 0);
    expect(cache.size).toBe(1);
    expect(cache.bytes).toBe(5);
  });

  it('empties its byte count with the entries, tagged ones included', () => {
    const cache = sized(1000);
    cache.set('a', 'value', 0, ['board:1']);
    cache.set('b', 'value', 0, ['board:2']);
    cache.invalidate(['board:1']);
    expect(cache.bytes).toBe(5);
    cache.invalidate();
    expect(cache.bytes).toBe(0);
  });
});

describe('detail cache keys', () => {
  it('are one per meaning of a query string', () => {
    expect(normalizeQueryString('b=2&a=1')).toBe(normalizeQueryString('a=1&b=2'));
    expect(normalizeQueryString('fields%5B0%5D=title')).toBe(normalizeQueryString('fields[0]=title'));
    expect(normalizeQueryString('a=%31')).toBe(normalizeQueryString('a=1'));
    expect(normalizeQueryString('')).toBe('');
    expect(normalizeQueryString(undefined)).toBe('');
    // Repeated parameters keep their order (it can matter), different values differ.
    expect(normalizeQueryString('f=b&f=a')).not.toBe(normalizeQueryString('f=a&f=b'));
    expect(detailCacheKey('p1', 'a=1')).not.toBe(detailCacheKey('p2', 'a=1'));
  });
});

describe('cursors', () => {
  it('round-trips keys for the same list and refuses others', () => {
    const cursor = encodeCursor('board', [1767225600000, 'abc']);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, 'board', ['d', 's'])).toEqual([1767225600000, 'abc']);
    expect(() => decodeCursor(cursor, 'featured', ['n', 'n', 'd', 's'])).toThrow(/another feed/);
    expect(() => decodeCursor(encodeCursor('board', ['x', 'abc']), 'board', ['d', 's'])).toThrow(/not valid/);
    expect(() => decodeCursor('%%%', 'board', ['d', 's'])).toThrow(/not valid/);
  });

  it.each([
    ['a date no database holds', ['board', [1e20, 'x']], ['d', 's']],
    ['a date past what Date holds', ['board', [8.64e15 + 1, 'x']], ['d', 's']],
    ['a fractional date', ['board', [1767225600000.5, 'x']], ['d', 's']],
    ['a rank past 32 bits', ['featured', [0, 2147483648, 1767225600000, 'x']], ['n', 'n', 'd', 's']],
    ['a NUL in the id', ['board', [1767225600000, 'a\u0000b']], ['d', 's']],
    ['an id that is no documentId', ['board', [1767225600000, "x' or 1=1"]], ['d', 's']],
  ] as const)('refuses a crafted cursor with %s', (_what, [list, keys], shape) => {
    expect(() => decodeCursor(encodeCursor(list, keys as any), list, shape as any)).toThrow(/not valid/);
  });
});

describe('excerpts', () => {
  it('prefers the author\'s excerpt, else strips markdown and cuts at a word', () => {
    expect(listExcerpt(' Mine ', 'body')).toBe('Mine');
    expect(listExcerpt(null, '## Title\n\n![pic](https://x/y.png) *a* [b](https://c) `d`')).toBe('Title pic a b d');
    expect(truncateAtWord('word '.repeat(50), 20)).toBe('word word word word…');
    expect(Array.from(truncateAtWord('长'.repeat(200), 160))).toHaveLength(160);
  });
});
