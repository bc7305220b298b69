import { startAppProcess, type AppProc } from '../../helpers/processes';
import type { SoakTimeline } from './windows';

/**
 * The app processes of a soak (one on SQLite, two on PostgreSQL), each with
 * its own chain worker, killed with SIGKILL (as a crash would) and started
 * again on the same database while the others keep serving.
 */
export class AppFleet {
  private readonly procs: Array<AppProc | null>;
  private readonly restarting = new Set<number>();
  readonly kills: number[];

  constructor(
    private readonly env: Record<string, string>,
    readonly size: number,
    private readonly timeline: SoakTimeline,
  ) {
    this.procs = Array.from({ length: size }, () => null);
    this.kills = Array.from({ length: size }, () => 0);
  }

  /** Starts every instance, one after the other (the first creates the schema). */
  async start() {
    for (let i = 0; i < this.size; i++) this.procs[i] = await startAppProcess(this.env);
  }

  /** The instance's address, or null while it is down. */
  url(i: number): string | null {
    return this.procs[i]?.url ?? null;
  }

  /** Any instance that is up (admin calls). */
  anyUrl(): string {
    const up = this.procs.find((p) => p);
    if (!up) throw new Error('no app instance is up');
    return up.url;
  }

  /**
   * SIGKILL, as a crash would: resolves once the process is gone, with the
   * restart on the same database under way (`restarted` resolves when it
   * serves again). Called between member actions, so no request of the
   * soak's is in flight on it.
   */
  async kill(i: number): Promise<{ restarted: Promise<void> }> {
    if (this.restarting.has(i)) return { restarted: Promise.resolve() };
    this.restarting.add(i);
    const window = this.timeline.open('kill', `instance ${i}`);
    const proc = this.procs[i];
    this.procs[i] = null;
    await proc?.stop('SIGKILL');
    this.kills[i] += 1;
    const restarted = startAppProcess(this.env)
      .then((next) => {
        this.procs[i] = next;
      })
      .finally(() => {
        this.timeline.close(window);
        this.restarting.delete(i);
      });
    return { restarted };
  }

  /** The last lines an instance printed (for a failure's report). */
  output(i: number, lines = 40): string[] {
    return (this.procs[i]?.output ?? []).filter((l) => !/importing Hive replies/.test(l)).slice(-lines);
  }

  async stop() {
    await Promise.all(this.procs.map((p) => p?.stop()));
  }
}
