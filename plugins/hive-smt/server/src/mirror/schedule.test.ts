import { BLOCK_INTERVAL_SECONDS, MIN_REPLY_INTERVAL_SECONDS, MIN_ROOT_COMMENT_INTERVAL_SECONDS } from '../chain/protocol';
import {
  boardTimeZone,
  containerPermlinkFor,
  containerPermlinkForDay,
  dayBefore,
  dayIn,
  DEFAULT_BOARD_TIME_ZONE,
  earliestBroadcastAt,
  nextDayStartIn,
  POST_OF_THE_DAY_LEAD_SECONDS,
  postsOfTheDay,
  timeZoneError,
} from './schedule';

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

describe('board days in a time zone', () => {
  it('accepts IANA zone names and empty (UTC), and says how to fix anything else', () => {
    for (const ok of ['UTC', 'Asia/Shanghai', 'Europe/London', 'America/New_York', '', null, undefined]) expect(timeZoneError(ok)).toBeNull();
    expect(timeZoneError('Mars/Base')).toMatch(/"Mars\/Base" is not a time zone.*IANA name such as "Asia\/Shanghai"/);
    expect(timeZoneError('+08:00')).toMatch(/is not a time zone/);
    expect(timeZoneError('asia/shanghai')).toBe('Write the time zone as "Asia/Shanghai".');
    expect(timeZoneError(8)).toMatch(/a name such as/);
  });

  it('falls back to UTC for a board without a zone (or with one no longer known)', () => {
    expect(boardTimeZone({ timezone: 'Asia/Shanghai' })).toBe('Asia/Shanghai');
    expect(boardTimeZone({ timezone: null })).toBe(DEFAULT_BOARD_TIME_ZONE);
    expect(boardTimeZone({ timezone: 'Mars/Base' })).toBe('UTC');
    expect(boardTimeZone(undefined)).toBe('UTC');
  });

  it('names the local calendar day', () => {
    const t = new Date('2024-05-01T17:30:00Z');
    expect(dayIn(t)).toBe('2024-05-01');
    expect(dayIn(t, 'Asia/Shanghai')).toBe('2024-05-02'); // 01:30 on 2 May in Shanghai
    expect(dayIn(t, 'America/Los_Angeles')).toBe('2024-05-01');
    expect(dayBefore('2024-03-01')).toBe('2024-02-29');
    expect(dayBefore('2025-01-01')).toBe('2024-12-31');
  });

  it('finds when the next local day begins, to the second', () => {
    expect(nextDayStartIn(new Date('2024-05-01T23:59:59Z'))).toEqual(new Date('2024-05-02T00:00:00Z'));
    expect(nextDayStartIn(new Date('2024-05-02T00:00:00Z'))).toEqual(new Date('2024-05-03T00:00:00Z'));
    // Shanghai (UTC+8, no daylight saving): local midnight is 16:00 UTC.
    expect(nextDayStartIn(new Date('2024-05-01T15:00:00Z'), 'Asia/Shanghai')).toEqual(new Date('2024-05-01T16:00:00Z'));
    // New York after the spring change is UTC-4, before it UTC-5.
    expect(nextDayStartIn(new Date('2024-03-10T12:00:00Z'), 'America/New_York')).toEqual(new Date('2024-03-11T04:00:00Z'));
    expect(nextDayStartIn(new Date('2024-03-09T12:00:00Z'), 'America/New_York')).toEqual(new Date('2024-03-10T05:00:00Z'));
    // Chile skipped midnight on 8 September 2024 (24:00 became 01:00): that day began at 01:00 local, 04:00 UTC.
    expect(nextDayStartIn(new Date('2024-09-07T20:00:00Z'), 'America/Santiago')).toEqual(new Date('2024-09-08T04:00:00Z'));
  });

  it('names one container per board per local day', () => {
    const lateInShanghai = new Date('2024-05-01T16:30:00Z');
    expect(containerPermlinkFor('town', lateInShanghai)).toBe('town-daily-2024-05-01');
    expect(containerPermlinkFor('town', lateInShanghai, 'Asia/Shanghai')).toBe('town-daily-2024-05-02');
    expect(containerPermlinkForDay('town', '2024-05-02')).toBe('town-daily-2024-05-02');
    expect(() => containerPermlinkForDay('town', '2 May')).toThrow(RangeError);
  });

  it("plans today, yesterday and tomorrow, and sends tomorrow's early enough for two root windows", () => {
    const plan = postsOfTheDay('maple', new Date('2024-05-01T23:40:00Z'));
    expect(plan.today).toEqual({ day: '2024-05-01', permlink: 'maple-daily-2024-05-01' });
    expect(plan.yesterday).toEqual({ day: '2024-04-30', permlink: 'maple-daily-2024-04-30' });
    expect(plan.tomorrow).toEqual({ day: '2024-05-02', permlink: 'maple-daily-2024-05-02' });
    expect(plan.nextDayStartsAt).toEqual(new Date('2024-05-02T00:00:00Z'));
    const leadSeconds = (plan.nextDayStartsAt.getTime() - plan.sendTomorrowFrom.getTime()) / 1000;
    expect(leadSeconds).toBe(POST_OF_THE_DAY_LEAD_SECONDS);
    // Even when the account's last root post was just now, two 5-minute windows fit before the day begins.
    expect(leadSeconds).toBeGreaterThan(2 * (MIN_ROOT_COMMENT_INTERVAL_SECONDS + BLOCK_INTERVAL_SECONDS));
    const shanghai = postsOfTheDay('maple', new Date('2024-05-01T15:55:00Z'), 'Asia/Shanghai');
    expect(shanghai.today.day).toBe('2024-05-01');
    expect(shanghai.tomorrow.day).toBe('2024-05-02');
    expect(shanghai.nextDayStartsAt).toEqual(new Date('2024-05-01T16:00:00Z'));
  });
});
