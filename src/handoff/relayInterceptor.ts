import { ActivityTypes, type TurnContext } from 'botbuilder';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { TurnInterceptor } from '../bot';
import type { Clock } from '../clock';
import type { HelplineData } from '../helplineData';
import type { Messages } from '../i18n/messages';
import { getTurnLocale } from '../i18n/turnLocale';
import { conversationKey } from './conversationKey';
import type { HandoffEvents } from './handoffEvents';
import type { HandoffQueue, ItemFields, QueueItem, TranscriptEntry } from './handoffQueue';
import { HANDED_OFF_THIS_TURN, type HandoffService } from './handoffService';
import { atTurnEnd } from '../turnEnd';
import { startPendingRecent, stillPending } from './pendingRecent';
import type { OpeningHoursCalendar } from './openingHours';

export interface RelayInterceptorDeps {
  queue: HandoffQueue;
  events: HandoffEvents;
  service: HandoffService;
  messages: Messages;
  clock: Clock;
  data: Pick<HelplineData, 'helpline'>;
  hours: Pick<OpeningHoursCalendar, 'summary'>;
}

const PREFETCHED_ITEM = Symbol('prefetchedQueueItem');

/** After three unusable phone numbers the bot stops asking and gives the contact details. */
const MAX_INVALID_PHONES = 3;

/**
 * Runs before the dialogs on every message (after the crisis check). While a person has the
 * conversation (waiting, call-back, with staff) it relays: the message goes to the transcript and
 * to the consoles, and the dialogs do not run. "stop" leaves the queue. With the bot it keeps a
 * short record of the chat for staff, finishes a call-back request, and takes the answer to the
 * satisfaction question; otherwise it lets the dialogs have the message.
 */
export class RelayInterceptor implements TurnInterceptor {
  constructor(private readonly deps: RelayInterceptorDeps) {}

  /** Reads the conversation's queue item beside the state load (one Redis round trip for both). */
  prefetch(context: TurnContext): void {
    const item = this.deps.queue.get(conversationKey(context.activity));
    item.catch(() => undefined); // awaited in intercept(); never an unhandled rejection
    context.turnState.set(PREFETCHED_ITEM, item);
  }

  async intercept(context: TurnContext): Promise<boolean> {
    if (context.activity.type !== ActivityTypes.Message) return false;
    const id = conversationKey(context.activity);
    const prefetched = context.turnState.get(PREFETCHED_ITEM) as Promise<QueueItem | undefined> | undefined;
    const item = await (prefetched ?? this.deps.queue.get(id));
    const state = item?.state ?? 'bot';
    if (item && (state === 'waiting' || state === 'callback' || state === 'staff')) {
      await this.relay(context, item);
      return true;
    }
    if (item?.surveyPending && (await this.takeRating(context, item))) return true;
    if (item?.draft && state === 'bot' && (await this.continueCallback(context, item))) return true;
    this.recordRecent(context, id);
    return false;
  }

  private async relay(context: TurnContext, item: QueueItem): Promise<void> {
    const { queue, events, service, clock, messages } = this.deps;
    const text = context.activity.text?.trim() ?? '';
    if (item.state !== 'staff' && service.isWord(text, 'cancel')) {
      await service.leave(context, item.id);
      return;
    }
    const attachments = context.activity.attachments?.length ?? 0;
    const entry: TranscriptEntry = {
      at: clock.now().toISOString(),
      from: 'user',
      text: text || (attachments ? `[${attachments} attachment(s)]` : ''),
    };
    await queue.appendTranscript(item.id, [entry]);
    if (item.state === 'waiting' && text) await queue.update(item.id, { preview: text.slice(0, 200) });
    await events.publish({ type: 'message', id: item.id, entry });
    if (item.state === 'staff' && item.consent === 'asked' && (service.isWord(text, 'yes') || service.isWord(text, 'no'))) {
      const consent = service.isWord(text, 'yes') ? 'given' : 'refused';
      await queue.update(item.id, { consent });
      await queue.appendTranscript(item.id, [{ at: entry.at, from: 'system', text: `consent ${consent}` }]);
      await events.publish({ type: 'changed', id: item.id, state: 'staff', reason: `consent-${consent}`, assignee: item.assignee });
      await context.sendActivity(messages.t(getTurnLocale(context, messages.defaultLocale), 'handoff.consentThanks'));
    }
  }

