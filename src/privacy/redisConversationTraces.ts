import type Redis from 'ioredis';
import type { RedisKeys } from '../redisKeys';
import { withRedisRetry } from '../state/redisRetry';
import type { ErasureParticipant } from './userDataEraser';

/**
 * Erases the small keys that name a conversation: its "activity handled" marks of channel
 * retries and its turn lock. They expire within minutes anyway, but "erase my data" promises
 * that nothing of the user stays. Both are keys named by the conversation (no SCAN).
 */
export class RedisConversationTraces implements ErasureParticipant {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Pick<RedisKeys, 'handledActivities'>,
    private readonly channelId: (ownerKey: string) => string = (ownerKey) => ownerKey.split(':')[0] ?? '',
  ) {}

  async erase(ownerKey: string, conversationId: string): Promise<void> {
    const key = this.keys.handledActivities(`${this.channelId(ownerKey)}:${conversationId}`);
    await withRedisRetry('erase traces', () => this.redis.del(key));
  }
}
