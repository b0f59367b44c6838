import type { TranscriptEntry } from './handoffQueue';

/**
 * The chat lines of the current turn, kept in memory until the turn ends (then written beside
 * the state save) or until a hand-off in this turn takes them along.
 */
const PENDING_RECENT = Symbol('pendingRecentLines');

interface HasTurnState {
  turnState: Map<unknown, unknown>;
}

/** Starts collecting this turn's lines; returns the list to push to. */
export function startPendingRecent(context: HasTurnState): TranscriptEntry[] {
  const lines: TranscriptEntry[] = [];
  context.turnState.set(PENDING_RECENT, lines);
  return lines;
}

/** True while `lines` was not taken by a hand-off (so the end of the turn must still write them). */
export function stillPending(context: HasTurnState, lines: TranscriptEntry[]): boolean {
  return context.turnState.get(PENDING_RECENT) === lines;
}

/** The lines of this turn not yet written; afterwards the end-of-turn write skips them. */
export function takePendingRecent(context: HasTurnState): TranscriptEntry[] {
  const lines = (context.turnState.get(PENDING_RECENT) as TranscriptEntry[] | undefined) ?? [];
  context.turnState.delete(PENDING_RECENT);
  return lines;
}
