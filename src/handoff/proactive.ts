import type { Activity, CloudAdapter, ConversationReference } from 'botbuilder';
import { AppError } from '../errors';

/** Sends activities into a conversation outside a user's turn (staff replies, queue updates). */
export interface ProactiveSender {
  send(reference: Partial<ConversationReference>, activities: Partial<Activity>[]): Promise<void>;
}

/**
 * Proactive messages through `CloudAdapter.continueConversationAsync` with the stored reference
 * (STYLE.md rule 12). The adapter is attached after construction because the composition root
 * builds the bot (which needs the hand-off service) before the adapter.
 */
export class AdapterProactiveSender implements ProactiveSender {
  private adapter?: Pick<CloudAdapter, 'continueConversationAsync'>;

  constructor(private readonly appId: string) {}

  attach(adapter: Pick<CloudAdapter, 'continueConversationAsync'>): void {
    this.adapter = adapter;
  }

  async send(reference: Partial<ConversationReference>, activities: Partial<Activity>[]): Promise<void> {
    if (!this.adapter) throw new AppError('HANDOFF_QUEUE_UNAVAILABLE', 'AdapterProactiveSender.send(): no adapter attached');
    await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
      await context.sendActivities(activities);
    });
  }
}
