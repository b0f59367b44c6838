import type Redis from 'ioredis';
import type { RedisKeys } from '../redisKeys';
import { ANONYMOUS_RECORD_SCHEMAS, type AnonymousKind, type AnonymousRecordOf } from './anonymousRecord';
import type { AnonymousRecordStore } from './anonymousRecordStore';

/**
 * Anonymous records in Redis: one list of JSON documents per kind (`RedisKeys.anonymous(kind)`).
 * No TTL: the records hold no personal data. Every read is parsed with the kind's schema.
 */
export class RedisAnonymousRecordStore implements AnonymousRecordStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async append<K extends AnonymousKind>(kind: K, record: AnonymousRecordOf<K>): Promise<void> {
    const valid = ANONYMOUS_RECORD_SCHEMAS[kind].parse(record);
    await this.redis.rpush(this.keys.anonymous(kind), JSON.stringify(valid));
  }

  async list<K extends AnonymousKind>(kind: K): Promise<AnonymousRecordOf<K>[]> {
    const values = await this.redis.lrange(this.keys.anonymous(kind), 0, -1);
    const out: AnonymousRecordOf<K>[] = [];
    for (const value of values) {
      const parsed = ANONYMOUS_RECORD_SCHEMAS[kind].safeParse(safeJson(value));
      if (parsed.success) out.push(parsed.data as AnonymousRecordOf<K>);
    }
    return out;
  }
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}
