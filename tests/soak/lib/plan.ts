/**
 * What a soak of a given length does, and how long it may take: every limit
 * is derived from SOAK_SECONDS and from the work done, never a fixed number.
 */
export interface SoakPlan {
  seconds: number;
  /** Offsets (ms from the start of the load) of SIGKILLs, and which instance each one hits. */
  kills: Array<{ atMs: number; instance: number }>;
  /** Offsets of clock jumps to just before a midnight, and the zone's offset from UTC. */
  crossings: Array<{ atMs: number; utcOffsetHours: number }>;
  actionsPerSecond: number;
  /** Quiet stretch between two faults (the shortest; up to 3 s more): shorter in a short soak, so every kind comes round. */
  faultQuietMs: number;
  /** Jest's limit for the whole test. */
  testTimeoutMs: number;
}

/** A kill every five minutes of load (at least one per instance), a day boundary every ten minutes (at least one). */
const KILL_EVERY_S = 300;
const CROSSING_EVERY_S = 600;
/** Booting one app process on two busy cores (schema sync included). */
export const APP_START_BUDGET_MS = 90_000;
/** Zones the crossings alternate between: UTC, and the board in Asia/Shanghai (UTC+8, no daylight saving). */
const CROSSING_ZONES = [0, 8];

export function soakPlan(seconds: number, { instances = 1, actionsPerSecond = 8 } = {}): SoakPlan {
  const loadMs = seconds * 1000;
  const killCount = Math.max(instances, Math.floor(seconds / KILL_EVERY_S));
  const kills = Array.from({ length: killCount }, (_, i) => ({ atMs: Math.round(((i + 1) * loadMs) / (killCount + 1)), instance: i % instances }));
  const crossingCount = Math.max(1, Math.round(seconds / CROSSING_EVERY_S));
  // About a quarter of the way into each stretch, and away from the kills, so each is seen on its own.
  const apart = Math.min(10_000, loadMs / 10);
  const crossings = Array.from({ length: crossingCount }, (_, i) => {
    const at = (f: number) => Math.round(((i + f) * loadMs) / crossingCount);
    const fraction = [0.25, 0.35, 0.15, 0.45, 0.05].find((f) => kills.every((k) => Math.abs(k.atMs - at(f)) >= apart)) ?? 0.25;
    return { atMs: at(fraction), utcOffsetHours: CROSSING_ZONES[i % CROSSING_ZONES.length] };
  });
  const drainCapMs = drainLimitMs({ openJobs: Math.ceil(seconds * actionsPerSecond), cashoutSeconds: 10, payoutsOpen: 0 });
  const testTimeoutMs = APP_START_BUDGET_MS * instances + loadMs + kills.length * APP_START_BUDGET_MS + drainCapMs + checksBudgetMs(seconds * actionsPerSecond);
  const faultQuietMs = seconds <= 120 ? 3_000 : 5_000;
  return { seconds, kills, crossings, actionsPerSecond, faultQuietMs, testTimeoutMs };
}

/**
 * How long the outbox may take to drain and the rewards to settle once the
 * load stops, from what is left to do: a minute, plus a quarter second per open
 * chain job (a reply every 3 chain seconds per account, several accounts), plus
 * three reward windows for the last posts to settle and be paid.
 */
export function drainLimitMs({ openJobs, cashoutSeconds, payoutsOpen }: { openJobs: number; cashoutSeconds: number; payoutsOpen: number }): number {
  return 60_000 + openJobs * 250 + payoutsOpen * 500 + cashoutSeconds * 3 * 1000;
}

/** Reading every account's history and every post back from the chain: a little per member action. */
export function checksBudgetMs(actions: number): number {
  return 120_000 + actions * 20;
}
