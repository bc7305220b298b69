/**
 * The feed's in-process caches (pages, post details, per-post counts). Every
 * entry carries tags naming what it was read from (`board:12`, `featured`,
 * `user:7`, `post:<documentId>`); a write invalidates only the tags it changed
 * (invalidation.ts), so a like on one post leaves every page of every board
 * cached, and a publish on one board leaves the others'.
 *
 * A read that began before a write must not store what it read after the
 * write: readers take a `ticket()` before reading and `set` drops the value
 * when any of its tags (or everything) was invalidated since that ticket.
 *
 * Bounded twice: by entries and by bytes (each entry's size as `sizeOf` says,
 * e.g. the length of its JSON), the least recently used going first; entries
 * past their TTL are swept out, not only skipped when read.
 */
export interface FeedCacheOptions<V> {
  maxEntries: number;
  ttlMs: number;
  /** Most bytes held at once (Infinity: entries only). */
  maxBytes?: number;
  /** An entry's size in bytes (default 1: only maxEntries counts). */
  sizeOf?: (value: V) => number;
}

interface Entry<V> {
  value: V;
  expiresAt: number;
  bytes: number;
  tags: readonly string[];
}

/** How many tag invalidation marks are remembered before they are folded into one "everything before this" mark. */
const MAX_TAG_MARKS = 50_000;

export class TaggedCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly keysByTag = new Map<string, Set<string>>();
  /** When each tag was last invalidated (in ticks of `clock`). */
  private readonly invalidatedAt = new Map<string, number>();
  private clock = 0;
  /** Everything invalidated at or before this tick. */
  private everythingAt = 0;
  private heldBytes = 0;
  private nextSweepAt = 0;

  constructor(
    private readonly options: FeedCacheOptions<V>,
    private readonly now: () => number = Date.now,
  ) {}

  get enabled(): boolean {
    return this.options.ttlMs > 0 && this.options.maxEntries > 0 && (this.options.maxBytes ?? Infinity) > 0;
  }

  /** Take before reading the data a value is made of; hand it to `set`. */
  ticket(): number {
    return this.clock;
  }

  /** Forgets the entries carrying any of these tags, or every entry when no tags are given. */
  invalidate(tags?: Iterable<string>): void {
    this.clock += 1;
    if (tags === undefined) {
      this.entries.clear();
      this.keysByTag.clear();
      this.invalidatedAt.clear();
      this.heldBytes = 0;
      this.everythingAt = this.clock;
      return;
    }
    for (const tag of tags) {
      this.invalidatedAt.set(tag, this.clock);
      const keys = this.keysByTag.get(tag);
      if (keys) for (const key of [...keys]) this.remove(key);
    }
    if (this.invalidatedAt.size > MAX_TAG_MARKS) {
      // Reads in flight can no longer be told apart by tag: none of them may store (the entries held stay valid).
      this.invalidatedAt.clear();
      this.everythingAt = this.clock;
    }
  }

  /** Whether a value read under `ticket` with these tags may still be stored. */
  fresh(ticket: number, tags: readonly string[]): boolean {
    if (this.everythingAt > ticket) return false;
    for (const tag of tags) if ((this.invalidatedAt.get(tag) ?? 0) > ticket) return false;
    return true;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() >= entry.expiresAt) {
      this.remove(key);
      return undefined;
    }
    // Least recently used goes first: re-insert to move the key to the end.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V, ticket: number, tags: readonly string[] = []): void {
    if (!this.enabled || !this.fresh(ticket, tags)) return;
    const now = this.now();
    this.sweepExpired(now);
    const bytes = Math.max(0, this.options.sizeOf?.(value) ?? 1);
    const maxBytes = this.options.maxBytes ?? Infinity;
    // An answer bigger than the whole budget is served, not kept.
    if (bytes > maxBytes) return;
    this.remove(key);
    while (this.entries.size > 0 && (this.entries.size >= this.options.maxEntries || this.heldBytes + bytes > maxBytes)) {
      this.remove(this.entries.keys().next().value as string);
    }
    this.entries.set(key, { value, expiresAt: now + this.options.ttlMs, bytes, tags });
    this.heldBytes += bytes;
    for (const tag of tags) {
      let keys = this.keysByTag.get(tag);
      if (!keys) this.keysByTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** Bytes held, as sizeOf counts them. */
  get bytes(): number {
    return this.heldBytes;
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.heldBytes -= entry.bytes;
    for (const tag of entry.tags) {
      const keys = this.keysByTag.get(tag);
      if (!keys) continue;
      keys.delete(key);
      if (keys.size === 0) this.keysByTag.delete(tag);
    }
  }

  /** At most once per TTL: every entry past its TTL goes (they all share one TTL, so this is rare and cheap). */
  private sweepExpired(now: number): void {
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + this.options.ttlMs;
    for (const [key, entry] of [...this.entries]) if (now >= entry.expiresAt) this.remove(key);
  }
}

/**
 * The moment the featured lists next change by themselves (the earliest
 * featuredUntil still ahead), so pages showing a featured post are forgotten
 * then, with no write in between. Unknown until looked up; forgotten when a
 * write changes what is featured.
 */
export class FeaturedClock {
  private next: number | null | undefined = undefined;

  constructor(private readonly now: () => number = Date.now) {}

  get known(): boolean {
    return this.next !== undefined;
  }

  /** Records the next closing moment (null: none pending). Callers learn only what no write has changed since they read it. */
  learn(at: number | null): void {
    this.next = at;
  }

  forget(): void {
    this.next = undefined;
  }

  /** True once when the known closing moment has passed (then it is forgotten, to be looked up again). */
  passed(): boolean {
    if (this.next == null || this.now() < this.next) return false;
    this.next = undefined;
    return true;
  }
}
