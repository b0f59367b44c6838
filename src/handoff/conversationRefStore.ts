import type { ConversationReference } from 'botbuilder';
import type Redis from 'ioredis';
import { z } from 'zod';
import type { RedisKeys } from '../redisKeys';

/**
 * What a proactive message needs: the channel, its service URL and the conversation. Parsed on
 * every read; other fields of the SDK's reference are kept as they were.
 */
const ConversationReferenceSchema = z
  .object({
    channelId: z.string(),
    serviceUrl: z.string(),
    conversation: z.object({ id: z.string() }).passthrough(),
  })
  .passthrough();

/**
 * Stores each handed-off conversation's `ConversationReference`, so that any instance can send a
 * staff member's message with `continueConversationAsync` (STYLE.md rule 12).
 */
export interface ConversationRefStore {
  save(id: string, reference: Partial<ConversationReference>): Promise<void>;
  get(id: string): Promise<Partial<ConversationReference> | undefined>;
  forget(id: string): Promise<void>;
}

/** The embedded store: a Map, gone when the process stops. */
export class MemoryConversationRefStore implements ConversationRefStore {
  private readonly refs = new Map<string, Partial<ConversationReference>>();

  async save(id: string, reference: Partial<ConversationReference>): Promise<void> {
    this.refs.set(id, structuredClone(reference));
  }

  async forget(id: string): Promise<void> {
    this.refs.delete(id);
  }

  async get(id: string): Promise<Partial<ConversationReference> | undefined> {
    const ref = this.refs.get(id);
    return ref ? structuredClone(ref) : undefined;
  }
}

/** References on Redis, one key each, expiring with the transcript (they name the user). */
export class RedisConversationRefStore implements ConversationRefStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly ttlSeconds: number,
  ) {}

  async save(id: string, reference: Partial<ConversationReference>): Promise<void> {
    await this.redis.set(this.keys.handoff(`ref:${id}`), JSON.stringify(reference), 'EX', this.ttlSeconds);
  }

  async forget(id: string): Promise<void> {
    await this.redis.del(this.keys.handoff(`ref:${id}`));
  }

  async get(id: string): Promise<Partial<ConversationReference> | undefined> {
    const raw = await this.redis.get(this.keys.handoff(`ref:${id}`));
    if (!raw) return undefined;
    return ConversationReferenceSchema.parse(JSON.parse(raw)) as unknown as Partial<ConversationReference>;
  }
}
