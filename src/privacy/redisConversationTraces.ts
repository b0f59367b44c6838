import type Redis from 'ioredis';
import type { RedisKeys } from '../redisKeys';
import type { ErasureParticipant } from './userDataEraser';

/** Escapes glob characters, so a conversation id cannot widen the SCAN pattern. */
function escapeGlob(value: string): string {
  return value.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

/**
 * Erases the small keys that name a conversation: the "activity handled" markers of channel
 * retries (`seen:<channel>:<conversation>:<activity>`). They expire within minutes anyway, but
 * "erase my data" promises that nothing of the user stays.
 */
export class RedisConversationTraces implements ErasureParticipant {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Pick<RedisKeys, 'handledActivity'>,
    private readonly channelId: (ownerKey: string) => string = (ownerKey) => ownerKey.split(':')[0] ?? '',
  ) {}

  async erase(ownerKey: string, conversationId: string): Promise<void> {
    const pattern = `${escapeGlob(this.keys.handledActivity(`${this.channelId(ownerKey)}:${conversationId}:`))}*`;
    let cursor = '0';
    do {
      const [next, found] = await this.redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      if (found.length > 0) await this.redis.del(found);
      cursor = next;
    } while (cursor !== '0');
  }
}
