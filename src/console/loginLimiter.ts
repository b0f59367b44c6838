import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** Limits of {@link LoginLimiter}; each has a default. */
export interface LoginLimits {
  /** Wrong passwords for one username (from any address) before the account locks. */
  failuresPerUser?: number;
  /** Wrong passwords from one address (any usernames) before that address must wait. */
  failuresPerIp?: number;
  windowSeconds?: number;
  /** How long a locked account refuses every attempt after a wrong one; then a right password opens it. */
  lockDelaySeconds?: number;
}

/** Whether a login may go ahead, and if not how long to wait. */
export type LoginGate = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Throttles wrong passwords per username from any address and per address over any usernames
 * (rate-limiter-flexible): in Redis when a client is given, so all instances count together;
 * else in memory.
 *
 * @remarks
 * Issue 20: keyed on username + address, spraying across usernames (or addresses) was unlimited
 * and five wrong tries locked a real user out for 15 minutes. Now an address that fails too
 * often waits; a username that fails too often is locked, but only for a short delay after
 * each wrong try: its owner gets in with the right password once the delay has passed, while
 * a guesser gets one try per delay.
 */
export class LoginLimiter {
  private readonly perUser: RateLimiterAbstract;
  private readonly perIp: RateLimiterAbstract;
  private readonly locked: RateLimiterAbstract;
  private readonly failuresPerUser: number;
  private readonly failuresPerIp: number;
  private readonly lockDelaySeconds: number;

  /** @param storeClient an ioredis client (typed loosely so this module does not import ioredis). */
  constructor(storeClient: object | undefined, keyPrefix: string, limits: LoginLimits = {}) {
    this.failuresPerUser = limits.failuresPerUser ?? 5;
    this.failuresPerIp = limits.failuresPerIp ?? 20;
    this.lockDelaySeconds = limits.lockDelaySeconds ?? 30;
    const duration = limits.windowSeconds ?? 15 * 60;
    const make = (prefix: string, points: number, seconds: number): RateLimiterAbstract => {
      const options = { points, duration: seconds, keyPrefix: `${keyPrefix}:${prefix}` };
      return storeClient ? new RateLimiterRedis({ ...options, storeClient }) : new RateLimiterMemory(options);
    };
    this.perUser = make('user', this.failuresPerUser, duration);
    this.perIp = make('ip', this.failuresPerIp, duration);
    this.locked = make('lock', 1, this.lockDelaySeconds);
  }

  /** Asked before the password is checked, the same way for known and unknown usernames. */
  async gate(username: string, ip: string): Promise<LoginGate> {
    const [byIp, lock] = await Promise.all([this.perIp.get(ip), this.locked.get(username)]);
    if (byIp && byIp.consumedPoints >= this.failuresPerIp) return { allowed: false, retryAfterSeconds: seconds(byIp.msBeforeNext) };
    if (lock && lock.consumedPoints >= 1) return { allowed: false, retryAfterSeconds: seconds(lock.msBeforeNext) };
    return { allowed: true };
  }

  async failed(username: string, ip: string): Promise<void> {
    // A rejection only means "now over the limit".
    await this.perIp.consume(ip).catch(() => undefined);
    const byUser = await this.perUser.consume(username).catch((res: { consumedPoints?: number }) => res);
    if ((byUser.consumedPoints ?? 0) >= this.failuresPerUser) await this.locked.block(username, this.lockDelaySeconds);
  }

  async succeeded(username: string): Promise<void> {
    await Promise.all([this.perUser.delete(username), this.locked.delete(username)]);
  }
}

const seconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));