  /** A lone 1–5 right after closing answers the satisfaction question; anything else skips it. */
  private async takeRating(context: TurnContext, item: QueueItem): Promise<boolean> {
    const { queue, messages } = this.deps;
    await queue.update(item.id, { surveyPending: false });
    const match = /^\s*([1-5])\s*$/.exec(context.activity.text ?? '');
    if (!match) return false;
    await queue.recordRating(Number(match[1]));
    await context.sendActivity(messages.t(getTurnLocale(context, messages.defaultLocale), 'satisfaction.thanks'));
    return true;
  }

  /** Outside opening hours: phone number, then the best moment, then a call-back item. */
  private async continueCallback(context: TurnContext, item: QueueItem): Promise<boolean> {
    const { queue, service, messages, data, hours } = this.deps;
    const draft = item.draft!;
    const locale = getTurnLocale(context, messages.defaultLocale);
    const text = context.activity.text?.trim() ?? '';
    if (service.isWord(text, 'menu')) {
      await queue.update(item.id, { draft: null });
      return false;
    }
    if (service.isWord(text, 'cancel') || service.isWord(text, 'no')) {
      await queue.update(item.id, { draft: null });
      await context.sendActivity(messages.t(locale, 'handoff.callbackCancelled'));
      return true;
    }
    if (draft.step === 'phone') {
      const phone = parsePhoneNumberFromString(text, 'BE');
      if (phone?.isValid()) {
        await queue.update(item.id, { draft: { step: 'moment', phone: phone.number, invalid: 0 } });
        await context.sendActivity(messages.t(locale, 'handoff.askMoment'));
        return true;
      }
      const invalid = draft.invalid + 1;
      if (invalid >= MAX_INVALID_PHONES) {
        await queue.update(item.id, { draft: null });
        await context.sendActivity(
          messages.t(locale, 'handoff.contactInfo', { phone: data.helpline.phoneDisplay, email: data.helpline.email, hours: hours.summary() }),
        );
        return true;
      }
      await queue.update(item.id, { draft: { ...draft, invalid } });
      await context.sendActivity(messages.t(locale, 'handoff.invalidPhone'));
      return true;
    }
    const fields: ItemFields = {
      ...service.fieldsFor({ topic: item.topic ?? 'general', priority: item.priority ?? 'normal', reason: 'callback', formData: item.formData }, locale),
    };
    await service.enqueueCallback(context, item.id, fields, draft.phone ?? '', text);
    return true;
  }

  /**
   * Keeps the last lines of the chat with the bot (user and bot), so the person who takes over
   * sees what happened before. The lines are written once, at the end of the turn beside the
   * state save, rather than before every reply. Lines of a turn that hands off are given to the
   * hand-off itself (see pendingRecent.ts).
   */
  private recordRecent(context: TurnContext, id: string): void {
    const { queue, clock } = this.deps;
    const lines = startPendingRecent(context);
    const text = context.activity.text?.trim();
    if (text) lines.push({ at: clock.now().toISOString(), from: 'user', text });
    context.onSendActivities(async (ctx, activities, next) => {
      const responses = await next();
      if (ctx.turnState.get(HANDED_OFF_THIS_TURN)) return responses;
      for (const a of activities) {
        if (a.type === ActivityTypes.Message && a.text) lines.push({ at: clock.now().toISOString(), from: 'bot', text: a.text });
      }
      return responses;
    });
    atTurnEnd(context, async () => {
      if (!stillPending(context, lines) || lines.length === 0) return;
      await queue.appendRecent(id, lines);
    });
  }
}

