import {
  ActivityTypes,
  CloudAdapter,
  type Activity,
  type InvokeResponse,
  ConfigurationBotFrameworkAuthentication,
  type BotState,
  type TurnContext,
} from 'botbuilder';
import { DialogContextError } from 'botbuilder-dialogs';
import { CachingBotFrameworkAuthentication } from './cachingBotAuthentication';
import type { Config } from './config';
import { isStoreUnavailable } from './errors';
import type { Messages } from './i18n/messages';
import { getTurnLocale } from './i18n/turnLocale';
import type { Logger } from './logger';
import type { ReplySenderOptions } from './replySender';

/** The CloudAdapter with a public entry for a request whose body the server has checked already (src/activityRequest.ts). */
export class HelplineAdapter extends CloudAdapter {
  /**
   * The SDK's `processActivity` (protected in its typings): authenticates, runs `logic` and
   * returns the invoke response, if any; a refused token throws an AuthenticationError.
   */
  runActivity(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

/**
 * Builds the CloudAdapter. Without `MicrosoftAppId` it runs in local mode (Emulator, tests, the
 * browser page): activities are accepted without a token. With it, every request must carry a
 * valid Bot Framework token.
 */
export function createAdapter(
  config: Pick<Config, 'MicrosoftAppId' | 'MicrosoftAppPassword' | 'MicrosoftAppType' | 'MicrosoftAppTenantId'>,
  logger: Logger,
  messages: Messages,
  conversationState: BotState,
  replies?: ReplySenderOptions,
): HelplineAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppType ?? 'MultiTenant',
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
  });
  const adapter = new HelplineAdapter(new CachingBotFrameworkAuthentication(auth, replies));
  adapter.onTurnError = (context, error) => onTurnError(context, error, logger, messages, conversationState);
  return adapter;
}

/**
 * One turn failed: log it (conversation id, error, dialog stack — never the message), tell the
 * user briefly in their language, and reset the dialog unless the store itself is down (then the
 * half-filled form is kept for when it is back).
 */
export async function onTurnError(
  context: TurnContext,
  error: Error,
  logger: Logger,
  messages: Messages,
  conversationState: BotState,
): Promise<void> {
  const storeDown = isStoreUnavailable(error);
  logger.error(
    {
      conversationId: context.activity.conversation?.id,
      err: { name: error.name, message: error.message, stack: error.stack },
      dialogStack: error instanceof DialogContextError ? error.dialogContext.stack.map((d) => d.id) : undefined,
      storeDown,
    },
    'turn failed',
  );
  try {
    await context.sendTraceActivity('OnTurnError Trace', error.name, 'https://www.botframework.com/schemas/error', 'TurnError');
    if (context.activity.type === ActivityTypes.Message) {
      const locale = getTurnLocale(context, messages.defaultLocale);
      await context.sendActivity(messages.t(locale, storeDown ? 'errors.storeDown' : 'errors.generic'));
    }
    if (!storeDown) await conversationState.delete(context);
  } catch (secondary) {
    logger.error({ conversationId: context.activity.conversation?.id, err: (secondary as Error).message }, 'turn error handler failed');
  }
}
