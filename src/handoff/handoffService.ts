import { EventFactory, TurnContext, type Activity } from 'botbuilder';
import type { Clock } from '../clock';
import type { HandoffRequest, HandoffRequester } from '../forms/formServices';
import type { HelplineData } from '../helplineData';
import type { Messages } from '../i18n/messages';
import { normalizeText } from '../i18n/normalize';
import { getTurnLocale } from '../i18n/turnLocale';
import type { Logger } from '../logger';
import type { ConversationRefStore } from './conversationRefStore';
import { conversationKey } from './conversationKey';
import type { HandoffEvents } from './handoffEvents';
import { priorityRank, type HandoffQueue, type ItemFields, type QueueItem, type TranscriptEntry } from './handoffQueue';
import type { OpeningHoursCalendar } from './openingHours';
import { takePendingRecent } from './pendingRecent';
import type { ProactiveSender } from './proactive';
import { estimateMinutes, shouldRefresh, type PlaceInQueue } from './waitEstimate';

/** Everything the service needs; the composition root picks memory or Redis parts. */
export interface HandoffServiceDeps {
  queue: HandoffQueue;
  refs: ConversationRefStore;
  events: HandoffEvents;
  messages: Messages;
  data: Pick<HelplineData, 'teams' | 'crisisLines' | 'helpline'>;
  hours: Pick<OpeningHoursCalendar, 'isOpen' | 'nextOpening' | 'timeZone' | 'summary'>;
  clock: Clock;
  sender: ProactiveSender;
  logger: Logger;
}

/** Marks a turn in which the conversation went to the queue (its replies are not "recent" lines). */
export const HANDED_OFF_THIS_TURN = Symbol('handedOffThisTurn');

/**
 * Puts conversations in the queue and talks to the waiting user: place in the queue, rough wait,
 * opening hours and the call-back offer, crisis lines. Implements the `HandoffRequester` that
 * dialogs call; the staff side is `StaffDesk`.
 */
export class HandoffService implements HandoffRequester {
  constructor(private readonly deps: HandoffServiceDeps) {}

  async request(context: TurnContext, request: HandoffRequest): Promise<void> {
    const { queue, refs, messages, hours, clock, data } = this.deps;
    const id = conversationKey(context.activity);
    const locale = getTurnLocale(context, messages.defaultLocale);
    context.turnState.set(HANDED_OFF_THIS_TURN, true);
    await refs.save(id, TurnContext.getConversationReference(context.activity));
    if (request.priority === 'crisis') await context.sendActivity(messages.t(locale, 'handoff.crisisLines', data.crisisLines));
    const existing = await queue.get(id);
    if (existing && (existing.state === 'waiting' || existing.state === 'staff' || existing.state === 'callback')) {
      // An earlier interceptor (the crisis check) took this message before the relay: staff must still see it.
      await this.relayTurnText(context, id, request);
      if (existing.state !== 'waiting') return;
    }
    const fields = this.fieldsFor(request, locale);
    if (request.reason === 'callback') {
      const phone = typeof request.formData?.phone === 'string' ? request.formData.phone : undefined;
      const moment = ['moment', 'bestMoment', 'when'].map((k) => request.formData?.[k]).find((v) => typeof v === 'string');
      if (phone) return this.enqueueCallback(context, id, fields, phone, String(moment ?? ''));
    }
    if (request.reason === 'callback' || (!hours.isOpen(clock.now()) && request.priority !== 'crisis')) {
      await queue.update(id, { ...fields, draft: { step: 'phone', invalid: 0 } });
      const when = this.formatOpening(locale);
      if (when) await context.sendActivity(messages.t(locale, 'handoff.closedNow', { when }));
      await context.sendActivity(messages.t(locale, 'handoff.offerCallback'));
      return;
    }
    await this.enqueue(context, id, fields, existing);
  }

