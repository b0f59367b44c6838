import { TurnContext } from 'botbuilder';
import type { CaseOrigin } from '../../src/cases/caseService';
import { ownerKeyOf } from '../../src/forms/formServices';
import type { Messages } from '../../src/i18n/messages';
import { getTurnLocale } from '../../src/i18n/turnLocale';

/**
 * Who submits a case: the owner (for "status"), the language and channel, and the conversation
 * reference staff need to message the user later.
 */
export function caseOriginOf(context: TurnContext, messages: Pick<Messages, 'defaultLocale'>): CaseOrigin {
  const { activity } = context;
  return {
    ownerKey: ownerKeyOf(context),
    conversationId: activity.conversation?.id ?? 'unknown',
    channelId: activity.channelId,
    locale: getTurnLocale(context, messages.defaultLocale),
    conversationRef: JSON.parse(JSON.stringify(TurnContext.getConversationReference(activity))) as Record<string, unknown>,
  };
}
