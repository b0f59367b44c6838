import {
  ComponentDialog,
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { getTurnLocale } from '../../src/i18n/turnLocale';
import { AskDialog, ASK_DIALOG, type AskOptions } from '../shared/askDialog';
import type { DialogDeps } from '../shared/dialogDeps';
import type { FormOutcome } from '../shared/formOutcome';
import { caseOriginOf } from './caseOrigin';
import { CALL_MOMENTS, RegistrationHelpSchema, type RegistrationHelp } from './registrationHelp.schema';
import type { Situation } from './registrationContent';

export const CALLBACK_DIALOG = 'callbackDialog';
const CALLBACK_STEPS = 'callbackSteps';

export interface CallbackOptions {
  situation?: Situation;
}

interface CallbackValues {
  form: Partial<RegistrationHelp>;
}

/**
 * Books a call-back for registration help: name, phone, language and part of the day, then a
 * `registration-help` case (REG-…) and a call-back request to the staff queue.
 */
export class CallbackDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(CALLBACK_DIALOG);
    this.addDialog(new AskDialog(deps.messages, deps.services.clock));
    this.addDialog(
      new WaterfallDialog(CALLBACK_STEPS, [
        this.nameStep.bind(this),
        this.phoneStep.bind(this),
        this.languageStep.bind(this),
        this.momentStep.bind(this),
        this.confirmStep.bind(this),
        this.submitStep.bind(this),
      ]),
    );
    this.initialDialogId = CALLBACK_STEPS;
  }

  /** Name to ask for on the phone. */
  private async nameStep(step: WaterfallStepContext<CallbackOptions>): Promise<DialogTurnResult> {
    (step.values as CallbackValues).form = { request: 'callback', situation: step.options?.situation };
    return this.ask(step, { kind: 'text', textKey: 'callback.askName', max: 80 });
  }

  /** Phone number (Belgian formats, kept in E.164). */
  private async phoneStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    this.form(step).name = step.result as string;
    return this.ask(step, { kind: 'phone', textKey: 'callback.askPhone' });
  }

  /** Language to be called in. */
  private async languageStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    this.form(step).phone = step.result as string;
    const codes = [...this.deps.services.data.registration.callbackLanguages, 'other'];
    return this.ask(step, {
      kind: 'choice',
      textKey: 'callback.askLanguage',
      choices: codes.map((code) => ({ value: code, labelKey: `callback.languages.${code}` })),
    });
  }

  /** Best part of the day. */
  private async momentStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    this.form(step).language = step.result as string;
    return this.ask(step, {
      kind: 'choice',
      textKey: 'callback.askMoment',
      choices: CALL_MOMENTS.map((m) => ({ value: m, labelKey: `callback.moments.${m}`, synonymsKey: `callback.words.${m}` })),
    });
  }

  /** Read the booking back and ask to confirm. */
  private async confirmStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const form = this.form(step);
    form.moment = step.result as RegistrationHelp['moment'];
    const locale = getTurnLocale(step.context, this.deps.messages.defaultLocale);
    const { t } = this.labels(locale);
    return this.ask(step, {
      kind: 'yesNo',
      textKey: 'callback.confirm',
      confirm: true,
      vars: {
        name: form.name,
        phone: form.phone,
        language: t(`callback.languages.${form.language}`),
        moment: t(`callback.moments.${form.moment}`),
      },
    });
  }

  /** Store the case, queue the call-back, give the reference. */
  private async submitStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const locale = getTurnLocale(step.context, this.deps.messages.defaultLocale);
    const { t } = this.labels(locale);
    if (step.result !== 'yes') {
      await step.context.sendActivity(t('callback.notBooked'));
      return step.endDialog({ outcome: 'cancelled' } satisfies FormOutcome);
    }
    const data = RegistrationHelpSchema.parse(this.form(step));
    const { cases, handoff } = this.deps.services;
    const result = await cases.submit({
      kind: 'registration-help',
      data,
      origin: caseOriginOf(step.context, this.deps.messages),
      // One open call-back per phone number: a second "call me" must not book a second call.
      duplicateKey: `phone:${data.phone}`,
    });
    const vars = { reference: result.reference, moment: t(`callback.moments.${data.moment}`) };
    await step.context.sendActivity(t(result.duplicate ? 'callback.alreadyBooked' : 'callback.booked', vars));
    if (!result.duplicate) {
      await handoff.request(step.context, {
        topic: 'registration-help',
        priority: 'normal',
        reason: 'callback',
        formData: { ...data, reference: result.reference },
      });
    }
    return step.endDialog({ outcome: 'completed', reference: result.reference } satisfies FormOutcome);
  }

  private form(step: WaterfallStepContext): Partial<RegistrationHelp> {
    return (step.values as CallbackValues).form;
  }

  private ask(step: WaterfallStepContext, options: AskOptions): Promise<DialogTurnResult> {
    return step.beginDialog(ASK_DIALOG, options);
  }

  private labels(locale: string): { t: (key: string, vars?: Record<string, unknown>) => string } {
    return { t: (key, vars = {}) => this.deps.messages.t(locale, key, vars) };
  }
}
