import { devnetRpc } from '../../helpers/chain-clock';
import type { SoakTimeline } from './windows';

/** Every fault kind the devnet injects, in turn: each on for a moment, then cleared before the next. */
const FAULTS: Array<{ name: string; settings: Record<string, unknown> }> = [
  { name: 'refuse', settings: { refuseConnections: true } },
  { name: 'http5xx', settings: { http5xxRate: 0.5 } },
  { name: 'dropReply', settings: { dropReplyAfterAccept: 2 } },
  { name: 'halt', settings: { haltBlocks: true } },
];

export class FaultCycle {
  readonly injected: Record<string, number> = Object.fromEntries(FAULTS.map((f) => [f.name, 0]));
  private next = 0;
  private active: { window: ReturnType<SoakTimeline['open']> } | null = null;
  private nextChangeAt: number;

  constructor(
    private readonly devnetUrl: string,
    private readonly timeline: SoakTimeline,
    private readonly rng: () => number,
    private readonly quietMs = 5000,
    startAfterMs = 2000,
  ) {
    this.nextChangeAt = Date.now() + startAfterMs;
  }

  /** Turns the current fault off, or the next one on, when its time has come. */
  async tick(now = Date.now()) {
    if (now < this.nextChangeAt) return;
    if (this.active) return this.clear();
    const fault = FAULTS[this.next++ % FAULTS.length];
    await devnetRpc(this.devnetUrl, 'debug_node_api.debug_set_faults', fault.settings);
    this.injected[fault.name] += 1;
    this.active = { window: this.timeline.open('fault', fault.name) };
    // On for 1–3.5 s, then quiet for quietMs to quietMs + 3 s (see clear): every kind comes round within a short
    // soak, and in a long one the quiet stretches are long enough that a wait with no fault behind it shows.
    this.nextChangeAt = Date.now() + 1000 + this.rng() * 2500;
  }

  /** Clears whatever fault is on; the next one comes after a quiet stretch. */
  async clear() {
    await devnetRpc(this.devnetUrl, 'debug_node_api.debug_set_faults', { clear: true });
    if (this.active) {
      this.timeline.close(this.active.window);
      this.nextChangeAt = Date.now() + this.quietMs + this.rng() * 3000;
    }
    this.active = null;
  }

  async counters(): Promise<Record<string, number>> {
    return (await devnetRpc(this.devnetUrl, 'debug_node_api.debug_get_faults', {})).counters;
  }
}
