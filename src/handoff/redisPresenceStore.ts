import type Redis from 'ioredis';
import type { RedisKeys } from '../redisKeys';
import { PresenceRecordSchema, type PresenceRecord, type PresenceStore } from './presenceStore';

/** Presence in one Redis hash (username → record), shared by every instance; no personal data. */
export class RedisPresenceStore implements PresenceStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async set(username: string, record: PresenceRecord): Promise<void> {
    await this.redis.hset(this.keys.console('presence'), username, JSON.stringify(record));
  }

  async all(): Promise<Record<string, PresenceRecord>> {
    const raw = await this.redis.hgetall(this.keys.console('presence'));
    const out: Record<string, PresenceRecord> = {};
    for (const [username, value] of Object.entries(raw)) {
      const parsed = PresenceRecordSchema.safeParse(JSON.parse(value));
      if (parsed.success) out[username] = parsed.data;
    }
    return out;
  }
}
