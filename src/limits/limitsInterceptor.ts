import { ActivityTypes, type TurnContext } from 'botbuilder';
import type Redis from 'ioredis';
import type { TurnInterceptor } from '../bot';
import type { HelplineData } from '../helplineData';
import type { Messages } from '../i18n/messages';
import { getTurnLocale } from '../i18n/turnLocale';
import type { Logger } from '../logger';
import type { RedisKeys } from '../redisKeys';
import { FlexibleMessageRateLimiter, type MessageRateLimiter } from './messageRateLimiter';

/**
 * The first interceptor of every message: per-conversation rate limit, message length and
 * attachments, each answered politely instead of silently.
 * @remarks
 * - Over the per-minute limit: the first refused message gets a friendly "slow down", later ones
 *   in the same minute are dropped without a reply; none reaches the dialogs.
 * - Too long: the text is cut to `maxMessageChars` (on code points, so no emoji is split), the
 *   user is told, and the dialogs see the cut text.
 * - Attachments: the bot cannot read them yet and says so; any text beside them is still handled.
 * Only ids and counts are logged, never the text.
 */
const RATE_DECISION = Symbol('rateDecision');

export class LimitsInterceptor implements TurnInterceptor {
  constructor(
    private readonly messages: Messages,
    private readonly limits: Pick<HelplineData['limits'], 'maxMessageChars'>,
    private readonly rateLimiter: MessageRateLimiter,
    private readonly logger?: Logger,
  ) {}

  /** Takes the rate-limit point beside the state load (one Redis round trip for both); once a turn. */
  prefetch(context: TurnContext): void {
    if (context.turnState.has(RATE_DECISION)) return;
    const decision = this.take(context);
    decision.catch(() => undefined); // awaited in intercept(); never an unhandled rejection
    context.turnState.set(RATE_DECISION, decision);
  }

  async intercept(context: TurnContext): Promise<boolean> {
    const { activity } = context;
    if (activity.type !== ActivityTypes.Message) return false;
    const conversationId = activity.conversation?.id;
    const locale = getTurnLocale(context, this.messages.defaultLocale);

    const prefetched = context.turnState.get(RATE_DECISION) as ReturnType<LimitsInterceptor['take']> | undefined;
    const decision = await (prefetched ?? this.take(context));
    if (decision !== 'allowed') {
      if (decision === 'firstOverLimit') {
        this.logger?.warn({ conversationId }, 'message rate limit reached');
        await context.sendActivity(this.messages.t(locale, 'limits.slowDown'));
      }
      return true;
    }

    const hasText = typeof activity.text === 'string' && activity.text.trim() !== '';
    if ((activity.attachments?.length ?? 0) > 0) {
      this.logger?.info({ conversationId, attachmentCount: activity.attachments?.length }, 'attachments not handled');
      await context.sendActivity(this.messages.t(locale, 'limits.attachment'));
      if (!hasText) return true;
    }

    if (hasText) {
      const text = activity.text;
      const max = this.limits.maxMessageChars;
      // Cheap check first: a string of at most `max` UTF-16 units has at most `max` code points.
      if (text.length > max) {
        const codePoints = Array.from(text);
        if (codePoints.length > max) {
          activity.text = codePoints.slice(0, max).join('');
          this.logger?.info({ conversationId, length: codePoints.length }, 'long message cut');
          await context.sendActivity(this.messages.t(locale, 'limits.tooLong', { maxChars: max }));
        }
      }
    }
    return false;
  }

  private take(context: TurnContext): ReturnType<MessageRateLimiter['take']> {
    return this.rateLimiter.take(`${context.activity.channelId}:${context.activity.conversation?.id}`);
  }
}

/** Builds the interceptor with Redis counters (shared by every instance) or memory ones. */
export function createLimitsInterceptor(deps: {
  messages: Messages;
  limits: HelplineData['limits'];
  redis?: Redis;
  keys: Pick<RedisKeys, 'all'>;
  logger?: Logger;
}): LimitsInterceptor {
  // `all()` is "<prefix>*": the counters live beside everything else of this prefix.
  const keyPrefix = `${deps.keys.all().replace(/\*$/, '')}ratelimit`;
  const limiter = new FlexibleMessageRateLimiter(deps.limits.messagesPerMinute, deps.redis, keyPrefix);
  return new LimitsInterceptor(deps.messages, deps.limits, limiter, deps.logger);
}
