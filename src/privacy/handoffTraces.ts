import { conversationKey } from '../handoff/conversationKey';
import type { ConversationRefStore } from '../handoff/conversationRefStore';
import type { HandoffQueue } from '../handoff/handoffQueue';
import type { ErasureParticipant } from './userDataEraser';

/**
 * Erases what the hand-off keeps of one conversation — queue item, transcript, recent lines and
 * conversation reference — in memory mode and on Redis alike ("erase my data").
 */
export class HandoffTraces implements ErasureParticipant {
  constructor(
    private readonly queue: Pick<HandoffQueue, 'forget'>,
    private readonly refs: Pick<ConversationRefStore, 'forget'>,
  ) {}

  async erase(ownerKey: string, conversationId: string): Promise<void> {
    const channelId = ownerKey.split(':')[0] ?? '';
    const id = conversationKey({ channelId, conversation: { id: conversationId } as never });
    await Promise.all([this.queue.forget(id), this.refs.forget(id)]);
  }
}
