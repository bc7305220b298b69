import { BLOCK_INTERVAL_SECONDS, MIN_REPLY_INTERVAL_SECONDS, MIN_ROOT_COMMENT_INTERVAL_SECONDS } from '../chain/protocol';
import { containerPermlinkFor, earliestBroadcastAt } from './schedule';

const t0 = new Date('2024-05-01T10:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

describe('earliestBroadcastAt', () => {
  it('is now when nothing was posted before', () => {
    for (const kind of ['root', 'reply', 'edit'] as const) {
      expect(earliestBroadcastAt({ kind, now: t0 })).toEqual(t0);
    }
  });

  it('waits for the first block strictly more than 5 minutes after the last root post', () => {
    const next = earliestBroadcastAt({ kind: 'root', lastRootPostAt: t0, now: at(10) });
    expect(next).toEqual(at(303));
    // hived asserts (now - last_root_post) > 300 s: exactly 300 s is refused
    expect((next.getTime() - t0.getTime()) / 1000).toBeGreaterThan(MIN_ROOT_COMMENT_INTERVAL_SECONDS);
    expect((next.getTime() - t0.getTime()) / 1000 - BLOCK_INTERVAL_SECONDS).toBe(MIN_ROOT_COMMENT_INTERVAL_SECONDS);
  });

  it('ignores the reply interval for root posts and the root interval for replies', () => {
    expect(earliestBroadcastAt({ kind: 'root', lastPostAt: at(-1), now: t0 })).toEqual(t0);
    expect(earliestBroadcastAt({ kind: 'reply', lastRootPostAt: at(-1), now: t0 })).toEqual(t0);
  });

  it('spaces replies at least 3 seconds after the last post of any kind', () => {
    expect(earliestBroadcastAt({ kind: 'reply', lastPostAt: t0, now: at(1) })).toEqual(at(MIN_REPLY_INTERVAL_SECONDS));
  });

  it('puts an edit in a later block than the last comment operation', () => {
    expect(earliestBroadcastAt({ kind: 'edit', lastEditBlockTime: t0, now: t0 })).toEqual(at(BLOCK_INTERVAL_SECONDS));
  });

  it('never returns a time before now', () => {
    expect(earliestBroadcastAt({ kind: 'root', lastRootPostAt: at(-3600), now: t0 })).toEqual(t0);
    expect(earliestBroadcastAt({ kind: 'edit', lastEditBlockTime: at(-60), now: t0 })).toEqual(t0);
  });

  it('refuses an unknown kind', () => {
    expect(() => earliestBroadcastAt({ kind: 'vote' as never, now: t0 })).toThrow(RangeError);
  });
});

describe('containerPermlinkFor', () => {
  it('names one container per board per UTC day', () => {
    expect(containerPermlinkFor('maple-school', new Date('2024-05-01T00:00:00Z'))).toBe('maple-school-daily-2024-05-01');
    expect(containerPermlinkFor('maple-school', new Date('2024-05-01T23:59:59Z'))).toBe('maple-school-daily-2024-05-01');
    expect(containerPermlinkFor('maple-school', new Date('2024-05-02T00:00:00Z'))).toBe('maple-school-daily-2024-05-02');
  });

  it('uses the UTC day, not the server’s local day', () => {
    // 23:30 on 1 May in New York is already 2 May in UTC
    expect(containerPermlinkFor('town', new Date('2024-05-01T23:30:00-04:00'))).toBe('town-daily-2024-05-02');
  });

  it('works for non-Latin board slugs and keeps boards apart', () => {
    const a = containerPermlinkFor('枫叶小学', new Date('2024-05-01T08:00:00Z'));
    expect(a).toMatch(/^post-[0-9a-f]+-daily-2024-05-01$/);
    expect(containerPermlinkFor('橡树中学', new Date('2024-05-01T08:00:00Z'))).not.toBe(a);
  });

  it('refuses an invalid date', () => {
    expect(() => containerPermlinkFor('x', new Date('nope'))).toThrow(RangeError);
  });
});
