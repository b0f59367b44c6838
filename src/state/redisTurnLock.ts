import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import type { Logger } from '../logger';
import type { RedisKeys } from '../redisKeys';
import { defineScript } from './redisScript';
import { withRedisRetry } from './redisRetry';
import { TurnLockTimeoutError } from './turnGuard';
import { MemoryTurnLock, type TurnLock } from './turnLock';

/** Options of {@link RedisTurnLock}; the defaults suit chat turns. */
export interface RedisTurnLockOptions {
  /** The lock expires by itself after this long, so a crashed instance never blocks a user. */
  ttlMs?: number;
  /** How long a turn waits for the lock before it fails (it never runs without it). */
  waitMs?: number;
  /** Pause between two attempts. */
  retryMs?: number;
  logger?: Pick<Logger, 'warn'>;
}

/** Deletes the lock only when it still holds our token (it may have expired and been re-taken). */
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;
const RELEASE_COMMAND = 'hbTurnUnlock';
type ReleaseCommand = (key: string, token: string) => Promise<number>;

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Per-conversation turn lock shared by every instance on one Redis: `SET key token NX PX ttl`,
 * released with a compare-and-delete script. The token is the fencing token: the turn's state
 * write presents it and is refused when the lock is no longer its own (it ran past the TTL and
 * another turn took over), so two turns can never both write.
 * @remarks
 * - A turn that cannot get the lock within `waitMs` fails with {@link TurnLockTimeoutError} (the
 *   user is asked to try again, the state is kept): running unlocked let concurrent turns
 *   overwrite each other.
 * - When Redis is down the error is passed on, so the turn fails at once with the "technical
 *   problem" reply instead of waiting for the lock first. Failover errors are retried.
 */
export class RedisTurnLock implements TurnLock {
  private readonly ttlMs: number;
  private readonly waitMs: number;
  private readonly retryMs: number;
  private readonly release: ReleaseCommand;
  private readonly local = new MemoryTurnLock();

  constructor(
    private readonly redis: Redis,
    private readonly keys: Pick<RedisKeys, 'turnLock'>,
    private readonly options: RedisTurnLockOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 15_000;
    this.waitMs = options.waitMs ?? 8_000;
    this.retryMs = options.retryMs ?? 25;
    this.release = defineScript<ReleaseCommand>(redis, RELEASE_COMMAND, RELEASE_SCRIPT, 1);
  }

  async run<T>(conversationKey: string, turn: (readsAreFresh: boolean, fenceToken?: string) => Promise<T>, startReads?: () => void): Promise<T> {
    // Turns of one conversation on this instance queue up in memory first: the next one starts
    // the moment the previous one ends, instead of polling Redis until the lock is free.
    return this.local.run(conversationKey, async () => {
      const key = this.keys.turnLock(conversationKey);
      const token = randomUUID();
      const firstAttempt = this.trySet(key, token);
      // Sent on the same connection right behind the SET NX, so Redis runs them after it: when
      // that SET wins, these reads saw the state as the previous holder left it (its writes went
      // out before its release), and the turn needs no second round trip to start.
      startReads?.();
      const lockedAtOnce = await firstAttempt;
      if (!lockedAtOnce) await this.acquire(key, token);
      try {
        return await turn(lockedAtOnce, token);
      } finally {
        // Not awaited: the release is sent now, so on this connection it reaches Redis before
        // the next turn's SET NX; waiting for its reply would only add a round trip. A failed
        // release only delays the next turn until the TTL: never fail the turn for it.
        this.release(key, token).catch(() => undefined);
      }
    });
  }

  /** One attempt; errors (Redis down) propagate on purpose: see the class remarks. */
  private async trySet(key: string, token: string): Promise<boolean> {
    return (await withRedisRetry('turnLock', () => this.redis.set(key, token, 'PX', this.ttlMs, 'NX'))) === 'OK';
  }

  /** Retries after a lost first attempt until the lock is taken; throws when the wait runs out. */
  private async acquire(key: string, token: string): Promise<void> {
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      if (Date.now() + this.retryMs > deadline) {
        this.options.logger?.warn({ lockKey: key }, 'turn lock not obtained in time; the turn does not run');
        throw new TurnLockTimeoutError(key);
      }
      await delay(this.retryMs);
      if (await this.trySet(key, token)) return;
    }
  }
}
