import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import type { RedisKeys } from '../redisKeys';
import { defineScript } from './redisScript';

/** Runs a periodic job on one instance at a time (retention), whatever the number of instances. */
export interface JobLock {
  /** Runs `job` when no other instance runs it; returns undefined (without running) otherwise. */
  runAlone<T>(job: string, ttlMs: number, run: () => Promise<T>): Promise<T | undefined>;
}

const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;
type ReleaseCommand = (key: string, token: string) => Promise<number>;

/**
 * {@link JobLock} on Redis: `SET NX PX` with a token, released by compare-and-delete. The TTL
 * bounds how long a crashed instance keeps the job from running elsewhere.
 */
export class RedisJobLock implements JobLock {
  private readonly release: ReleaseCommand;

  constructor(
    private readonly redis: Redis,
    private readonly keys: Pick<RedisKeys, 'jobLock'>,
  ) {
    this.release = defineScript<ReleaseCommand>(redis, 'hbJobUnlock', RELEASE_SCRIPT, 1);
  }

  async runAlone<T>(job: string, ttlMs: number, run: () => Promise<T>): Promise<T | undefined> {
    const key = this.keys.jobLock(job);
    const token = randomUUID();
    if ((await this.redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK') return undefined;
    try {
      return await run();
    } finally {
      await this.release(key, token).catch(() => undefined);
    }
  }
}
