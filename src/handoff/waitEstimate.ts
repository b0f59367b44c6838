/** Fewer recent waits than this and the bot gives no time estimate (it would be a guess). */
export const MIN_WAIT_SAMPLES = 3;

/** What a waiting user was told, or is about to be told. */
export interface PlaceInQueue {
  /** People ahead; 0 = "you are next". */
  ahead: number;
  /** Rough wait in minutes, or null while there is too little history. */
  etaMinutes: number | null;
}

/**
 * Rough wait: the moving average of the last waits (time from queued to taken), times the number
 * of people to be served before and including this one, rounded up to whole minutes (at least 1).
 */
export function estimateMinutes(ahead: number, recentWaitsMs: readonly number[]): number | null {
  if (recentWaitsMs.length < MIN_WAIT_SAMPLES) return null;
  const average = recentWaitsMs.reduce((sum, ms) => sum + ms, 0) / recentWaitsMs.length;
  return Math.max(1, Math.ceil((average * (ahead + 1)) / 60_000));
}

/**
 * Whether the change is worth a message. Users are told when they become next, when the
 * estimate moves by at least 5 minutes and a quarter, or (without an estimate) when the number
 * ahead drops by a third or more — not on every single move of the queue.
 */
export function shouldRefresh(last: PlaceInQueue | null | undefined, now: PlaceInQueue): boolean {
  if (!last) return true;
  if (now.ahead === 0) return last.ahead !== 0;
  if (now.etaMinutes !== null && last.etaMinutes !== null) {
    const change = Math.abs(now.etaMinutes - last.etaMinutes);
    return change >= 5 && change >= last.etaMinutes / 4;
  }
  if (now.etaMinutes !== null && last.etaMinutes === null) return true;
  return last.ahead - now.ahead >= Math.max(2, Math.ceil(last.ahead / 3));
}
