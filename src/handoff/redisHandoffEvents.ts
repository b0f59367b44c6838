import type { Cluster, default as Redis } from 'ioredis';
import type { Logger } from '../logger';
import type { RedisKeys } from '../redisKeys';
import { DeskEventSchema, type DeskEvent, type DeskListener, type HandoffEvents } from './handoffEvents';

/**
 * Live events over Redis pub/sub.
 * @remarks Pub/sub, not streams: an event is only a nudge for open consoles (the transcript list
 * and the queue are the durable record, and consoles reload them on every reconnect), so
 * at-most-once delivery is enough and nothing needs trimming. The subscriber is a `duplicate()`
 * of the main client (a subscribed connection can do nothing else, and the main client's 2 s
 * command timeout is wrong for it); it is opened with the first listener and closed with the
 * last, so instances without consoles hold no extra connection.
 */
export class RedisHandoffEvents implements HandoffEvents {
  private readonly listeners = new Set<DeskListener>();
  private subscriber?: Redis;
  private subscribed: Promise<void> = Promise.resolve();

  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly logger: Logger,
  ) {}

  private get channel(): string {
    return this.keys.handoff('events');
  }

  async publish(event: DeskEvent): Promise<void> {
    await this.redis.publish(this.channel, JSON.stringify(event));
  }

  subscribe(listener: DeskListener): () => void {
    this.listeners.add(listener);
    if (!this.subscriber) this.open();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.subscriber) {
        const sub = this.subscriber;
        this.subscriber = undefined;
        sub.quit().catch(() => sub.disconnect());
      }
    };
  }

  private open(): void {
    // A Cluster's duplicate() takes its seed nodes first, and node options under redisOptions.
    const sub = this.redis.isCluster
      ? ((this.redis as unknown as Cluster).duplicate([], { redisOptions: { commandTimeout: undefined, maxRetriesPerRequest: null } }) as unknown as Redis)
      : this.redis.duplicate({ commandTimeout: undefined, maxRetriesPerRequest: null });
    this.subscriber = sub;
    sub.on('error', () => undefined); // reconnection is ioredis's job; it resubscribes by itself
    sub.on('message', (_channel: string, raw: string) => {
      let event: DeskEvent;
      try {
        event = DeskEventSchema.parse(JSON.parse(raw));
      } catch {
        this.logger.warn({}, 'ignored a malformed hand-off event');
        return;
      }
      for (const listener of this.listeners) listener(event);
    });
    this.subscribed = sub.subscribe(this.channel).then(
      () => undefined,
      (error: Error) => this.logger.warn({ err: error.message }, 'subscribe failed'),
    );
  }

  ready(): Promise<void> {
    return this.subscribed;
  }
}
