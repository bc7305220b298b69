/**
 * The feed's in-process cache. Every entry belongs to a generation; any write
 * the app sees (a publish, an edit, a like, a comment: see invalidation.ts)
 * starts a new generation and empties the cache, so the next read is fresh.
 *
 * A read that began before a write must not store what it read under the new
 * generation: `set` takes the generation the read started in and drops stale
 * results. Time-dependent lists (featured posts with a `featuredUntil`) also
 * register the earliest moment their answer changes; at that moment the cache
 * is emptied as if a write had happened.
 *
 * One process only: another Strapi instance's writes reach this cache only via
 * the TTL, which is why FEED_CACHE_TTL_MS should be short (or 0) when several
 * instances share a database.
 *
 * Bounded twice: by entries and by bytes (each entry's size as `sizeOf` says,
 * e.g. the length of its JSON), the least recently used going first; and
 * entries past their TTL are swept out, not only skipped when read, so what a
 * crawler once asked for does not sit in memory until the next write.
 */
export interface FeedCacheOptions<V> {
  maxEntries: number;
  ttlMs: number;
  /** Most bytes held at once (Infinity: entries only). */
  maxBytes?: number;
  /** An entry's size in bytes (default 1: only maxEntries counts). */
  sizeOf?: (value: V) => number;
}

export class FeedCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number; bytes: number }>();
  private currentGeneration = 0;
  private heldBytes = 0;
  private nextSweepAt = 0;
  /** The next featuredUntil still in the future: undefined until looked up in this generation, null when there is none. */
  private nextExpiry: number | null | undefined = undefined;

  constructor(
    private readonly options: FeedCacheOptions<V>,
    private readonly now: () => number = Date.now,
  ) {}

  get generation(): number {
    return this.currentGeneration;
  }

  get enabled(): boolean {
    return this.options.ttlMs > 0 && this.options.maxEntries > 0 && (this.options.maxBytes ?? Infinity) > 0;
  }

  invalidate(): void {
    this.currentGeneration += 1;
    this.entries.clear();
    this.heldBytes = 0;
    this.nextExpiry = undefined;
  }

  /** Whether the moment a featured window next closes is known for this generation. */
  get expiryKnown(): boolean {
    return this.nextExpiry !== undefined;
  }

  setNextExpiry(at: number | null, generationAtStart: number): void {
    if (generationAtStart === this.currentGeneration) this.nextExpiry = at;
  }

  get(key: string): V | undefined {
    const now = this.now();
    if (this.nextExpiry != null && now >= this.nextExpiry) this.invalidate();
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (now >= entry.expiresAt) {
      this.remove(key);
      return undefined;
    }
    // Least recently used goes first: re-insert to move the key to the end.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V, generationAtStart: number): void {
    if (!this.enabled || generationAtStart !== this.currentGeneration) return;
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
    this.entries.set(key, { value, expiresAt: now + this.options.ttlMs, bytes });
    this.heldBytes += bytes;
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
  }

  /** At most once per TTL: every entry past its TTL goes (they all share one TTL, so this is rare and cheap). */
  private sweepExpired(now: number): void {
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + this.options.ttlMs;
    for (const [key, entry] of this.entries) if (now >= entry.expiresAt) this.remove(key);
  }
}
