import type { TurnContext } from 'botbuilder';
import type { HandoffRequest, HandoffRequester } from '../forms/formServices';
import type { HelplineData } from '../helplineData';
import type { Messages } from '../i18n/messages';
import { getTurnLocale } from '../i18n/turnLocale';
import type { OpeningHoursCalendar } from './openingHours';

/**
 * The simplest hand-off: tell the user how to reach a person (phone, hours, e-mail). Used when
 * no staff queue is configured, so the bot is never a dead end.
 */
export class ContactInfoHandoff implements HandoffRequester {
  constructor(
    private readonly messages: Messages,
    private readonly data: HelplineData,
    private readonly hours: OpeningHoursCalendar,
  ) {}

  async request(context: TurnContext, _request: HandoffRequest): Promise<void> {
    const locale = getTurnLocale(context, this.messages.defaultLocale);
    await context.sendActivity(
      this.messages.t(locale, 'handoff.contactInfo', {
        phone: this.data.helpline.phoneDisplay,
        email: this.data.helpline.email,
        hours: this.hours.summary(),
      }),
    );
  }
}
