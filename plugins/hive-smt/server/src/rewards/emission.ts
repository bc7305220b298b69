/**
 * How many tokens a board's reward pool receives per interval, with SCOT's
 * optional decay: every rewardReductionIntervalSeconds the per-interval reward
 * shrinks by rewardReductionPercentage (rounded down to whole base units).
 */

export interface EmissionSchedule {
  /** Base units added to the pool at the end of each interval, before any reduction. */
  rewardPerInterval: bigint;
  rewardIntervalSeconds: number;
  /** ≥ rewardIntervalSeconds, as the contract requires; omit for a flat emission. */
  rewardReductionIntervalSeconds?: number;
  /** 0..100 with at most 2 decimals (e.g. 2.5 = 2.5 %). */
  rewardReductionPercentage?: number;
}

const BPS_PER_PERCENT = 100;
const FULL_BPS = 100n * BigInt(BPS_PER_PERCENT);

/**
 * Emission of interval `index` (0 = the interval that ends rewardIntervalSeconds
 * after the pool starts). As in the comments contract, a reduction happens at
 * the end of an interval once a reduction period has elapsed, before that
 * interval's reward is added: interval i pays after floor((i+1)·interval/reduction) reductions.
 */
export function emissionForInterval(index: number, schedule: EmissionSchedule): bigint {
  return emissionForIntervals(index, 1, schedule);
}

/** Total emission of `count` consecutive intervals starting at `first`. */
export function emissionForIntervals(first: number, count: number, schedule: EmissionSchedule): bigint {
  if (!Number.isSafeInteger(first) || first < 0 || !Number.isSafeInteger(count) || count < 0) {
    throw new RangeError('Interval index and count must be non-negative integers');
  }
  const { rewardPerInterval, rewardIntervalSeconds: interval } = schedule;
  if (rewardPerInterval < 0n) throw new RangeError('rewardPerInterval cannot be negative');
  if (!Number.isSafeInteger(interval) || interval < 1) throw new RangeError('rewardIntervalSeconds must be a positive integer');
  const reductionBps = reductionBasisPoints(schedule);
  const period = schedule.rewardReductionIntervalSeconds;
  const reductionsBefore = (i: number) => (reductionBps === 0n || !period ? 0 : Math.floor(((i + 1) * interval) / period));

  let reward = rewardPerInterval;
  let applied = 0;
  let total = 0n;
  for (let i = first; i < first + count; i += 1) {
    for (const due = reductionsBefore(i); applied < due; applied += 1) {
      const next = reward - (reward * reductionBps) / FULL_BPS;
      if (next === reward) {
        applied = due; // a fixed point: further reductions change nothing
        break;
      }
      reward = next;
    }
    total += reward;
  }
  return total;
}

function reductionBasisPoints(schedule: EmissionSchedule): bigint {
  const { rewardReductionPercentage: pct, rewardReductionIntervalSeconds: period, rewardIntervalSeconds } = schedule;
  if (pct === undefined || pct === 0 || period === undefined) return 0n;
  if (!Number.isSafeInteger(period) || period < rewardIntervalSeconds) {
    throw new RangeError('rewardReductionIntervalSeconds must be an integer no smaller than rewardIntervalSeconds');
  }
  const bps = Math.round(pct * BPS_PER_PERCENT);
  if (pct < 0 || pct > 100 || Math.abs(bps - pct * BPS_PER_PERCENT) > 1e-6) {
    throw new RangeError(`rewardReductionPercentage must be 0 to 100 with at most 2 decimals, got ${pct}`);
  }
  return BigInt(bps);
}

/** What a pool holds and how far it has accrued: enough to say what it will hold later. */
export interface PoolProgress {
  pool: bigint;
  accruedUntil: number;
  intervalsAccrued: number;
}

/**
 * What the pool will hold at `at` if nothing else changes: what it holds now
 * plus every whole interval it will have accrued by then (at most
 * `maxIntervals`). A board whose pool does not exist yet (its first rewards
 * pass has not run) projects from an empty pool starting `now`, as that pass
 * will create it.
 */
export function projectedPoolAt(pool: PoolProgress | null, at: number, now: number, schedule: EmissionSchedule, maxIntervals: number): bigint {
  const from = pool ?? { pool: 0n, accruedUntil: now, intervalsAccrued: 0 };
  const ahead = wholeIntervalsBetween(from.accruedUntil, at, schedule, maxIntervals);
  return from.pool + emissionForIntervals(from.intervalsAccrued, ahead, schedule);
}

/** How many whole emission intervals end between `from` and `to` (epoch ms): none when `to` is not later, at most `maxIntervals`. */
export function wholeIntervalsBetween(from: number, to: number, schedule: EmissionSchedule, maxIntervals: number): number {
  return Math.max(0, Math.min(maxIntervals, Math.floor((to - from) / (schedule.rewardIntervalSeconds * 1000))));
}
