import type { BucketCheck, BucketStore, MemoryBucketStore, TakeOutcome } from './store';

/** The stores every instance shares. */
export type SharedStoreKind = Exclude<BucketStore['kind'], 'memory'>;

/** At most one warning line per `everyMs`, saying how many failures it stands for: a database that is down must not flood the log at a thousand requests a second. */
export class ThrottledWarning {
  private lastAt = -Infinity;
  private unsaid = 0;

  constructor(
    private readonly write: (line: string) => void,
    private readonly everyMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts a failure; writes `line(count)` when the last line is old enough. */
  note(line: (failures: number) => string): void {
    this.unsaid += 1;
    const now = this.now();
    if (now - this.lastAt < this.everyMs) return;
    this.write(line(this.unsaid));
    this.lastAt = now;
    this.unsaid = 0;
  }
}

/**
 * The shared store, insured by this instance's memory: when the database or
 * Redis does not answer (down, pool exhausted, the table gone, a timeout), the request is
 * limited by the instance's own buckets instead (so each instance still
 * enforces the limit on its own, as before there was a shared store), and a
 * warning says so at most once a minute. A limiter fault never fails the
 * member's request. The memory buckets start full, so a member gets at most
 * one extra limit's worth per instance while the shared store is away.
 */
export class InsuredBucketStore implements BucketStore {
  readonly kind: SharedStoreKind;

  constructor(
    private readonly shared: BucketStore & { kind: SharedStoreKind },
    private readonly insurance: MemoryBucketStore,
    private readonly warning: ThrottledWarning,
  ) {
    this.kind = shared.kind;
  }

  async take(checks: BucketCheck[]): Promise<TakeOutcome> {
    try {
      return await this.shared.take(checks);
    } catch (error) {
      const reason = (error as Error)?.message ?? String(error);
      this.warning.note(
        (failures) =>
          `[rate-limit] the shared bucket store did not answer (${reason}); ${failures === 1 ? 'this request was' : `${failures} requests since the last warning were`} limited by this instance's memory instead`,
      );
      return this.insurance.take(checks);
    }
  }

  async ready(): Promise<void> {
    await this.shared.ready?.();
  }

  async reset(): Promise<void> {
    this.insurance.reset();
    await this.shared.reset();
  }

  async stop(): Promise<void> {
    await this.shared.stop();
  }
}
