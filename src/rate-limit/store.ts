import { TokenBuckets } from './token-bucket';

/**
 * Where the rate limiter's token buckets live. A request names its buckets
 * (one per member, one per address) and `take` spends one token from each of
 * them, or from none: when any of them is empty nothing is spent and the
 * answer says how long each one has to wait.
 */
export interface BucketCheck {
  key: string;
  /** Tokens a minute, which is also the burst. */
  capacity: number;
}

export interface TakeOutcome {
  taken: boolean;
  /** When not taken: per check, in order, the seconds until it has a token (0: it has one). Empty when taken. */
  waits: number[];
}

/** The answer when every bucket had a token (shared: nobody changes it). */
export const TAKEN: TakeOutcome = { taken: true, waits: [] };

export interface BucketStore {
  readonly kind: 'memory' | 'database' | 'redis';
  take(checks: BucketCheck[]): TakeOutcome | Promise<TakeOutcome>;
  /** Connects, for a store that talks to a server (called once at boot). */
  ready?(): Promise<void>;
  /** Forgets every bucket (tests). */
  reset(): void | Promise<void>;
  /** Stops what the store runs in the background. */
  stop(): void | Promise<void>;
}

const MEMORY_SWEEP_ABOVE = 10_000;

/** This process's buckets: right for one instance (SQLite), and the shared store's insurance when the database does not answer. */
export class MemoryBucketStore implements BucketStore {
  readonly kind = 'memory' as const;
  private readonly buckets: TokenBuckets;

  constructor(now: () => number = Date.now) {
    this.buckets = new TokenBuckets(now);
  }

  take(checks: BucketCheck[]): TakeOutcome {
    const waits = checks.map((check) => this.buckets.waitSeconds(check.key, check.capacity));
    if (waits.some((wait) => wait > 0)) return { taken: false, waits };
    for (const check of checks) this.buckets.take(check.key, check.capacity);
    // Refilled buckets say nothing a missing one would not: drop them once there are many.
    if (this.buckets.size > MEMORY_SWEEP_ABOVE) this.buckets.sweep();
    return TAKEN;
  }

  reset(): void {
    this.buckets.sweep(true);
  }

  stop(): void {}

  get size(): number {
    return this.buckets.size;
  }
}
