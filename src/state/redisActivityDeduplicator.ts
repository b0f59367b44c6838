import type Redis from 'ioredis';
import type { RedisKeys } from '../redisKeys';
import type { ActivityDeduplicator } from './activityDeduplicator';

/** Deduplicates across instances: the first SET NX wins, a retry on any instance is dropped. */
export class RedisActivityDeduplicator implements ActivityDeduplicator {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly ttlSeconds = 600,
  ) {}

  async firstTime(key: string): Promise<boolean> {
    const result = await this.redis.set(this.keys.handledActivity(key), '1', 'EX', this.ttlSeconds, 'NX');
    return result === 'OK';
  }
}
