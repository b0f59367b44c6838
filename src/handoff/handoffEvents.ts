import { EventEmitter } from 'node:events';
import { z } from 'zod';
import { TranscriptEntrySchema } from './handoffQueue';
import { HANDOFF_STATES } from './handoffState';

/**
 * What consoles hear about, live: a conversation changed (queued, taken, handed back…), a new
 * transcript line, or presence changed. Parsed with this schema when it comes back from Redis.
 */
export const DeskEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('changed'),
    id: z.string(),
    state: z.enum(HANDOFF_STATES),
    reason: z.string(),
    assignee: z.string().optional(),
    team: z.string().optional(),
    priority: z.string().optional(),
  }),
  z.object({ type: z.literal('message'), id: z.string(), entry: TranscriptEntrySchema }),
  z.object({ type: z.literal('presence') }),
]);
export type DeskEvent = z.infer<typeof DeskEventSchema>;

export type DeskListener = (event: DeskEvent) => void;

/**
 * Live events between instances. They are only a nudge: the transcript and the queue in the
 * store are the truth, and a console that reconnects reloads them, so an event missed while an
 * instance was down loses nothing.
 */
export interface HandoffEvents {
  publish(event: DeskEvent): Promise<void>;
  /** Returns the function that unsubscribes. */
  subscribe(listener: DeskListener): () => void;
  /** Resolves once events published from now on reach the listeners (after SUBSCRIBE on Redis). */
  ready(): Promise<void>;
}

/** One process: an EventEmitter. */
export class MemoryHandoffEvents implements HandoffEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(event: DeskEvent): Promise<void> {
    this.emitter.emit('event', event);
  }

  subscribe(listener: DeskListener): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  async ready(): Promise<void> {}
}
