/**
 * Keeps the turns of one conversation from running at the same time, so that two turns never
 * read the same state and then overwrite each other's answers.
 */
export interface TurnLock {
  /** Runs `turn` while holding the lock of `conversationKey`, and releases it afterwards. */
  run<T>(conversationKey: string, turn: () => Promise<T>): Promise<T>;
}

/**
 * In-process turn lock for memory mode (one instance): a promise chain per conversation.
 * @remarks The chain of a conversation is dropped as soon as its last turn ends, so idle
 * conversations cost nothing. A failing turn does not block the next one.
 */
export class MemoryTurnLock implements TurnLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(conversationKey: string, turn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(conversationKey) ?? Promise.resolve();
    const current = previous.then(turn, turn);
    const tail = current.catch(() => undefined);
    this.tails.set(conversationKey, tail);
    try {
      return await current;
    } finally {
      if (this.tails.get(conversationKey) === tail) this.tails.delete(conversationKey);
    }
  }
}
