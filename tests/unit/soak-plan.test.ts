import { drainLimitMs, soakPlan } from '../soak/lib/plan';

describe('soak plan', () => {
  it('kills every five minutes of load, at least once per instance, and crosses a day every ten minutes, at least once', () => {
    const short = soakPlan(45);
    expect(short.kills.map((k) => k.instance)).toEqual([0]);
    expect(short.crossings).toHaveLength(1);
    const long = soakPlan(1800);
    expect(long.kills).toHaveLength(6);
    expect(long.crossings.map((c) => c.utcOffsetHours)).toEqual([0, 8, 0]);
    const pg = soakPlan(1800, { instances: 2 });
    expect(new Set(pg.kills.map((k) => k.instance))).toEqual(new Set([0, 1]));
    expect(soakPlan(90, { instances: 2 }).kills.map((k) => k.instance)).toEqual([0, 1]);
  });

  it('keeps kills and clock jumps apart and inside the load', () => {
    for (const seconds of [45, 300, 1800, 7200]) {
      const plan = soakPlan(seconds, { instances: 2 });
      const events = [...plan.kills.map((k) => k.atMs), ...plan.crossings.map((c) => c.atMs)].sort((a, b) => a - b);
      for (const at of events) expect(at).toBeLessThan(seconds * 1000);
      for (let i = 1; i < events.length; i++) expect(events[i] - events[i - 1]).toBeGreaterThanOrEqual(Math.min(10_000, (seconds * 1000) / 10));
    }
  });

  it('derives the test timeout from the length and the drain limit from the work left', () => {
    expect(soakPlan(1800).testTimeoutMs).toBeGreaterThan(soakPlan(45).testTimeoutMs + 1755 * 1000);
    expect(soakPlan(45).testTimeoutMs).toBeGreaterThan(45_000 + 2 * 90_000);
    const idle = drainLimitMs({ openJobs: 0, cashoutSeconds: 10, payoutsOpen: 0 });
    expect(drainLimitMs({ openJobs: 400, cashoutSeconds: 10, payoutsOpen: 0 })).toBe(idle + 400 * 250);
    expect(drainLimitMs({ openJobs: 0, cashoutSeconds: 10, payoutsOpen: 20 })).toBeGreaterThan(idle);
    expect(soakPlan(45).faultQuietMs).toBeLessThan(soakPlan(1800).faultQuietMs);
  });
});
