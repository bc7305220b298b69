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
 */
export class FeedCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();
  private currentGeneration = 0;
  /** The next featuredUntil still in the future: undefined until looked up in this generation, null when there is none. */
  private nextExpiry: number | null | undefined = undefined;

  constructor(
    private readonly options: { maxEntries: number; ttlMs: number },
    private readonly now: () => number = Date.now,
  ) {}

  get generation(): number {
    return this.currentGeneration;
  }

  get enabled(): boolean {
    return this.options.ttlMs > 0 && this.options.maxEntries > 0;
  }

  invalidate(): void {
    this.currentGeneration += 1;
    this.entries.clear();
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
      this.entries.delete(key);
      return undefined;
    }
    // Least recently used goes first: re-insert to move the key to the end.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V, generationAtStart: number): void {
    if (!this.enabled || generationAtStart !== this.currentGeneration) return;
    if (this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { value, expiresAt: this.now() + this.options.ttlMs });
  }

  get size(): number {
    return this.entries.size;
  }
}
