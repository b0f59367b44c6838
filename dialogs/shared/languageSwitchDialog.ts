import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { setTurnLocale } from '../../src/i18n/turnLocale';
import { AskDialog, ASK_DIALOG } from './askDialog';
import type { DialogDeps } from './dialogDeps';

export const LANGUAGE_SWITCH_DIALOG = 'languageSwitchDialog';
const SWITCH_STEPS = 'languageSwitchSteps';

interface SwitchOptions {
  locale: string;
}

/**
 * The user wrote in another supported language: ask, in that language, whether to continue in
 * it. A "no" is remembered so the question is not asked again.
 */
export class LanguageSwitchDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(LANGUAGE_SWITCH_DIALOG);
    this.addDialog(new AskDialog(deps.messages, deps.services.clock));
    this.addDialog(new WaterfallDialog(SWITCH_STEPS, [this.askStep.bind(this), this.answerStep.bind(this)]));
    this.initialDialogId = SWITCH_STEPS;
  }

  /** "Shall we continue in English?", asked in English. */
  private async askStep(step: WaterfallStepContext<SwitchOptions>): Promise<DialogTurnResult> {
    return step.beginDialog(ASK_DIALOG, { kind: 'yesNo', textKey: 'language.switchOffer', locale: step.options.locale });
  }

  /** Switch, or remember the refusal. */
  private async answerStep(step: WaterfallStepContext<SwitchOptions>): Promise<DialogTurnResult> {
    const { locale } = step.options;
    const profile = await this.deps.userProfile.get(step.context, {});
    if (step.result === 'yes') {
      profile.locale = locale;
      setTurnLocale(step.context, locale);
      await step.context.sendActivity(this.deps.messages.t(locale, 'language.changed'));
    } else {
      profile.languageDeclined = [...(profile.languageDeclined ?? []), locale];
    }
    await this.deps.userProfile.set(step.context, profile);
    return step.endDialog();
  }
}
