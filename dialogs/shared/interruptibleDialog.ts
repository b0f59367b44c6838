import { ActivityTypes } from 'botbuilder';
import {
  ComponentDialog,
  Dialog,
  DialogTurnStatus,
  type DialogContext,
  type DialogTurnResult,
} from 'botbuilder-dialogs';
import type { HandoffRequest } from '../../src/forms/formServices';
import { getTurnLocale } from '../../src/i18n/turnLocale';
import { AskDialog } from './askDialog';
import type { DialogDeps, Draft } from './dialogDeps';
import { EraseDialog, ERASE_DIALOG } from './eraseDialog';
import type { FormOutcome } from './formOutcome';
import { detectGlobalCommand, type GlobalCommand } from './globalCommands';
import { LanguageDialog, LANGUAGE_DIALOG } from './languageDialog';
import { LanguageSwitchDialog, LANGUAGE_SWITCH_DIALOG } from './languageSwitchDialog';
import { guessLanguage } from '../../src/i18n/languageGuess';
import { ASK_DIALOG, type AskOptions } from './askDialog';
import { ResumeDialog, RESUME_DIALOG } from './resumeDialog';
import { takeSignal, type FormSignal } from './signals';
import { StatusDialog, STATUS_DIALOG } from './statusDialog';

/**
 * Base of every form: handles the global words (help, stop, menu, person, language, status,
 * privacy, erase) at any prompt, keeps a draft when the user leaves for the menu, and offers to
 * resume it next time.
 * @remarks Only the innermost interruptible dialog reacts, so a form inside MainDialog handles
 * its own "help" with its own help text.
 */
export abstract class InterruptibleDialog extends ComponentDialog {
  /** A form keeps the draft when "menu" is typed in a form nested in it; the menu itself does not. */
  protected readonly keepsDraftOfNestedForms: boolean = true;
  /** Topic used when this dialog hands the conversation to a person (team routing). */
  protected abstract readonly topic: string;
  /** Locale key of this dialog's help text. */
  protected abstract readonly helpKey: string;

  constructor(
    id: string,
    protected readonly deps: DialogDeps,
  ) {
    super(id);
    this.addDialog(new AskDialog(deps.messages, deps.services.clock));
    this.addDialog(new LanguageDialog(deps));
    this.addDialog(new LanguageSwitchDialog(deps));
    this.addDialog(new StatusDialog(deps));
    this.addDialog(new EraseDialog(deps));
    this.addDialog(new ResumeDialog());
  }

  protected override async onBeginDialog(innerDc: DialogContext, options?: object): Promise<DialogTurnResult> {
    const profile = (await this.deps.userProfile.get(innerDc.context)) ?? {};
    const draft = profile.drafts?.[this.id];
    if (draft) {
      delete profile.drafts![this.id];
      await this.deps.userProfile.set(innerDc.context, profile);
      return innerDc.beginDialog(RESUME_DIALOG, {
        stack: draft.stack,
        startDialogId: this.initialDialogId,
        startOptions: this.startOptions(options),
        continueOptions: draft.answers ? this.continueOptions(draft, options) : undefined,
      });
    }
    return super.onBeginDialog(innerDc, this.startOptions(options));
  }

  /** Options of the first inner dialog when the form starts afresh (declared forms wrap them). */
  protected startOptions(options: object | undefined): object | undefined {
    return options;
  }

  /** Options that restart the form from a `{ answers, version }` draft (declared forms). */
  protected continueOptions(_draft: Draft, options: object | undefined): object | undefined {
    return options;
  }

  /** What a draft keeps of this form: by default the inner dialog stack. */
  protected draftOf(innerDc: DialogContext): Omit<Draft, 'savedAt'> {
    return { stack: structuredClone(innerDc.stack) };
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const active = innerDc.activeDialog ? this.findDialog(innerDc.activeDialog.id) : undefined;
    const { activity } = innerDc.context;
    if (active instanceof InterruptibleDialog) {
      // "menu" in a form inside a form (a call-back inside the registration help): the outer
      // form keeps the draft, so choosing it again in the menu offers to resume (the whole stack).
      const nestedMenu = this.keepsDraftOfNestedForms && activity.type === ActivityTypes.Message && typeof activity.text === 'string'
        && detectGlobalCommand(this.deps.messages, activity.text)?.kind === 'menu';
      if (!nestedMenu) return super.onContinueDialog(innerDc);
    }

    if (activity.type === ActivityTypes.Message && typeof activity.text === 'string') {
      const command = detectGlobalCommand(this.deps.messages, activity.text);
      if (command) {
        const handled = await this.onCommand(innerDc, command);
        if (handled) return this.afterStep(innerDc, handled);
      }
      const switchTo = await this.languageToOffer(innerDc, activity.text);
      if (switchTo) return innerDc.beginDialog(LANGUAGE_SWITCH_DIALOG, { locale: switchTo });
    }
    return this.afterStep(innerDc, await super.onContinueDialog(innerDc));
  }

