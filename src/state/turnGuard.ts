import { StoreUnavailableError } from '../errors';

/**
 * What the end-of-turn write of a conversation's state must check and record, so that a turn
 * counts once: the fencing token of the turn lock it holds (a turn whose lock expired and was
 * taken by another must not write), and the activity it handled (a channel's retry of it is then
 * dropped; before the write, a retry after a crash is handled again, as it should be).
 */
export interface TurnGuard {
  /** `<channel>:<conversation id>`, as the turn lock's key. */
  conversationKey: string;
  /** The lock holder's token; none in memory mode (one instance, an in-process lock). */
  fenceToken?: string;
  /** The activity to record as handled; none when the activity has no id. */
  activityId?: string;
  /** Set by the storage once the mark went out with the state, so the turn does not send it again. */
  recorded?: boolean;
}

const GUARD = Symbol('turnGuard');

interface HasTurnState {
  turnState: Map<unknown, unknown>;
}

export function setTurnGuard(context: HasTurnState, guard: TurnGuard): void {
  context.turnState.set(GUARD, guard);
}

export function getTurnGuard(context: HasTurnState): TurnGuard | undefined {
  return context.turnState.get(GUARD) as TurnGuard | undefined;
}

/**
 * A storage that writes one state document by compare-and-set against the eTag it was read with,
 * together with the turn's guard (one atomic step), and returns the new eTag.
 */
export interface GuardedStorage {
  writeGuarded(storageKey: string, item: Record<string, unknown>, guard?: TurnGuard): Promise<string>;
}

export function isGuardedStorage(storage: object): storage is GuardedStorage {
  return typeof (storage as Partial<GuardedStorage>).writeGuarded === 'function';
}

/**
 * The turn lost its lock before it wrote (it ran longer than the lock's TTL and another turn took
 * over): its state is not written. A StoreUnavailableError, so the user is asked to try again and
 * the state the other turn wrote is kept, never reset.
 */
export class FencingTokenLostError extends StoreUnavailableError {
  constructor(conversationKey: string) {
    super('turn lock lost before the state write', { conversationKey });
    this.name = 'FencingTokenLostError';
  }
}

/** The turn lock could not be had in time: the turn does not run (it never runs unlocked). */
export class TurnLockTimeoutError extends StoreUnavailableError {
  constructor(lockKey: string) {
    super('turn lock not obtained in time', { lockKey });
    this.name = 'TurnLockTimeoutError';
  }
}
