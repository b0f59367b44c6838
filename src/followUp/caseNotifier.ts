import type { CaseRecord } from '../cases/caseRecord';
import type { ProactiveSender } from '../handoff/proactive';
import type { Messages } from '../i18n/messages';
import type { Logger } from '../logger';

/**
 * Statuses the reporter hears about, each with its `followUp.notify.*` key. Intermediate staff
 * steps (in-progress, contact-made) are not sent: the reporter learns what changes for them.
 */
const NOTIFY_KEYS: Record<string, string> = {
  screened: 'followUp.notify.received',
  assigned: 'followUp.notify.assigned',
  'approved-gift': 'followUp.notify.approvedGift',
  'approved-loan': 'followUp.notify.approvedLoan',
  approved: 'followUp.notify.approved',
  delivered: 'followUp.notify.delivered',
  rejected: 'followUp.notify.rejected',
  returned: 'followUp.notify.returned',
  closed: 'followUp.notify.closed',
};

/** The notification keys (the locale test checks both languages have each). */
export const FOLLOW_UP_NOTIFY_KEYS = [...new Set(Object.values(NOTIFY_KEYS))];

/** What happened to a notification: sent, or why not. */
export type NotifyOutcome = 'sent' | 'notNotified' | 'noConversation' | 'failed';

/** Partner names as one phrase in the reporter's language ("Arktos en PrOS"). */
export function joinNames(locale: string, names: readonly string[]): string {
  try {
    return new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
  } catch {
    return names.join(', ');
  }
}

/**
 * Tells the reporter of a case, in the language of their conversation, that its status changed.
 * @remarks The text holds the reference, the status and at most the partner's name: never the
 * family's details or a staff note, because a reporter may be a professional who reported for
 * someone else, or the conversation may be read by another person on a shared device.
 */
export class CaseNotifier {
  constructor(
    private readonly sender: Pick<ProactiveSender, 'send'>,
    private readonly messages: Pick<Messages, 't' | 'has' | 'defaultLocale'>,
    private readonly logger: Logger,
  ) {}

  /** The message for this status, or undefined when this status is not announced. */
  textFor(record: Pick<CaseRecord, 'reference' | 'status' | 'locale'>, partnerNames: readonly string[]): string | undefined {
    const key = NOTIFY_KEYS[record.status];
    if (!key) return undefined;
    const locale = this.messages.has(record.locale) ? record.locale : this.messages.defaultLocale;
    return this.messages.t(locale, key, { reference: record.reference, partners: joinNames(locale, partnerNames) });
  }

  /** Sends the message; a failure is logged and reported, never thrown (the change is saved). */
  async notify(record: CaseRecord, partnerNames: readonly string[]): Promise<NotifyOutcome> {
    if (record.personalDataRemovedAt) return this.textFor(record, partnerNames) ? 'noConversation' : 'notNotified';
    return this.sendTo(record, record.locale, record.conversationRef, partnerNames);
  }

  /**
   * The same message to every second reporter of the case (linked reports) who can be reached,
   * each in their own language, once per reporter even when they reported twice.
   */
  async notifyLinked(record: CaseRecord, partnerNames: readonly string[]): Promise<NotifyOutcome[]> {
    const latest = new Map<string, CaseRecord['linkedReports'][number]>();
    for (const report of record.linkedReports) if (report.conversationRef) latest.set(report.ownerKey, report);
    const outcomes: NotifyOutcome[] = [];
    for (const report of latest.values()) {
      outcomes.push(await this.sendTo(record, report.locale ?? record.locale, report.conversationRef, partnerNames));
    }
    return outcomes;
  }

  private async sendTo(
    record: CaseRecord,
    locale: string,
    conversationRef: Record<string, unknown> | undefined,
    partnerNames: readonly string[],
  ): Promise<NotifyOutcome> {
    const text = this.textFor({ ...record, locale }, partnerNames);
    if (!text) return 'notNotified';
    if (!conversationRef) return 'noConversation';
    try {
      await this.sender.send(conversationRef, [{ type: 'message', text, locale }]);
      return 'sent';
    } catch (error) {
      this.logger.warn({ reference: record.reference, err: (error as Error).message }, 'case notification failed');
      return 'failed';
    }
  }
}
