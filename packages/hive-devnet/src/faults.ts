/**
 * Fault injection for the devnet's HTTP front (Hive JSON-RPC and the
 * Hive-Engine routes). Controlled in-process (`handle.faults`) or over RPC with
 * `debug_node_api.debug_set_faults` / `debug_node_api.debug_get_faults`; those
 * two control methods are never subject to faults.
 *
 * - refuseConnections: the request's socket is destroyed without a reply
 *   (a client sees ECONNRESET / "socket hang up").
 * - delayMs: every request waits this long before it is handled.
 * - http5xxRate (0..1) / http5xxCount (next N requests): answer HTTP 503.
 * - dropReplyAfterAccept: the next N Hive broadcasts that the node ACCEPTS are
 *   processed normally (mempool, then a block) but the HTTP reply is never sent:
 *   the socket is destroyed (after dropReplyHangMs, default 0), so the client
 *   cannot know whether the transaction went through.
 * - loseBroadcasts: the next N requests carrying a Hive broadcast never reach
 *   the node: the socket is destroyed before the request is read, so nothing
 *   is applied (a sender that died mid-request, or a network that ate it).
 *   The client cannot tell it from dropReplyAfterAccept.
 * - haltBlocks: the block timer produces nothing until cleared. Explicit
 *   production (`debug_generate_blocks`, `handle.produceBlocks`) still works:
 *   it is an operator action, like hived's debug_node plugin.
 */

export interface FaultSettings {
  refuseConnections: boolean;
  delayMs: number;
  http5xxRate: number;
  http5xxCount: number;
  dropReplyAfterAccept: number;
  dropReplyHangMs: number;
  loseBroadcasts: number;
  haltBlocks: boolean;
}

export interface FaultCounters {
  /** Requests whose socket was destroyed because of refuseConnections. */
  refused: number;
  /** Requests delayed by delayMs. */
  delayed: number;
  /** HTTP 503 answers. */
  http5xx: number;
  /** Accepted broadcasts whose reply was dropped. */
  droppedReplies: number;
  /** Broadcast requests destroyed unread because of loseBroadcasts. */
  lostBroadcasts: number;
  /** Block slots skipped because of haltBlocks. */
  haltedBlockSlots: number;
}

export interface FaultState extends FaultSettings {
  counters: FaultCounters;
}

export const NO_FAULTS: Readonly<FaultSettings> = Object.freeze({
  refuseConnections: false,
  delayMs: 0,
  http5xxRate: 0,
  http5xxCount: 0,
  dropReplyAfterAccept: 0,
  dropReplyHangMs: 0,
  loseBroadcasts: 0,
  haltBlocks: false,
});

function zeroCounters(): FaultCounters {
  return { refused: 0, delayed: 0, http5xx: 0, droppedReplies: 0, lostBroadcasts: 0, haltedBlockSlots: 0 };
}

/** Deterministic PRNG (mulberry32) so http5xxRate runs are reproducible with a seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function num(v: unknown, name: string, min: number, max: number): number {
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < min || n > max) {
    throw new TypeError(`fault ${name} must be a number in [${min}, ${max}]`);
  }
  return n;
}

export class FaultController {
  private settings: FaultSettings = { ...NO_FAULTS };
  private counters: FaultCounters = zeroCounters();
  private random: () => number;
  private listeners: Array<(s: FaultSettings) => void> = [];

  constructor(seed = 0x5eed) {
    this.random = prng(seed);
  }

  /** Current settings and counters (a copy). */
  get(): FaultState {
    return { ...this.settings, counters: { ...this.counters } };
  }

  /** Change some settings; unknown keys are refused. Returns the new state. */
  set(partial: Partial<FaultSettings> & { seed?: number; resetCounters?: boolean }): FaultState {
    const next = { ...this.settings };
    for (const [key, value] of Object.entries(partial)) {
      switch (key) {
        case 'refuseConnections':
        case 'haltBlocks':
          next[key] = Boolean(value);
          break;
        case 'delayMs':
        case 'dropReplyHangMs':
          next[key] = num(value, key, 0, 600_000);
          break;
        case 'http5xxRate':
          next.http5xxRate = num(value, key, 0, 1);
          break;
        case 'http5xxCount':
        case 'dropReplyAfterAccept':
        case 'loseBroadcasts':
          next[key] = Math.floor(num(value, key, 0, 1_000_000));
          break;
        case 'seed':
          this.random = prng(num(value, key, 0, 2 ** 32));
          break;
        case 'resetCounters':
          if (value) this.counters = zeroCounters();
          break;
        default:
          throw new TypeError(`unknown fault ${key}`);
      }
    }
    this.settings = next;
    for (const l of this.listeners) l({ ...next });
    return this.get();
  }

  /** Clear every fault (counters are kept unless resetCounters). */
  clear(resetCounters = false): FaultState {
    return this.set({ ...NO_FAULTS, resetCounters });
  }

  onChange(listener: (s: FaultSettings) => void): void {
    this.listeners.push(listener);
  }

  // ---- decisions taken by the HTTP front, each one counted ----

  takeRefuse(): boolean {
    if (!this.settings.refuseConnections) return false;
    this.counters.refused++;
    return true;
  }

  takeDelay(): number {
    if (this.settings.delayMs <= 0) return 0;
    this.counters.delayed++;
    return this.settings.delayMs;
  }

  take5xx(): boolean {
    if (this.settings.http5xxCount > 0) {
      this.settings.http5xxCount--;
      this.counters.http5xx++;
      return true;
    }
    if (this.settings.http5xxRate > 0 && this.random() < this.settings.http5xxRate) {
      this.counters.http5xx++;
      return true;
    }
    return false;
  }

  /** Called once a broadcast was accepted: true if its reply must be dropped. */
  takeDropReply(): boolean {
    if (this.settings.dropReplyAfterAccept <= 0) return false;
    this.settings.dropReplyAfterAccept--;
    this.counters.droppedReplies++;
    return true;
  }

  /** Called before a request carrying a broadcast is read: true if it must be lost. */
  takeLostBroadcast(): boolean {
    if (this.settings.loseBroadcasts <= 0) return false;
    this.settings.loseBroadcasts--;
    this.counters.lostBroadcasts++;
    return true;
  }

  get dropReplyHangMs(): number {
    return this.settings.dropReplyHangMs;
  }

  /** Called by the block timer: true if this slot must be skipped. */
  takeHaltedSlot(): boolean {
    if (!this.settings.haltBlocks) return false;
    this.counters.haltedBlockSlots++;
    return true;
  }
}
