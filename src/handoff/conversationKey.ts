import { createHash } from 'node:crypto';
import type { Activity } from 'botbuilder';

/**
 * The hand-off id of a conversation: a hash of channel and conversation id. URL-safe for the
 * staff API, stable across instances, and it does not show the channel's own ids to staff.
 */
export function conversationKey(activity: Pick<Activity, 'channelId' | 'conversation'>): string {
  return createHash('sha256')
    .update(`${activity.channelId}:${activity.conversation?.id ?? ''}`)
    .digest('base64url')
    .slice(0, 22);
}