  private async relayTurnText(context: TurnContext, id: string, request: HandoffRequest): Promise<void> {
    const at = this.deps.clock.now().toISOString();
    const entry: TranscriptEntry = { at, from: 'user', text: context.activity.text?.trim() ?? '' };
    const lines = [...(entry.text ? [entry] : []), { at, from: 'system' as const, text: `${request.reason} (${request.priority})` }];
    await this.deps.queue.appendTranscript(id, lines);
    for (const line of lines) await this.deps.events.publish({ type: 'message', id, entry: line });
  }

  /** Queues a chat item (or raises the priority of the one already waiting) and says where the user stands. */
  async enqueue(context: TurnContext, id: string, fields: ItemFields, existing?: QueueItem): Promise<void> {
    const { queue, messages, events } = this.deps;
    const locale = fields.language;
    if (existing?.state === 'waiting') {
      if (priorityRank(fields.priority) < priorityRank(existing.priority ?? 'normal')) {
        await queue.transition(id, 'enqueue', { patch: { priority: fields.priority, notified: null } });
        await events.publish({ type: 'changed', id, state: 'waiting', reason: 'priority', team: existing.team, priority: fields.priority });
      }
    } else {
      const recent = [...(await queue.takeRecent(id)), ...takePendingRecent(context)];
      // The words that asked for a person ("medewerker") tell staff nothing: show the line before.
      const asked = context.activity.text?.trim();
      const preview = [...recent].reverse().find((e) => e.from === 'user' && e.text !== asked)?.text ?? '';
      const result = await queue.transition(id, 'enqueue', { assignee: null, patch: { ...fields, preview: preview.slice(0, 200) } });
      if (!result.ok) return;
      await this.announce(context, id, fields, recent, `queued (${fields.priority}, ${fields.reason})`);
    }
    const key = fields.priority === 'crisis' ? 'handoff.crisisQueued' : 'handoff.queued';
    const place = await this.placeOf(id);
    await context.sendActivity(messages.t(locale, key));
    if (place) {
      await context.sendActivity(this.describePlace(locale, place));
      await queue.update(id, { notified: place });
    }
  }

  /** Queues a call-back with the phone number and moment the user gave. */
  async enqueueCallback(context: TurnContext, id: string, fields: ItemFields, phone: string, moment: string): Promise<void> {
    const patch: ItemFields = { ...fields, kind: 'callback', callback: { phone, moment: moment.slice(0, 200) }, draft: null };
    const recent = [...(await this.deps.queue.takeRecent(id)), ...takePendingRecent(context)];
    const result = await this.deps.queue.transition(id, 'requestCallback', { assignee: null, patch });
    if (!result.ok) return;
    await this.announce(context, id, patch, recent, `call-back requested (${fields.priority})`);
    await context.sendActivity(this.deps.messages.t(fields.language, 'handoff.callbackQueued', { phone }));
  }

  /** The user typed "stop" while queued: back to the bot, others move up. */
  async leave(context: TurnContext, id: string): Promise<void> {
    const { queue, events, messages, clock } = this.deps;
    const result = await queue.transition(id, 'leave', { assignee: null, patch: { notified: null } });
    if (!result.ok) return;
    await queue.appendTranscript(id, [{ at: clock.now().toISOString(), from: 'system', text: 'user left the queue' }]);
    await context.sendActivity(EventFactory.createHandoffStatus(context.activity.conversation, 'failed', 'user left the queue'));
    await context.sendActivity(messages.t(getTurnLocale(context, messages.defaultLocale), 'handoff.left'));
    await events.publish({ type: 'changed', id, state: 'bot', reason: 'left' });
    await this.refreshPositions();
  }

