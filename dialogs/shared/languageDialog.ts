import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { setTurnLocale } from '../../src/i18n/turnLocale';
import { AskDialog, ASK_DIALOG, type AskOptions } from './askDialog';
import type { DialogDeps } from './dialogDeps';

export const LANGUAGE_DIALOG = 'languageDialog';
const LANGUAGE_STEPS = 'languageSteps';

/** Lets the user pick a language, each named in itself; the choice is kept in user state. */
export class LanguageDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(LANGUAGE_DIALOG);
    this.addDialog(new AskDialog(deps.messages, deps.services.clock));
    this.addDialog(new WaterfallDialog(LANGUAGE_STEPS, [this.askStep.bind(this), this.saveStep.bind(this)]));
    this.initialDialogId = LANGUAGE_STEPS;
  }

  /** Which language? */
  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { messages } = this.deps;
    const options: AskOptions = {
      kind: 'choice',
      textKey: 'language.prompt',
      choices: messages.supported().map((locale) => ({ value: locale, label: messages.meta(locale).name })),
    };
    return step.beginDialog(ASK_DIALOG, options);
  }

  /** Remember it, confirm in the new language. */
  private async saveStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const locale = String(step.result);
    const profile = await this.deps.userProfile.get(step.context, {});
    profile.locale = locale;
    await this.deps.userProfile.set(step.context, profile);
    setTurnLocale(step.context, locale);
    await step.context.sendActivity(this.deps.messages.t(locale, 'language.changed'));
    return step.endDialog(locale);
  }
}
