import { StoreUnavailableError } from '../errors';

/**
 * A conversation's state changed between the turn's read and its write (compare-and-set lost):
 * the turn is run again from a fresh read when it has not answered yet (src/bot.ts), else the
 * user is asked to try again. A StoreUnavailableError, so the error path keeps the state (the
 * generic path resets it, and the state here is someone else's newer write).
 */
export class StateConflictError extends StoreUnavailableError {
  constructor(storageKey: string) {
    super('state changed since it was read', { storageKey });
    this.name = 'StateConflictError';
  }
}
