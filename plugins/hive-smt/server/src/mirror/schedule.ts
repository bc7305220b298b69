/**
 * hived's per-author rate rules (hive_evaluator_social.cpp) turned into "when
 * may this go out", so the outbox waits instead of collecting refusals.
 */
import {
  BLOCK_INTERVAL_SECONDS,
  MIN_REPLY_INTERVAL_SECONDS,
  MIN_ROOT_COMMENT_INTERVAL_SECONDS,
} from '../chain/protocol';
import { permlinkFromSlug } from './permlink';

export type BroadcastKind = 'root' | 'reply' | 'edit';

export interface BroadcastTiming {
  kind: BroadcastKind;
  /** Block time of the author's last root post (account.last_root_post). */
  lastRootPostAt?: Date | null;
  /** Block time of the author's last new post or reply (account.last_post). */
  lastPostAt?: Date | null;
  /** Block time of the author's last comment operation, new or edit (account.last_post_edit). */
  lastEditBlockTime?: Date | null;
  now: Date;
}

const SECOND_MS = 1000;

/**
 * Earliest moment a comment of this kind by this author can be accepted, never
 * before `now`:
 * - root: strictly more than MIN_ROOT_COMMENT_INTERVAL_SECONDS after the last
 *   root post. Block times are whole slots, so the first block that satisfies
 *   "more than" is one BLOCK_INTERVAL later.
 * - reply: at least MIN_REPLY_INTERVAL_SECONDS after the last post of any kind.
 * - edit: a later block than the author's last comment operation.
 */
export function earliestBroadcastAt(timing: BroadcastTiming): Date {
  const now = timing.now.getTime();
  let earliest = now;
  const notBefore = (since: Date | null | undefined, seconds: number) => {
    if (since) earliest = Math.max(earliest, since.getTime() + seconds * SECOND_MS);
  };
  switch (timing.kind) {
    case 'root':
      notBefore(timing.lastRootPostAt, MIN_ROOT_COMMENT_INTERVAL_SECONDS + BLOCK_INTERVAL_SECONDS);
      break;
    case 'reply':
      notBefore(timing.lastPostAt, MIN_REPLY_INTERVAL_SECONDS);
      break;
    case 'edit':
      notBefore(timing.lastEditBlockTime, BLOCK_INTERVAL_SECONDS);
      break;
    default:
      throw new RangeError(`Unknown broadcast kind: ${String((timing as { kind: unknown }).kind)}`);
  }
  return new Date(earliest);
}

/** A board's day when it sets no time zone of its own. */
export const DEFAULT_BOARD_TIME_ZONE = 'UTC';

/**
 * How long before its day begins a board's next post of the day is sent, when
 * the board is posting then: one 5-minute root window for the account's last
 * root post, one for a root post of the same account already waiting its turn,
 * and a minute for the worker. Sent that early, it is on Hive before the first
 * post of the new day needs it.
 */
export const POST_OF_THE_DAY_LEAD_SECONDS = 2 * (MIN_ROOT_COMMENT_INTERVAL_SECONDS + BLOCK_INTERVAL_SECONDS) + 60;

const DAY_MS = 24 * 60 * 60 * SECOND_MS;
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** A formatter giving YYYY-MM-DD in `timeZone` (en-CA writes dates that way); throws RangeError for an unknown zone. */
function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format;
}

/**
 * Why `value` is not an IANA time zone name a board can use, or null when it
 * is one (empty means UTC). Spelling must be the zone's own ("Asia/Shanghai",
 * not "asia/shanghai"), so what the admin typed is what every later reader sees.
 */
export function timeZoneError(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value !== 'string') return 'A time zone is a name such as "Asia/Shanghai" or "Europe/London".';
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return `"${value}" is not a time zone. Use an IANA name such as "Asia/Shanghai", "Europe/London" or "America/New_York"; leave it empty for UTC.`;
  }
  if (value !== resolved && value.toLowerCase() === resolved.toLowerCase()) return `Write the time zone as "${resolved}".`;
  return null;
}

/** The board's time zone: its own setting, UTC when it has none. */
export function boardTimeZone(board: { timezone?: string | null } | null | undefined): string {
  const zone = board?.timezone;
  return zone && timeZoneError(zone) === null ? zone : DEFAULT_BOARD_TIME_ZONE;
}

/** The calendar day (YYYY-MM-DD) that `date` falls on in `timeZone`. */
export function dayIn(date: Date, timeZone: string = DEFAULT_BOARD_TIME_ZONE): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('dayIn needs a valid date');
  return dayFormat(timeZone).format(date);
}

/** The calendar day before `day` (YYYY-MM-DD), whatever the zone: calendar arithmetic, not 24 hours. */
export function dayBefore(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/**
 * The first whole second after `date` that falls on a later day in
 * `timeZone`: local midnight, or whenever the day really starts where a
 * daylight-saving change skips midnight. Found by bisection over the next two
 * days, so no zone offset is ever computed by hand.
 */
export function nextDayStartIn(date: Date, timeZone: string = DEFAULT_BOARD_TIME_ZONE): Date {
  const today = dayIn(date, timeZone);
  let before = Math.floor(date.getTime() / SECOND_MS);
  let after = before + (2 * DAY_MS) / SECOND_MS;
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (dayIn(new Date(middle * SECOND_MS), timeZone) === today) before = middle;
    else after = middle;
  }
  return new Date(after * SECOND_MS);
}

/** Permlink of a board's post of the day for `day` (YYYY-MM-DD): same board and day, same permlink. */
export function containerPermlinkForDay(boardSlug: string, day: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`containerPermlinkForDay needs a YYYY-MM-DD day, got "${day}"`);
  return permlinkFromSlug(boardSlug, { suffix: `daily-${day}` });
}

/**
 * Permlink of a board's container post for the day containing `date` in the
 * board's time zone (UTC by default). In container mode members' posts go out
 * as replies under it, which sidesteps the one-root-post-per-5-minutes rule.
 */
export function containerPermlinkFor(boardSlug: string, date: Date, timeZone: string = DEFAULT_BOARD_TIME_ZONE): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('containerPermlinkFor needs a valid date');
  return containerPermlinkForDay(boardSlug, dayIn(date, timeZone));
}

export interface PostOfTheDay {
  day: string;
  permlink: string;
}

export interface PostsOfTheDay {
  today: PostOfTheDay;
  /** Where posts may still go while today's is not on Hive yet. */
  yesterday: PostOfTheDay;
  tomorrow: PostOfTheDay;
  /** When the board's next day begins (chain time). */
  nextDayStartsAt: Date;
  /** From this chain time on, tomorrow's post of the day is sent ahead (POST_OF_THE_DAY_LEAD_SECONDS before the day begins). */
  sendTomorrowFrom: Date;
}

/** A board's posts of the day around chain time `now`, in the board's time zone. */
export function postsOfTheDay(boardSlug: string, now: Date, timeZone: string = DEFAULT_BOARD_TIME_ZONE): PostsOfTheDay {
  const today = dayIn(now, timeZone);
  const nextDayStartsAt = nextDayStartIn(now, timeZone);
  const of = (day: string) => ({ day, permlink: containerPermlinkForDay(boardSlug, day) });
  return {
    today: of(today),
    yesterday: of(dayBefore(today)),
    tomorrow: of(dayIn(nextDayStartsAt, timeZone)),
    nextDayStartsAt,
    sendTomorrowFrom: new Date(nextDayStartsAt.getTime() - POST_OF_THE_DAY_LEAD_SECONDS * SECOND_MS),
  };
}
