import type { SoakWindow } from './liveness';

/** What the soak did to the system and when: fault windows, kills and restarts, clock jumps. */
export class SoakTimeline {
  readonly windows: SoakWindow[] = [];

  open(kind: SoakWindow['kind'], what: string, start = Date.now()): SoakWindow {
    const window = { kind, what, start, end: Number.POSITIVE_INFINITY };
    this.windows.push(window);
    return window;
  }

  close(window: SoakWindow, end = Date.now()) {
    window.end = end;
  }

  /** Windows still open end now (a fault cleared at the end of the load, an instance never back). */
  closeAll(end = Date.now()) {
    for (const w of this.windows) if (!Number.isFinite(w.end)) w.end = end;
  }

  count(kind: SoakWindow['kind']) {
    return this.windows.filter((w) => w.kind === kind).length;
  }
}
