import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { ownerKeyOf } from '../../src/forms/formServices';
import { getTurnLocale } from '../../src/i18n/turnLocale';
import { AskDialog, ASK_DIALOG } from './askDialog';
import type { DialogDeps } from './dialogDeps';
import { parseReference } from './globalCommands';

export const STATUS_DIALOG = 'statusDialog';
const STATUS_STEPS = 'statusSteps';

/** "status LAP-7K3Q9": tells the owner the status of a case, and nothing to anyone else. */
export class StatusDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(STATUS_DIALOG);
    this.addDialog(new AskDialog(deps.messages, deps.services.clock));
    this.addDialog(new WaterfallDialog(STATUS_STEPS, [this.referenceStep.bind(this), this.answerStep.bind(this)]));
    this.initialDialogId = STATUS_STEPS;
  }

  /** Ask the reference unless it came with the command. */
  private async referenceStep(step: WaterfallStepContext<{ reference?: string }>): Promise<DialogTurnResult> {
    if (step.options.reference) return step.next(step.options.reference);
    return step.beginDialog(ASK_DIALOG, { kind: 'text', textKey: 'status.askReference', max: 40 });
  }

  /** Answer with the status in the user's language, or "not found". */
  private async answerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { messages, services } = this.deps;
    const locale = getTurnLocale(step.context, messages.defaultLocale);
    const typed = String(step.result ?? '');
    const reference = parseReference(typed) ?? typed.trim().toUpperCase().slice(0, 20);
    const view = parseReference(typed)
      ? await services.cases.status(reference, ownerKeyOf(step.context))
      : undefined;
    if (!view) {
      await step.context.sendActivity(messages.t(locale, 'status.notFound', { reference }));
    } else {
      // Follow-up statuses (contact-made, approved-loan…) are worded in the followUp namespace.
      const statusKey = [`followUp.statusValues.${view.status}`, `status.values.${view.status}`].find((k) => messages.hasKey(locale, k));
      const status = statusKey ? messages.t(locale, statusKey) : view.status;
      const partners = view.partners.length ? new Intl.ListFormat(locale, { type: 'conjunction' }).format(view.partners) : undefined;
      await step.context.sendActivity(
        partners
          ? messages.t(locale, 'followUp.statusWithPartner', { reference, status, partners })
          : messages.t(locale, 'status.found', { reference, status }),
      );
    }
    return step.endDialog();
  }
}
