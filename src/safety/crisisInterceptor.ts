import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { TurnInterceptor } from '../bot';
import type { HandoffRequester } from '../forms/formServices';
import type { HelplineData } from '../helplineData';
import type { Messages } from '../i18n/messages';
import { getTurnLocale } from '../i18n/turnLocale';
import type { Logger } from '../logger';
import { CRISIS_CATEGORIES, detectCrisis, type CrisisCategory, type CrisisWordList } from './crisisDetector';

/** Languages whose lists are always checked besides the user's own: people mix them. */
const ALWAYS_CHECKED = ['nl', 'en'];

/**
 * The always-on crisis layer: every user message, in the menu and in every form, is checked
 * against the crisis word lists before the dialogs see it. A hit answers at once with the lines
 * that fit (numbers from the data file, so also outside opening hours and without staff) and puts
 * the conversation at the top of the staff queue.
 * @remarks The message is not passed on as a form answer, and the form stays where it was, so
 * the user can carry on afterwards. Its text is never logged: only the category is.
 */
export class CrisisInterceptor implements TurnInterceptor {
  constructor(
    private readonly messages: Messages,
    private readonly lines: HelplineData['crisisLines'],
    private readonly handoff: HandoffRequester,
    private readonly logger?: Logger,
  ) {}

  async intercept(context: TurnContext): Promise<boolean> {
    const { activity } = context;
    if (activity.type !== ActivityTypes.Message || typeof activity.text !== 'string') return false;
    const locale = getTurnLocale(context, this.messages.defaultLocale);
    const category = detectCrisis(activity.text, this.listsFor(locale));
    if (!category) return false;
    this.logger?.warn({ conversationId: activity.conversation?.id, category }, 'crisis words detected');
    await context.sendActivity(this.reply(locale, category));
    await this.handoff.request(context, { topic: 'crisis', priority: 'crisis', reason: 'crisis', formData: { category } });
    await context.sendActivity(this.messages.t(locale, 'crisis.carryOn'));
    return true;
  }

  /** The answer for one category: its own lines first, then who to talk to, always 112. */
  reply(locale: string, category: CrisisCategory): string {
    const vars = { ...this.lines };
    return [
      this.messages.t(locale, 'crisis.intro'),
      this.messages.t(locale, `crisis.lines.${category}`, vars),
      this.messages.t(locale, 'crisis.talk', vars),
    ].join('\n\n');
  }

  /** The lists of a locale never change after start: built once per locale, not per message. */
  private readonly listsByLocale = new Map<string, CrisisWordList[]>();

  private listsFor(locale: string): CrisisWordList[] {
    const cached = this.listsByLocale.get(locale);
    if (cached) return cached;
    const lists = this.buildLists(locale);
    this.listsByLocale.set(locale, lists);
    return lists;
  }

  private buildLists(locale: string): CrisisWordList[] {
    const locales = [...new Set([locale, ...ALWAYS_CHECKED])].filter((l) => this.messages.has(l));
    return locales.map((l) => {
      const list: CrisisWordList = {};
      for (const category of CRISIS_CATEGORIES) list[category] = this.messages.words(l, `crisis.words.${category}`);
      return list;
    });
  }
}
