/**
 * Remembers which activities were handled, because channels retry deliveries (a lost answer, a
 * crashed instance behind a load balancer). An activity counts as handled once its turn has
 * saved its state: the mark is written at the end of a successful turn, never at its start, so a
 * retry of a turn that died halfway runs again instead of being dropped.
 */
export interface ActivityDeduplicator {
  /** True when this activity's turn already completed (within the window). */
  wasHandled(conversationKey: string, activityId: string): Promise<boolean>;
  /**
   * Records the activity as handled, when the state write did not carry the mark already (no
   * state change). `fenceToken`: only while the turn still holds its lock (Redis).
   */
  markHandled(conversationKey: string, activityId: string, fenceToken?: string): Promise<void>;
}

/** In-memory deduplicator: bounded, entries expire after `ttlMs`. */
export class MemoryActivityDeduplicator implements ActivityDeduplicator {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly ttlMs = 10 * 60 * 1000,
    private readonly maxEntries = 50_000,
    private readonly now: () => number = Date.now,
  ) {}

  async wasHandled(conversationKey: string, activityId: string): Promise<boolean> {
    const expires = this.seen.get(`${conversationKey}\n${activityId}`);
    return expires !== undefined && expires > this.now();
  }

  async markHandled(conversationKey: string, activityId: string): Promise<void> {
    const key = `${conversationKey}\n${activityId}`;
    this.seen.delete(key);
    this.seen.set(key, this.now() + this.ttlMs);
    if (this.seen.size > this.maxEntries) {
      // Maps iterate in insertion order: the first key is the oldest.
      const oldest = this.seen.keys().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
  }
}
