import type Redis from 'ioredis';
import { conversationKey } from '../handoff/conversationKey';
import type { RedisKeys } from '../redisKeys';
import type { ErasureParticipant } from './userDataEraser';

/**
 * Erases what the hand-off keeps of one conversation in Redis: the queue item, the transcript,
 * the recent bot-chat lines and the conversation reference, and takes it off the queue.
 * @remarks Lives here rather than in handoff/ because it serves "erase my data"; it follows the
 * key layout of `RedisHandoffQueue` and `ConversationRefStore` (`handoff:<part>:<hashed id>`).
 */
export class RedisHandoffTraces implements ErasureParticipant {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Pick<RedisKeys, 'handoff'>,
  ) {}

  async erase(ownerKey: string, conversationId: string): Promise<void> {
    const channelId = ownerKey.split(':')[0] ?? '';
    const id = conversationKey({ channelId, conversation: { id: conversationId } as never });
    await this.redis
      .multi()
      .del(['item', 'transcript', 'recent', 'ref'].map((part) => this.keys.handoff(`${part}:${id}`)))
      .zrem(this.keys.handoff('queue'), id)
      .srem(this.keys.handoff('active'), id)
      .exec();
  }
}
