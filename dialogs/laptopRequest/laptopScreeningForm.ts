import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { getTurnLocale } from '../../src/i18n/turnLocale';
import { ASK_DIALOG, type AskOptions } from '../shared/askDialog';
import { InterruptibleDialog } from '../shared/interruptibleDialog';
import type { LaptopRequest } from './laptopRequest.schema';
import {
  decideLaptop,
  needsDigisprongQuestion,
  notEligibleReason,
  PUPIL_LEVELS,
  type LaptopAnswers,
  type NotEligibleReason,
} from './laptopRules';

/** The draft of a laptop request, filled step by step (kept in `step.values.form`). */
export type LaptopDraft = Partial<LaptopRequest>;

/** Where a not-eligible family goes: a short waterfall that offers a person. */
export const NOT_ELIGIBLE_STEPS = 'laptopNotEligibleSteps';

/**
 * The screening half of the laptop form (seeds 000/002): lives in Mechelen, children and school
 * levels, Digisprong device, computer at home, internet, earlier laptop, legal residence.
 * @remarks Split from LaptopRequestDialog only to keep files short; the steps run in one
 * waterfall so that the draft a person sees on hand-off holds every answer.
 */
export abstract class LaptopScreeningForm extends InterruptibleDialog {
  /** Where the family lives (postcode): the scheme is Mechelen's. */
  protected async postcodeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result !== undefined) this.form(step).professional!.email = step.result as string;
    const postcode = this.prefilled(step, 'postcode');
    if (postcode !== undefined) return step.next(postcode);
    return this.ask(step, { kind: 'postcode', textKey: 'laptopRequest.askPostcode' });
  }

  /** How many children go to school. */
  protected async pupilsStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    this.form(step).postcode = step.result as string;
    const stop = await this.stopIfNotEligible(step);
    if (stop) return stop;
    const max = this.deps.services.data.laptop.maxPupils;
    return this.ask(step, { kind: 'integer', textKey: 'laptopRequest.askPupils', min: 0, max, vars: { max } });
  }

  /** Their school levels (several answers possible). */
  protected async levelsStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    this.form(step).pupils = step.result as number;
    const stop = await this.stopIfNotEligible(step);
    if (stop) return stop;
    const levels = this.prefilled(step, 'levels');
    if (levels !== undefined) return step.next(levels);
    const from = this.deps.services.data.laptop.digisprongFromGrade;
    return this.ask(step, {
      kind: 'multiChoice',
      textKey: 'laptopRequest.askLevels',
      choices: PUPIL_LEVELS.map((level) => ({
        value: level,
        labelKey: `laptopRequest.levels.${level}`,
        synonymsKey: `laptopRequest.words.${level}`,
        vars: { from, before: from - 1 },
      })),
    });
  }

  /** From the 5th year of primary on: does the school already give a device (Digisprong)? */
  protected async digisprongStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const levels = step.result as LaptopAnswers['levels'];
    this.form(step).levels = levels;
    if (!needsDigisprongQuestion(levels)) return step.next();
    return this.ask(step, {
      kind: 'yesNo',
      textKey: 'laptopRequest.askSchoolDevice',
      extra: ['dontKnow'],
      vars: { from: this.deps.services.data.laptop.digisprongFromGrade },
    });
  }

  /** Is there a computer at home? */
  protected async computerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result !== undefined) this.form(step).schoolProvidesDevice = step.result as LaptopAnswers['schoolProvidesDevice'];
    const stop = await this.stopIfNotEligible(step);
    if (stop) return stop;
    const computerAtHome = this.prefilled(step, 'computerAtHome');
    if (computerAtHome !== undefined) return step.next(computerAtHome);
    return this.ask(step, { kind: 'yesNo', textKey: 'laptopRequest.askComputer' });
  }

  /** Is an internet connection needed? */
  protected async internetStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    this.form(step).computerAtHome = step.result as 'no';
    const stop = await this.stopIfNotEligible(step);
    if (stop) return stop;
    const internetNeeded = this.prefilled(step, 'internetNeeded');
    if (internetNeeded !== undefined) return step.next(internetNeeded);
    return this.ask(step, { kind: 'yesNo', textKey: 'laptopRequest.askInternet', extra: ['dontKnow'] });
  }

  /** Had the family a laptop from the city before? */
  protected async hadBeforeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    this.form(step).internetNeeded = step.result as LaptopRequest['internetNeeded'];
    return this.ask(step, { kind: 'yesNo', textKey: 'laptopRequest.askHadBefore', extra: ['dontKnow'] });
  }

  /** Legal residence, asked gently; no answer refuses anything, and no documents are asked. */
  protected async residenceStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    this.form(step).hadLaptopBefore = step.result as LaptopRequest['hadLaptopBefore'];
    return this.ask(step, { kind: 'yesNo', textKey: 'laptopRequest.askResidence', extra: ['dontKnow', 'ratherNotSay'] });
  }

  /** Gift or loan, and why, in one sentence. */
  protected async tellDecision(step: WaterfallStepContext): Promise<void> {
    const form = this.form(step);
    form.legalResidence = step.result as LaptopRequest['legalResidence'];
    const decision = decideLaptop(form as LaptopAnswers, this.deps.services.data.laptop);
    if (decision.outcome === 'notEligible') return; // screened out earlier; kept for type narrowing
    form.advice = decision.outcome;
    form.adviceReason = decision.reason;
    await step.context.sendActivity(this.t(step, `laptopRequest.decision.${decision.outcome}.${decision.reason}`));
  }

  /** Stops the form with a kind explanation when the answers so far rule the request out. */
  private async stopIfNotEligible(step: WaterfallStepContext): Promise<DialogTurnResult | undefined> {
    const form = this.form(step);
    const reason: NotEligibleReason | undefined = notEligibleReason(form, this.deps.services.data.laptop);
    if (!reason) return undefined;
    const { helpline } = this.deps.services.data;
    await step.context.sendActivity(this.t(step, `laptopRequest.notEligible.${reason}`, { phone: helpline.phoneDisplay, email: helpline.email }));
    return step.replaceDialog(NOT_ELIGIBLE_STEPS, { form: { ...form, notEligible: reason } });
  }

  /**
   * An answer given before this form began (the support finder starts it with
   * `{ prefill: { postcode, levels, computerAtHome, internetNeeded } }`): not asked twice.
   */
  protected prefilled<K extends keyof LaptopDraft>(step: WaterfallStepContext, key: K): LaptopDraft[K] | undefined {
    return (step.options as { prefill?: LaptopDraft } | undefined)?.prefill?.[key];
  }

  protected form(step: WaterfallStepContext): LaptopDraft {
    const values = step.values as { form?: LaptopDraft };
    values.form ??= {};
    return values.form;
  }

  protected ask(step: WaterfallStepContext, options: AskOptions): Promise<DialogTurnResult> {
    return step.beginDialog(ASK_DIALOG, options);
  }

  protected t(step: WaterfallStepContext, key: string, vars: Record<string, unknown> = {}): string {
    return this.deps.messages.t(getTurnLocale(step.context, this.deps.messages.defaultLocale), key, vars);
  }
}