  /** Tells waiting users their new place, but only when it changed meaningfully (`shouldRefresh`). */
  async refreshPositions(): Promise<void> {
    const { queue, refs, sender, logger } = this.deps;
    const items = await queue.list();
    const waits = await queue.recentWaits();
    for (const [ahead, item] of items.entries()) {
      if (item.state !== 'waiting' || item.kind === 'callback') continue;
      const place: PlaceInQueue = { ahead, etaMinutes: estimateMinutes(ahead, waits) };
      if (!shouldRefresh(item.notified, place)) continue;
      try {
        const ref = await refs.get(item.id);
        if (!ref) continue;
        await sender.send(ref, [{ type: 'message', text: this.describePlace(item.language ?? this.deps.messages.defaultLocale, place) }]);
        await queue.update(item.id, { notified: place });
      } catch (error) {
        logger.warn({ id: item.id, err: (error as Error).message }, 'queue position update not delivered');
      }
    }
  }

  /** "There are 2 people before you. Estimated wait: about 6 minutes." */
  describePlace(locale: string, place: PlaceInQueue): string {
    const { messages } = this.deps;
    const position =
      place.ahead === 0
        ? messages.t(locale, 'handoff.positionNext')
        : place.ahead === 1
          ? messages.t(locale, 'handoff.positionOne')
          : messages.t(locale, 'handoff.positionMany', { ahead: place.ahead });
    return place.etaMinutes === null ? position : `${position} ${messages.t(locale, 'handoff.eta', { minutes: place.etaMinutes })}`;
  }

  /** True when the text is one of the "stop" words of any supported language. */
  isWord(text: string | undefined, list: 'cancel' | 'menu' | 'yes' | 'no'): boolean {
    const normalized = normalizeText(text ?? '');
    return this.deps.messages.supported().some((l) => this.deps.messages.words(l, `words.${list}`).includes(normalized));
  }

  /** The fields of a new item for this request. */
  fieldsFor(request: HandoffRequest, language: string): ItemFields {
    const { data, clock } = this.deps;
    return {
      topic: request.topic,
      team: data.teams[request.topic] ?? data.teams.general ?? 'general',
      language,
      priority: request.priority,
      reason: request.reason,
      kind: 'chat',
      queuedAt: clock.now().toISOString(),
      formData: request.formData ?? {},
      preview: '',
      assigneeName: null,
      claimedAt: null,
      callback: null,
      consent: null,
      outcome: null,
      notified: null,
      draft: null,
      surveyPending: false,
    };
  }

  private async placeOf(id: string): Promise<PlaceInQueue | undefined> {
    const ahead = await this.deps.queue.position(id);
    if (ahead === undefined) return undefined;
    return { ahead, etaMinutes: estimateMinutes(ahead, await this.deps.queue.recentWaits()) };
  }

  /** Transcript, `handoff.initiate` to the channel (Bot Framework hand-off protocol), live event. */
  private async announce(context: TurnContext, id: string, fields: ItemFields, recent: TranscriptEntry[], what: string): Promise<void> {
    const { queue, events, clock } = this.deps;
    await queue.appendTranscript(id, [...recent, { at: clock.now().toISOString(), from: 'system', text: what }]);
    const activities = recent.map(
      (e) => ({ type: 'message', text: e.text, timestamp: new Date(e.at), from: { id: e.from, name: e.from } }) as Partial<Activity>,
    ) as Activity[];
    const handoffContext = { id, topic: fields.topic, team: fields.team, priority: fields.priority, reason: fields.reason };
    await context.sendActivity(EventFactory.createHandoffInitiation(context, handoffContext, { activities }));
    await events.publish({ type: 'changed', id, state: fields.kind === 'callback' ? 'callback' : 'waiting', reason: 'queued', team: fields.team, priority: fields.priority });
  }

  /** "maandag 24 november om 09:00" in the user's language and the helpline's time zone. */
  private formatOpening(locale: string): string | undefined {
    const next = this.deps.hours.nextOpening(this.deps.clock.now());
    if (!next) return undefined;
    return new Intl.DateTimeFormat(locale, {
      timeZone: this.deps.hours.timeZone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      hour: '2-digit',
      minute: '2-digit',
    }).format(next);
  }
}
