import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { getTurnLocale } from '../../src/i18n/turnLocale';
import { AskDialog, ASK_DIALOG } from './askDialog';
import type { DialogDeps } from './dialogDeps';
import { raiseSignal } from './signals';

export const ERASE_DIALOG = 'eraseDialog';
const ERASE_STEPS = 'eraseSteps';

/** "erase my data": confirm, then remove everything the bot holds about this user. */
export class EraseDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(ERASE_DIALOG);
    this.addDialog(new AskDialog(deps.messages, deps.services.clock));
    this.addDialog(new WaterfallDialog(ERASE_STEPS, [this.confirmStep.bind(this), this.eraseStep.bind(this)]));
    this.initialDialogId = ERASE_STEPS;
  }

  /** Are you sure? */
  private async confirmStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.beginDialog(ASK_DIALOG, { kind: 'yesNo', textKey: 'erase.confirm', confirm: true });
  }

  /** Erase on yes; the turn pipeline then deletes the state instead of saving it. */
  private async eraseStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const locale = getTurnLocale(step.context, this.deps.messages.defaultLocale);
    if (step.result !== 'yes') {
      await step.context.sendActivity(this.deps.messages.t(locale, 'erase.kept'));
      return step.endDialog();
    }
    await this.deps.services.eraser.eraseUser(step.context);
    await step.context.sendActivity(this.deps.messages.t(locale, 'erase.done'));
    raiseSignal(step.context, { kind: 'erased' });
    return step.endDialog();
  }
}
