import { chainTime, moveChainClockTo, nextMidnight } from '../../helpers/chain-clock';
import type { SoakTimeline } from './windows';

/**
 * Takes the devnet's clock to just before a day boundary, so the members' next
 * posts cross it: midnight UTC, or midnight in a board's fixed-offset zone.
 * Chain time also runs on by itself (blocks come faster than every 3 s).
 */
export async function jumpToJustBeforeMidnight(devnetUrl: string, timeline: SoakTimeline, { utcOffsetHours = 0, beforeMs = 90_000 } = {}) {
  const now = await chainTime(devnetUrl);
  const midnight = nextMidnight(now, { utcOffsetHours, marginMs: beforeMs + 60_000 });
  const at = Date.now();
  const reached = await moveChainClockTo(devnetUrl, new Date(midnight.getTime() - beforeMs));
  const window = timeline.open('clock', `${now.toISOString()} → ${reached.toISOString()} (midnight at UTC${utcOffsetHours >= 0 ? '+' : ''}${utcOffsetHours})`, at);
  timeline.close(window, Date.now());
  return { from: now, to: reached, midnight };
}

/** Day boundaries between two chain times in a zone `utcOffsetHours` from UTC (fixed offsets). */
export function daysCrossed(from: Date, to: Date, utcOffsetHours = 0): number {
  const day = (d: Date) => Math.floor((d.getTime() + utcOffsetHours * 3_600_000) / 86_400_000);
  return day(to) - day(from);
}
