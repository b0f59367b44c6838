import { EventFactory, type Activity } from 'botbuilder';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import type { Messages } from '../i18n/messages';
import type { Logger } from '../logger';
import type { ConversationRefStore } from './conversationRefStore';
import type { HandoffEvents } from './handoffEvents';
import type { HandoffQueue, Outcome, QueueItem, TranscriptEntry } from './handoffQueue';
import type { HandoffService } from './handoffService';
import type { ProactiveSender } from './proactive';

/** A staff member as the desk needs them (the console's account, without the password hash). */
export interface StaffMember {
  username: string;
  name: string;
  role: 'agent' | 'coordinator';
  teams: string[];
  languages: string[];
}

/** A staff action that cannot be done; `status` is the HTTP answer the console gets. */
export class DeskError extends AppError {
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 502,
    message: string,
  ) {
    super(status === 409 ? 'CONFLICT' : 'INVALID_TRANSITION', message, { status });
    this.name = 'DeskError';
  }
}

export interface StaffDeskDeps {
  queue: HandoffQueue;
  refs: ConversationRefStore;
  events: HandoffEvents;
  messages: Messages;
  sender: ProactiveSender;
  clock: Clock;
  logger: Logger;
  service: Pick<HandoffService, 'refreshPositions' | 'describePlace'>;
  /** Looks up another staff member (transfers). */
  staff: (username: string) => StaffMember | undefined;
}

/** Closing outcomes after which the satisfaction question makes sense. */
const SURVEY_OUTCOMES: readonly Outcome[] = ['solved', 'callback-planned', 'forwarded'];

/**
 * What staff do with a conversation: take it, talk, note, transfer, hand back, close. Every
 * state change goes through the queue's atomic transition; messages to the user go out as
 * proactive messages from whichever instance serves the console's request.
 */
export class StaffDesk {
  constructor(private readonly deps: StaffDeskDeps) {}

  async claim(id: string, staff: StaffMember): Promise<QueueItem> {
    const { queue, clock, events } = this.deps;
    const item = await this.require(id);
    const now = clock.now();
    const result = await queue.transition(id, 'claim', {
      assignee: staff.username,
      patch: { assigneeName: staff.name, claimedAt: now.toISOString() },
    });
    if (!result.ok) {
      throw new DeskError(409, result.state === 'staff' ? `taken by ${result.assignee ?? 'someone else'}` : `not waiting (${result.state})`);
    }
    if (item.queuedAt) await queue.recordWait(Math.max(0, now.getTime() - new Date(item.queuedAt).getTime()));
    await this.system(id, `taken by ${staff.name}`);
    if (item.kind !== 'callback') {
      await this.deliver(id, [
        EventFactory.createHandoffStatus({ id } as Activity['conversation'], 'accepted'),
        this.text(item, 'handoff.staffJoined', { name: staff.name }),
      ], false);
    }
    await events.publish({ type: 'changed', id, state: 'staff', reason: 'claimed', assignee: staff.username, team: item.team });
    await this.deps.service.refreshPositions();
    return (await queue.get(id))!;
  }

  /** Sends free text or a canned reply (rendered in the user's language; the Dutch kept for staff). */
  async send(id: string, staff: StaffMember, body: { text?: string; cannedKey?: string }): Promise<TranscriptEntry> {
    const { messages, clock, queue, events } = this.deps;
    const item = await this.requireMine(id, staff, false);
    let entry: TranscriptEntry;
    if (body.cannedKey) {
      const key = `canned.${body.cannedKey}`;
      if (!messages.hasKey(messages.defaultLocale, key)) throw new DeskError(400, `unknown canned reply ${body.cannedKey}`);
      const vars = { name: staff.name };
      const text = messages.t(item.language ?? messages.defaultLocale, key, vars);
      entry = { at: clock.now().toISOString(), from: 'staff', staff: staff.username, text, textNl: messages.t('nl', key, vars) };
    } else {
      entry = { at: clock.now().toISOString(), from: 'staff', staff: staff.username, text: (body.text ?? '').trim() };
    }
    if (!entry.text) throw new DeskError(400, 'empty message');
    await this.deliver(id, [{ type: 'message', text: entry.text }], true);
    await queue.appendTranscript(id, [entry]);
    await events.publish({ type: 'message', id, entry });
    return entry;
  }

  /** An internal note: in the transcript for staff, never sent to the user. */
  async note(id: string, staff: StaffMember, text: string): Promise<TranscriptEntry> {
    await this.require(id);
    const entry: TranscriptEntry = { at: this.deps.clock.now().toISOString(), from: 'note', staff: staff.username, text: text.trim() };
    if (!entry.text) throw new DeskError(400, 'empty note');
    await this.deps.queue.appendTranscript(id, [entry]);
    await this.deps.events.publish({ type: 'message', id, entry });
    return entry;
  }

