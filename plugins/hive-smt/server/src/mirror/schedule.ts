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

/**
 * Permlink of a board's container post for the UTC day containing `date`
 * (daily container mode: members' posts go out as replies under it, which
 * sidesteps the one-root-post-per-5-minutes rule). Same board and day, same permlink.
 */
export function containerPermlinkFor(boardSlug: string, date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('containerPermlinkFor needs a valid date');
  const day = date.toISOString().slice(0, 10); // YYYY-MM-DD in UTC
  return permlinkFromSlug(boardSlug, { suffix: `daily-${day}` });
}