  /**
   * Reacts to a global word. Returns undefined to let the active prompt treat the text as an
   * answer instead. Subclasses may override single commands (MainDialog does for menu/cancel).
   */
  protected async onCommand(innerDc: DialogContext, command: GlobalCommand): Promise<DialogTurnResult | undefined> {
    const { messages, services } = this.deps;
    const locale = getTurnLocale(innerDc.context, messages.defaultLocale);
    switch (command.kind) {
      case 'help':
        await innerDc.context.sendActivity(messages.t(locale, this.helpKey, this.helpVars()));
        await innerDc.repromptDialog();
        return Dialog.EndOfTurn;
      case 'privacy':
        await innerDc.context.sendActivity(
          messages.t(locale, 'privacy.notice', {
            transcriptDays: services.data.retention.transcriptDays,
            email: services.data.helpline.email,
          }),
        );
        await innerDc.repromptDialog();
        return Dialog.EndOfTurn;
      case 'cancel':
        await innerDc.cancelAllDialogs();
        return this.finish(innerDc, { outcome: 'cancelled' });
      case 'menu':
        await this.saveDraft(innerDc);
        await innerDc.cancelAllDialogs();
        return this.finish(innerDc, { outcome: 'paused' });
      case 'person': {
        const request = this.handoffRequest(innerDc, 'asked');
        await innerDc.cancelAllDialogs();
        return this.finish(innerDc, { outcome: 'handoff', request });
      }
      case 'language':
        return innerDc.beginDialog(LANGUAGE_DIALOG);
      case 'status':
        return innerDc.beginDialog(STATUS_DIALOG, { reference: command.reference });
      case 'erase':
        return innerDc.beginDialog(ERASE_DIALOG);
    }
  }

  /**
   * A long answer to a numbered question, written in another supported language, is taken as a
   * wish to switch. Never on free-text questions: there it is an answer, and is kept.
   */
  private async languageToOffer(innerDc: DialogContext, text: string): Promise<string | undefined> {
    const active = innerDc.activeDialog;
    if (active?.id !== ASK_DIALOG) return undefined;
    const kind = (active.state as { options?: AskOptions }).options?.kind;
    if (kind !== 'choice' && kind !== 'multiChoice' && kind !== 'yesNo' && kind !== 'scale') return undefined;
    const { messages } = this.deps;
    const guess = guessLanguage(text, messages.supported());
    if (!guess || guess === getTurnLocale(innerDc.context, messages.defaultLocale)) return undefined;
    const profile = (await this.deps.userProfile.get(innerDc.context)) ?? {};
    return profile.languageDeclined?.includes(guess) ? undefined : guess;
  }

  /** Variables for the help text (opening hours, phone…). */
  protected helpVars(): Record<string, unknown> {
    const { data, hours } = this.deps.services;
    return { phone: data.helpline.phoneDisplay, email: data.helpline.email, hours: hours.summary() };
  }

  /** What a person taking over should see: the answers given so far. */
  protected handoffRequest(innerDc: DialogContext, reason: HandoffRequest['reason']): HandoffRequest {
    // Forms keep their answers in `step.values.form` of their main waterfall (bottom of the stack).
    const values = (innerDc.stack[0]?.state as { values?: { form?: Record<string, unknown> } } | undefined)?.values;
    return { topic: this.topic, priority: 'normal', reason, formData: values?.form };
  }

  /** Ends this dialog with an outcome for the parent; MainDialog overrides it to act itself. */
  protected async finish(_innerDc: DialogContext, outcome: FormOutcome): Promise<DialogTurnResult> {
    return { status: DialogTurnStatus.complete, result: outcome };
  }

  private async afterStep(innerDc: DialogContext, result: DialogTurnResult): Promise<DialogTurnResult> {
    const signal: FormSignal | undefined = takeSignal(innerDc.context);
    if (!signal) return result;
    const request = signal.kind === 'handoff' ? this.handoffRequest(innerDc, signal.reason) : undefined;
    await innerDc.cancelAllDialogs();
    if (request) return this.finish(innerDc, { outcome: 'handoff', request });
    return this.finish(innerDc, { outcome: signal.kind === 'erased' ? 'erased' : 'cancelled' });
  }

  private async saveDraft(innerDc: DialogContext): Promise<void> {
    const profile = await this.deps.userProfile.get(innerDc.context, {});
    profile.drafts = {
      ...profile.drafts,
      [this.id]: { ...this.draftOf(innerDc), savedAt: this.deps.services.clock.now().toISOString() },
    };
    await this.deps.userProfile.set(innerDc.context, profile);
  }
}
