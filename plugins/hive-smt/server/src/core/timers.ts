/**
 * The plugin's periodic passes (reconciliation, reply import, rewards): each
 * never overlaps itself, never throws out of its timer, and stops with the plugin.
 */
export interface Timers {
  every(ms: number, task: () => Promise<unknown>, onError: (error: unknown) => void): void;
  stopAll(): void;
}

export function createTimers(): Timers {
  let timers: NodeJS.Timeout[] = [];
  return {
    every(ms, task, onError) {
      let busy = false;
      const timer = setInterval(async () => {
        if (busy) return;
        busy = true;
        try {
          await task();
        } catch (error) {
          onError(error);
        } finally {
          busy = false;
        }
      }, ms);
      timer.unref?.();
      timers.push(timer);
    },
    stopAll() {
      for (const timer of timers) clearInterval(timer);
      timers = [];
    },
  };
}