  /** To another staff member, or `queue` (back in line at the original place). */
  async transfer(id: string, staff: StaffMember, to: string): Promise<void> {
    const { queue, events } = this.deps;
    const item = await this.requireMine(id, staff, true);
    if (to === 'queue') {
      const result = await queue.transition(id, 'transferToQueue', {
        ...this.expect(staff),
        assignee: null,
        patch: { assigneeName: null, notified: null },
      });
      if (!result.ok) throw new DeskError(409, `cannot transfer (${result.state})`);
      await this.system(id, `back to the queue by ${staff.name}`);
      await this.deliver(id, [this.text(item, 'handoff.backInQueue')], false);
      await events.publish({ type: 'changed', id, state: 'waiting', reason: 'transferred', team: item.team, priority: item.priority });
      await this.deps.service.refreshPositions();
      return;
    }
    const target = this.deps.staff(to);
    if (!target) throw new DeskError(400, `unknown staff member ${to}`);
    const result = await queue.transition(id, 'transferToStaff', { ...this.expect(staff), assignee: target.username, patch: { assigneeName: target.name } });
    if (!result.ok) throw new DeskError(409, `cannot transfer (${result.state})`);
    await this.system(id, `transferred by ${staff.name} to ${target.name}`);
    await this.deliver(id, [this.text(item, 'handoff.staffJoined', { name: target.name })], false);
    await events.publish({ type: 'changed', id, state: 'staff', reason: 'transferred', assignee: target.username, team: item.team });
  }

  /** Hands the conversation back to the bot; the user's next message gets the menu. */
  async release(id: string, staff: StaffMember): Promise<void> {
    const item = await this.requireMine(id, staff, true);
    const result = await this.deps.queue.transition(id, 'release', { ...this.expect(staff), assignee: null, patch: { assigneeName: null } });
    if (!result.ok) throw new DeskError(409, `cannot hand back (${result.state})`);
    await this.system(id, `handed back to the bot by ${staff.name}`);
    await this.deliver(id, [this.status(id, 'completed'), this.text(item, 'handoff.handedBack')], false);
    await this.deps.events.publish({ type: 'changed', id, state: 'bot', reason: 'released' });
  }

  /** Closes with an outcome; a short thank-you, and the 1–5 question after a real conversation. */
  async close(id: string, staff: StaffMember, outcome: Outcome): Promise<void> {
    const item = await this.require(id);
    const survey = item.kind !== 'callback' && SURVEY_OUTCOMES.includes(outcome);
    const expect = item.state === 'staff' ? this.expect(staff) : {};
    const result = await this.deps.queue.transition(id, 'close', { ...expect, patch: { outcome, surveyPending: survey, notified: null } });
    if (!result.ok) throw new DeskError(409, `cannot close (${result.state}${result.assignee ? `, ${result.assignee}` : ''})`);
    await this.system(id, `closed by ${staff.name}: ${outcome}`);
    if (outcome !== 'abusive' && item.kind !== 'callback') {
      const texts = [this.text(item, 'handoff.closed'), ...(survey ? [this.text(item, 'satisfaction.ask')] : [])];
      await this.deliver(id, [this.status(id, 'completed'), ...texts], false);
    }
    await this.deps.events.publish({ type: 'changed', id, state: 'closed', reason: `closed-${outcome}` });
    if (result.previous !== 'staff') await this.deps.service.refreshPositions();
  }

  /** Asks the user, in the chat, whether their form data may go to a partner organisation. */
  async askConsent(id: string, staff: StaffMember): Promise<void> {
    const item = await this.requireMine(id, staff, false);
    await this.deps.queue.update(id, { consent: 'asked' });
    await this.system(id, `consent asked by ${staff.name}`);
    await this.deliver(id, [this.text(item, 'handoff.consentAsk')], true);
    await this.deps.events.publish({ type: 'changed', id, state: 'staff', reason: 'consent-asked', assignee: item.assignee });
  }

  private async require(id: string): Promise<QueueItem> {
    const item = await this.deps.queue.get(id);
    if (!item || (item.state === 'bot' && !item.queuedAt)) throw new DeskError(404, 'no such conversation');
    return item;
  }

  /** The item, when it is with this staff member (coordinators may act on anyone's when `coordinatorMay`). */
  private async requireMine(id: string, staff: StaffMember, coordinatorMay: boolean): Promise<QueueItem> {
    const item = await this.require(id);
    if (item.state !== 'staff') throw new DeskError(409, `not with staff (${item.state})`);
    if (item.assignee !== staff.username && !(coordinatorMay && staff.role === 'coordinator')) {
      throw new DeskError(409, `with ${item.assignee ?? 'nobody'}`);
    }
    return item;
  }

  private expect(staff: StaffMember): { expectAssignee?: string } {
    return staff.role === 'coordinator' ? {} : { expectAssignee: staff.username };
  }

  private text(item: QueueItem, key: string, vars: Record<string, unknown> = {}): Partial<Activity> {
    return { type: 'message', text: this.deps.messages.t(item.language ?? this.deps.messages.defaultLocale, key, vars) };
  }

  private status(id: string, state: 'accepted' | 'failed' | 'completed'): Partial<Activity> {
    return EventFactory.createHandoffStatus({ id } as Activity['conversation'], state);
  }

  private async system(id: string, text: string): Promise<void> {
    await this.deps.queue.appendTranscript(id, [{ at: this.deps.clock.now().toISOString(), from: 'system', text }]);
  }

  /**
   * Sends to the user. A staff message that cannot be delivered is an error for the console
   * (`strict`); a status line after a state change is logged, because the change itself stands.
   */
  private async deliver(id: string, activities: Partial<Activity>[], strict: boolean): Promise<void> {
    try {
      const ref = await this.deps.refs.get(id);
      if (!ref) throw new Error('no conversation reference');
      await this.deps.sender.send(ref, activities);
    } catch (error) {
      this.deps.logger.warn({ id, err: (error as Error).message }, 'message to user not delivered');
      if (strict) throw new DeskError(502, 'the message could not be delivered to the user');
    }
  }
}
