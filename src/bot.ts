import { ActivityTypes, type BotState, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogState } from 'botbuilder-dialogs';
import type { UserProfile } from '../dialogs/shared/dialogDeps';
import { MAIN_DIALOG, type MainDialog, type MainDialogOptions } from '../dialogs/mainDialog';
import type { Messages } from './i18n/messages';
import { resolveLocale, setTurnLocale } from './i18n/turnLocale';
import type { Logger } from './logger';
import { wasErasedThisTurn } from './privacy/userDataEraser';
import type { ActivityDeduplicator } from './state/activityDeduplicator';
import { StateConflictError } from './state/stateConflictError';
import { getTurnGuard, setTurnGuard } from './state/turnGuard';
import { runTurnEndTasks } from './turnEnd';
import type { TurnLock } from './state/turnLock';

/**
 * A step that may take a user's message before the dialogs do (crisis check, relay to staff).
 * Returns true when it handled the message and the dialogs must not see it.
 */
export interface TurnInterceptor {
  /**
   * Starts the reads this interceptor will need, beside the lock request and the state load, so
   * they share one Redis round trip. Optional. It runs again when the lock came later than the
   * reads (their results may be stale): anything that counts rather than reads (a rate limit)
   * must keep its first result.
   */
  prefetch?(context: TurnContext): void;
  intercept(context: TurnContext): Promise<boolean>;
}

export interface HelplineBotDeps {
  conversationState: BotState;
  userState: BotState;
  mainDialog: MainDialog;
  messages: Messages;
  dedupe: ActivityDeduplicator;
  logger: Logger;
  /** In order: crisis check first, then the relay to staff. */
  interceptors?: TurnInterceptor[];
  /** Send "typing…" when a turn takes longer than this (ms). */
  typingAfterMs?: number;
  /** Serialises the turns of one conversation (several instances, double clicks); none = no lock. */
  turnLock?: TurnLock;
}

/** turnState key of the promise of this turn's two state loads. */
const STATE_LOADS = Symbol('stateLoads');
/** turnState key of the promise of "was this activity handled already?". */
const HANDLED = Symbol('handledBefore');

interface ConversationFlags {
  welcomed?: boolean;
}

/**
 * The turn pipeline: de-duplicate, resolve the language, crisis check, relay when staff are on,
 * else run the dialogs; then save (or, after "erase my data", delete) the state.
 */
export class HelplineBot {
  private readonly dialogs: DialogSet;
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly flags: StatePropertyAccessor<ConversationFlags>;
  readonly userProfile: StatePropertyAccessor<UserProfile>;

  constructor(private readonly deps: HelplineBotDeps) {
    this.dialogState = deps.conversationState.createProperty<DialogState>('dialogState');
    this.flags = deps.conversationState.createProperty<ConversationFlags>('flags');
    this.userProfile = deps.userState.createProperty<UserProfile>('profile');
    this.dialogs = new DialogSet(this.dialogState);
    this.dialogs.add(deps.mainDialog);
  }

