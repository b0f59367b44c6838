/**
 * Keeps the turns of one conversation from running at the same time, so that two turns never
 * read the same state and then overwrite each other's answers.
 */
export interface TurnLock {
  /**
   * Runs `turn` while holding the lock of `conversationKey`, and releases it afterwards.
   *
   * @param startReads Called once the lock is requested and before it is confirmed, so that the
   *   turn's reads share the lock's round trip. `turn` is told whether those reads can be trusted:
   *   true when they were sent after the lock was taken; false when the lock came later, and the
   *   turn must read again. It is also given the lock's fencing token (Redis), which its state
   *   write must present (src/state/turnGuard.ts).
   * @throws TurnLockTimeoutError when the lock cannot be had in time: the turn never runs unlocked.
   */
  run<T>(conversationKey: string, turn: (readsAreFresh: boolean, fenceToken?: string) => Promise<T>, startReads?: () => void): Promise<T>;
}

/**
 * In-process turn lock for memory mode (one instance): a promise chain per conversation.
 * @remarks The chain of a conversation is dropped as soon as its last turn ends, so idle
 * conversations cost nothing. A failing turn does not block the next one. The reads start when
 * the turn's place in the chain comes, so they are always fresh.
 */
export class MemoryTurnLock implements TurnLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(conversationKey: string, turn: (readsAreFresh: boolean, fenceToken?: string) => Promise<T>, startReads?: () => void): Promise<T> {
    const previous = this.tails.get(conversationKey) ?? Promise.resolve();
    const start = (): Promise<T> => {
      startReads?.();
      return turn(true);
    };
    const current = previous.then(start, start);
    const tail = current.catch(() => undefined);
    this.tails.set(conversationKey, tail);
    try {
      return await current;
    } finally {
      if (this.tails.get(conversationKey) === tail) this.tails.delete(conversationKey);
    }
  }
}
