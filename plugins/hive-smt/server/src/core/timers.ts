/**
 * The plugin's periodic passes (reconciliation, reply import, rewards): each
 * never overlaps itself, never throws out of its timer, and stops with the plugin.
 */
export interface Timers {
  every(ms: number, task: () => Promise<unknown>, onError: (error: unknown) => void): void;
  /** No pass starts until resume(); resolves once the passes running now have finished. */
  pause(): Promise<void>;
  resume(): void;
  /** Stops every timer; resolves once the passes running now have finished (so none queries a closed database). */
  stopAll(): Promise<void>;
}

/** How long stopping waits for the passes that are running. */
export const STOP_WAIT_MS = 10_000;

export function createTimers(): Timers {
  let timers: NodeJS.Timeout[] = [];
  let paused = false;
  const running = new Set<Promise<unknown>>();
  return {
    every(ms, task, onError) {
      let busy = false;
      const timer = setInterval(async () => {
        if (busy || paused) return;
        busy = true;
        const run = Promise.resolve().then(task);
        running.add(run);
        try {
          await run;
        } catch (error) {
          onError(error);
        } finally {
          running.delete(run);
          busy = false;
        }
      }, ms);
      timer.unref?.();
      timers.push(timer);
    },
    async pause() {
      paused = true;
      await Promise.allSettled([...running]);
    },
    resume() {
      paused = false;
    },
    async stopAll() {
      for (const timer of timers) clearInterval(timer);
      timers = [];
      // A pass stuck on a node that does not answer must not hold the shutdown for ever.
      let giveUp: NodeJS.Timeout | undefined;
      const bound = new Promise<void>((resolve) => (giveUp = setTimeout(resolve, STOP_WAIT_MS)));
      await Promise.race([Promise.allSettled([...running]), bound]);
      clearTimeout(giveUp);
    },
  };
}
