import { createHash } from 'node:crypto';
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** Outcome of counting one message against its conversation's per-minute budget. */
export type RateDecision = 'allowed' | 'firstOverLimit' | 'overLimit';

/** Counts messages per conversation per minute; the same code in memory and Redis mode. */
export interface MessageRateLimiter {
  /** Counts one message of `conversationKey` and says whether it is within the limit. */
  take(conversationKey: string): Promise<RateDecision>;
}

const WINDOW_SECONDS = 60;

/**
 * rate-limiter-flexible behind {@link MessageRateLimiter}: Redis (shared by every instance) when a
 * client is given, else memory.
 * @remarks Conversation ids are hashed before they become Redis keys, so that "erase my data"
 * does not have to hunt for them (the counters expire after a minute anyway). When Redis does not
 * answer, an in-memory limiter takes over (`insuranceLimiter`) instead of failing the turn.
 */
export class FlexibleMessageRateLimiter implements MessageRateLimiter {
  private readonly limiter: RateLimiterAbstract;

  /**
   * @param perMinute Messages a conversation may send per minute (data file `limits`).
   * @param redis Shared counters when given.
   * @param keyPrefix Redis key prefix of the counters (e.g. `hb:ratelimit`).
   */
  constructor(
    private readonly perMinute: number,
    redis?: Redis,
    keyPrefix = 'ratelimit',
  ) {
    const memory = new RateLimiterMemory({ points: perMinute, duration: WINDOW_SECONDS, keyPrefix });
    this.limiter = redis
      ? new RateLimiterRedis({
          storeClient: redis,
          points: perMinute,
          duration: WINDOW_SECONDS,
          keyPrefix,
          rejectIfRedisNotReady: true,
          insuranceLimiter: memory,
        })
      : memory;
  }

  async take(conversationKey: string): Promise<RateDecision> {
    const key = createHash('sha256').update(conversationKey).digest('base64url').slice(0, 22);
    try {
      await this.limiter.consume(key);
      return 'allowed';
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      // Only the first refused message gets the "slow down" note: answering every one of a flood
      // would turn the bot into an amplifier.
      return rejection.consumedPoints === this.perMinute + 1 ? 'firstOverLimit' : 'overLimit';
    }
  }
}
