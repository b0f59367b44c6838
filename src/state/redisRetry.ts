import { isStoreUnavailable, StoreUnavailableError } from '../errors';

/**
 * Errors Redis answers while its topology changes: a demoted master (READONLY), a server loading
 * its data (LOADING), a Sentinel group or Cluster between masters (MASTERDOWN, CLUSTERDOWN), a
 * slot on the move (MOVED, ASK, TRYAGAIN). The command did not run, so it is safe to send again;
 * none of them says anything about the data of a conversation.
 */
const TOPOLOGY_ERROR = /^(READONLY|LOADING|MASTERDOWN|CLUSTERDOWN|MOVED|ASK|TRYAGAIN)\b/;

/** True for the errors of {@link TOPOLOGY_ERROR} (see there). */
export function isTopologyError(error: unknown): boolean {
  return error instanceof Error && TOPOLOGY_ERROR.test(error.message);
}

/** Bounds of {@link withRedisRetry}: at most ~1.5 s of waiting before the turn gives up. */
export interface RetryOptions {
  attempts?: number;
  firstDelayMs?: number;
  maxDelayMs?: number;
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs one Redis operation, sending it again after a topology error with a bounded back-off
 * (50, 100, 200, 400, 800 ms), because a Sentinel failover or a slot migration ends within a
 * second or two and the turn can still be answered. When the attempts run out, or Redis is
 * unreachable, the error becomes a {@link StoreUnavailableError}: the user is told to try again
 * and the conversation's state is kept (the generic error path would reset it).
 * @remarks Timeouts are not retried: a write that timed out may have run, and a turn must fail
 * fast when Redis is gone (README, data loss).
 */
export async function withRedisRetry<T>(operation: string, run: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 6;
  const maxDelayMs = options.maxDelayMs ?? 800;
  let wait = options.firstDelayMs ?? 50;
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (isTopologyError(error) && attempt < attempts) {
        await delay(wait);
        wait = Math.min(wait * 2, maxDelayMs);
        continue;
      }
      if (isTopologyError(error) || isStoreUnavailable(error)) {
        if (error instanceof StoreUnavailableError) throw error;
        throw new StoreUnavailableError(`${operation}: ${(error as Error).message}`);
      }
      throw error;
    }
  }
}
