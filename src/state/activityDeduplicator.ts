/** Remembers which activity ids were handled, because channels retry deliveries. */
export interface ActivityDeduplicator {
  /** True the first time a key is seen within the window; false for a retry. */
  firstTime(key: string): Promise<boolean>;
}

/** In-memory deduplicator: bounded, entries expire after `ttlMs`. */
export class MemoryActivityDeduplicator implements ActivityDeduplicator {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly ttlMs = 10 * 60 * 1000,
    private readonly maxEntries = 50_000,
    private readonly now: () => number = Date.now,
  ) {}

  async firstTime(key: string): Promise<boolean> {
    const now = this.now();
    const expires = this.seen.get(key);
    if (expires !== undefined && expires > now) return false;
    this.seen.set(key, now + this.ttlMs);
    if (this.seen.size > this.maxEntries) {
      // Maps iterate in insertion order: the first key is the oldest.
      const oldest = this.seen.keys().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    return true;
  }
}
