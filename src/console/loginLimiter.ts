import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** Wrong passwords allowed per username and address within the window. */
const POINTS = 5;
const WINDOW_SECONDS = 15 * 60;

/**
 * Throttles wrong passwords per username + client address (rate-limiter-flexible): in Redis when
 * a client is given, so all instances count together; else in memory.
 */
export class LoginLimiter {
  private readonly limiter: RateLimiterAbstract;

  /** @param storeClient an ioredis client (typed loosely so this module does not import ioredis). */
  constructor(storeClient: object | undefined, keyPrefix: string) {
    const options = { points: POINTS, duration: WINDOW_SECONDS, keyPrefix };
    this.limiter = storeClient ? new RateLimiterRedis({ ...options, storeClient }) : new RateLimiterMemory(options);
  }

  /** Seconds to wait when this key used up its attempts, else 0. */
  async blockedFor(key: string): Promise<number> {
    const state = await this.limiter.get(key);
    return state && state.consumedPoints >= POINTS ? Math.ceil(state.msBeforeNext / 1000) : 0;
  }

  async failed(key: string): Promise<void> {
    await this.limiter.consume(key).catch(() => undefined); // a rejection only means "now blocked"
  }

  async succeeded(key: string): Promise<void> {
    await this.limiter.delete(key);
  }
}
