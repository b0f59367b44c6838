import { TestAdapter, type Activity } from 'botbuilder';
import type { Dialog } from 'botbuilder-dialogs';
import { MainDialog, type FormDialogs } from '../../dialogs/mainDialog';
import type { DialogDeps } from '../../dialogs/shared/dialogDeps';
import { HelplineBot, type TurnInterceptor } from '../../src/bot';
import type { FormRegistration } from '../../src/forms/formRegistration';
import { silentLogger } from '../../src/logger';
import { MemoryActivityDeduplicator } from '../../src/state/activityDeduplicator';
import { makeTestWorld, type TestWorld, type TestWorldOptions } from './testDeps';

/** A reply as tests look at it: its text and the values of its buttons. */
export interface Reply {
  type: string;
  text: string;
  buttons: string[];
}

export interface BotHarnessOptions extends TestWorldOptions {
  locale?: string;
  /** Forms to plug into the menu (default: none, as in the spine). */
  forms?: (deps: DialogDeps) => FormDialogs | Record<string, Dialog>;
  interceptors?: TurnInterceptor[];
  world?: TestWorld;
  userId?: string;
  conversationId?: string;
  /** The form registry the menu is built from (default: the bot's FORMS). */
  registry?: readonly FormRegistration[];
}

/**
 * The whole turn pipeline (HelplineBot + MainDialog) on a botbuilder TestAdapter. `say` sends
 * one message and returns every reply of that turn, typing indicators left out.
 */
export class BotHarness {
  readonly world: TestWorld;
  readonly adapter: TestAdapter;
  readonly bot: HelplineBot;
  locale: string | undefined;
  readonly userId: string;

  constructor(options: BotHarnessOptions = {}) {
    this.world = options.world ?? makeTestWorld(options);
    this.locale = options.locale;
    const { deps } = this.world;
    this.bot = new HelplineBot({
      conversationState: this.world.conversationState,
      userState: this.world.userState,
      mainDialog: new MainDialog(deps, (options.forms?.(deps) ?? {}) as FormDialogs, options.registry),
      messages: deps.messages,
      dedupe: new MemoryActivityDeduplicator(),
      logger: silentLogger,
      interceptors: options.interceptors,
      typingAfterMs: 60_000,
    });
    // The TestAdapter copies this template onto every activity: user, conversation and locale
    // are the test's own (otherwise every test would be the adapter's default "user1").
    const userId = options.userId ?? 'user-1';
    this.userId = userId;
    const template = {
      channelId: 'test',
      serviceUrl: 'https://test.example',
      conversation: { id: options.conversationId ?? 'conv-1', isGroup: false, name: 'conv' },
      recipient: { id: 'bot', name: 'bot' },
      locale: options.locale ?? '',
    };
    this.adapter = new TestAdapter((context) => this.bot.run(context), template as never);
  }

  /** Sends a conversationUpdate that adds the user, as Web Chat and the Emulator do. */
  async join(): Promise<Reply[]> {
    return this.send({ type: 'conversationUpdate', membersAdded: [{ id: this.userId, name: 'user' }] });
  }

  async say(text: string, extra: Partial<Activity> = {}): Promise<Reply[]> {
    return this.send({ type: 'message', text, ...extra });
  }

  /** Sends and returns the reply texts joined, for `toContain` checks. */
  async sayText(text: string): Promise<string> {
    return (await this.say(text)).map((r) => r.text).join('\n');
  }

  async send(activity: Partial<Activity>): Promise<Reply[]> {
    // `from` is set per activity (not in the template) so a test can speak as another user.
    await this.adapter.receiveActivity({ locale: this.locale, from: { id: this.userId, name: this.userId }, ...activity } as Activity);
    const replies = this.adapter.activeQueue.splice(0);
    return replies
      .filter((r) => r.type === 'message')
      .map((r) => ({
        type: r.type ?? 'message',
        text: r.text ?? '',
        buttons: (r.suggestedActions?.actions ?? []).map((a) => String(a.value)),
      }));
  }
}