  /** Handles one activity; the adapter calls it for every request. */
  async run(context: TurnContext): Promise<void> {
    const { activity } = context;
    if (activity.type === ActivityTypes.Invoke) {
      // No channel of ours uses invokes; answering 200 treats them like other unknown types
      // (ignored) instead of the SDK's 501, which looks like a server fault to monitoring.
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200 } });
      return;
    }
    const { turnLock } = this.deps;
    const conversationKey = `${activity.channelId}:${activity.conversation?.id}`;
    const startReads = (): void => this.startReads(context);
    const turn = (readsAreFresh: boolean, fenceToken?: string): Promise<void> => {
      // The state write presents the lock's token and records the activity as handled (src/state/turnGuard.ts).
      setTurnGuard(context, { conversationKey, fenceToken, activityId: activity.id || undefined });
      return this.runLocked(context, readsAreFresh);
    };
    if (turnLock) {
      await turnLock.run(conversationKey, turn, startReads);
    } else {
      startReads();
      await turn(true);
    }
  }

  /**
   * Sends every read the turn needs (both state documents, the interceptors' reads) at once, beside
   * the lock request, so that they share its Redis round trip (README, Performance).
   */
  private startReads(context: TurnContext): void {
    const { activity } = context;
    // Whether a retry of this activity already completed: read with the state, behind the lock request.
    const handled = activity.id ? this.deps.dedupe.wasHandled(`${activity.channelId}:${activity.conversation?.id}`, activity.id) : Promise.resolve(false);
    handled.catch(() => undefined);
    context.turnState.set(HANDLED, handled);
    if (activity.type === ActivityTypes.Message) for (const i of this.deps.interceptors ?? []) i.prefetch?.(context);
    const loads = Promise.all([this.deps.conversationState.load(context, true), this.deps.userState.load(context, true)]);
    loads.catch(() => undefined); // awaited in runLocked(); never an unhandled rejection
    context.turnState.set(STATE_LOADS, loads);
  }

  /**
   * The turn proper: state is read and saved inside the conversation's lock. A state write that
   * finds the state changed since it was read (compare-and-set lost) runs the turn once more
   * from a fresh read, as long as nothing was sent yet; else the user is asked to try again.
   */
  private async runLocked(context: TurnContext, readsAreFresh: boolean): Promise<void> {
    const { activity } = context;
    // Reads sent before the lock was ours may predate the previous turn's save: read again.
    if (!readsAreFresh) this.startReads(context);
    if (await context.turnState.get(HANDLED)) {
      this.deps.logger.info({ conversationId: activity.conversation?.id }, 'duplicate activity ignored');
      return;
    }
    // Ids and event names only (STYLE: no message text in logs), so ops can follow a conversation.
    this.deps.logger.debug({ conversationId: activity.conversation?.id, activityType: activity.type }, 'turn');
    const typing = this.startTypingTimer(context);
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          await this.runOnce(context);
          return;
        } catch (error) {
          if (!(error instanceof StateConflictError) || attempt > 1 || context.responded) throw error;
          this.deps.logger.warn({ conversationId: activity.conversation?.id }, 'state changed during the turn; running it again from a fresh read');
          this.startReads(context);
        }
      }
    } finally {
      clearTimeout(typing);
    }
  }

  private async runOnce(context: TurnContext): Promise<void> {
    const { activity } = context;
    await context.turnState.get(STATE_LOADS);
    const askLanguage = await this.resolveLanguage(context);
    if (activity.type === ActivityTypes.ConversationUpdate) {
      await this.onConversationUpdate(context, askLanguage);
    } else if (activity.type === ActivityTypes.Message) {
      await this.onMessage(context, askLanguage);
    }
    await this.persist(context);
  }

  private async onConversationUpdate(context: TurnContext, askLanguage: boolean): Promise<void> {
    const botId = context.activity.recipient?.id;
    const newcomers = (context.activity.membersAdded ?? []).filter((m) => m.id !== botId);
    if (newcomers.length === 0) return;
    await this.startConversation(context, askLanguage);
  }

  private async onMessage(context: TurnContext, askLanguage: boolean): Promise<void> {
    for (const interceptor of this.deps.interceptors ?? []) {
      if (await interceptor.intercept(context)) return;
    }
    const dc = await this.dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) {
      const flags = await this.flags.get(context, {});
      if (!flags.welcomed) await this.startConversation(context, askLanguage);
      else await dc.beginDialog(MAIN_DIALOG, {} satisfies MainDialogOptions);
    }
  }

  private async startConversation(context: TurnContext, askLanguage: boolean): Promise<void> {
    const flags = await this.flags.get(context, {});
    if (flags.welcomed) return;
    flags.welcomed = true;
    await this.flags.set(context, flags);
    const { messages } = this.deps;
    const locale = askLanguage ? messages.defaultLocale : (await this.userProfile.get(context))?.locale ?? this.localeOf(context);
    await context.sendActivity(`${messages.t(locale, 'welcome.hello')}\n${messages.t(locale, 'welcome.privacyShort')}`);
    const dc = await this.dialogs.createContext(context);
    await dc.beginDialog(MAIN_DIALOG, { askLanguage } satisfies MainDialogOptions);
  }

  /** Saved choice, else the channel's locale, else the default (and then we ask). */
  private async resolveLanguage(context: TurnContext): Promise<boolean> {
    // No default value: the SDK would store it, and every new user would cost a state write.
    const profile = (await this.userProfile.get(context)) ?? {};
    const supported = this.deps.messages.supported();
    const locale = resolveLocale(profile.locale, supported) ?? resolveLocale(context.activity.locale, supported);
    setTurnLocale(context, locale ?? this.deps.messages.defaultLocale);
    return locale === undefined;
  }

  private localeOf(context: TurnContext): string {
    return resolveLocale(context.activity.locale, this.deps.messages.supported()) ?? this.deps.messages.defaultLocale;
  }

  /**
   * Saves the state and only then counts the activity as handled: with the conversation's state
   * in one atomic write (Redis), or on its own when that state did not change. A crash before
   * this point leaves the activity unhandled, so the channel's retry runs it again.
   */
  private async persist(context: TurnContext): Promise<void> {
    if (wasErasedThisTurn(context)) {
      // No mark either: it would name the conversation after "erase my data"; a retry erases again.
      await this.deps.conversationState.delete(context);
      await this.deps.userState.delete(context);
      return;
    }
    await Promise.all([
      this.deps.conversationState.saveChanges(context),
      this.deps.userState.saveChanges(context),
      runTurnEndTasks(context),
    ]);
    const guard = getTurnGuard(context);
    if (guard?.activityId && !guard.recorded) await this.deps.dedupe.markHandled(guard.conversationKey, guard.activityId, guard.fenceToken);
  }

  /** "typing…" only when a turn is slow: most turns answer before it would show. */
  private startTypingTimer(context: TurnContext): NodeJS.Timeout {
    return setTimeout(() => {
      if (!context.responded) {
        context.sendActivity({ type: ActivityTypes.Typing }).catch(() => undefined);
      }
    }, this.deps.typingAfterMs ?? 700);
  }
}
