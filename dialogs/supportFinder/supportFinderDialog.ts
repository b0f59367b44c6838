import {
  WaterfallDialog,
  type Dialog,
  type DialogContext,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { schoolYearOf } from '../../src/cases/caseRecord';
import { getTurnLocale } from '../../src/i18n/turnLocale';
import type { MeasureForm } from '../../src/supportFinder/measureSchema';
import { matchMeasures } from '../../src/supportFinder/ruleEngine';
import { ASK_DIALOG, type AskOptions, type ChoiceSpec } from '../shared/askDialog';
import type { DialogDeps } from '../shared/dialogDeps';
import { isFormOutcome, type FormOutcome } from '../shared/formOutcome';
import type { GlobalCommand } from '../shared/globalCommands';
import { InterruptibleDialog } from '../shared/interruptibleDialog';
import {
  COMPUTER_OPTIONS,
  FINDER_LEVELS,
  SKIP,
  prefillFor,
  recordComputer,
  recordLevels,
  recordPostcode,
  recordSimple,
  type FinderState,
} from './finderAnswers';
import { renderMeasureList } from './measureList';

export const SUPPORT_FINDER_DIALOG = 'supportFinderDialog';
const FINDER_STEPS = 'supportFinderSteps';

/** Forms the finder can start, by menu option id (the same instances MainDialog holds). */
export type FinderForms = Partial<Record<MeasureForm, Dialog>>;

/** Begin options of a form started from the finder: the answers it should not ask again. */
export interface PrefillOptions {
  prefill: Record<string, unknown>;
}

type Step = WaterfallStepContext<object>;
/** Per-conversation values of the waterfall (botbuilder types them as `object`). */
interface FinderValues {
  /** Kept under `finder`, not `form`: a hand-off must not carry the answers (only a call-back does). */
  finder?: FinderState;
  action?: string;
  firstName?: string;
}
const valuesOf = (step: Step): FinderValues => step.values;
const stateOf = (step: Step): FinderState => (valuesOf(step).finder ??= { answers: {} });
const skip: ChoiceSpec = { value: SKIP, labelKey: 'common.ratherNotSay', synonymsKey: 'words.ratherNotSay' };
const PERSON_ACTIONS = ['talk', 'callback', 'done'] as const;

/**
 * "What help can we get?": seven short questions, each skippable, matched against the measures
 * in the data file; shows what fits, best first, starts this bot's own form for a measure with
 * the answers carried over, and always offers a person (chat now or a call-back).
 * @remarks Nothing is kept unless the user starts a form or asks for a call-back: the answers
 * stay in the dialog state of this conversation, "menu" leaves without a draft, and a hand-off
 * does not carry them.
 */
export class SupportFinderDialog extends InterruptibleDialog {
  protected readonly topic = 'general';
  protected readonly helpKey = 'supportFinder.help';

  constructor(
    deps: DialogDeps,
    private readonly forms: FinderForms = {},
  ) {
    super(SUPPORT_FINDER_DIALOG, deps);
    // The forms run inside the finder, so their own help, drafts and hand-off apply to them.
    for (const form of Object.values(forms)) if (form) this.addDialog(form);
    this.addDialog(
      new WaterfallDialog(FINDER_STEPS, [
        this.postcodeStep.bind(this),
        this.levelsStep.bind(this),
        this.computerStep.bind(this),
        this.billsStep.bind(this),
        this.allowanceStep.bind(this),
        this.studyStep.bind(this),
        this.worriesStep.bind(this),
        this.resultsStep.bind(this),
        this.actionStep.bind(this),
        this.afterActionStep.bind(this),
        this.callbackStep.bind(this),
      ]),
    );
    this.initialDialogId = FINDER_STEPS;
  }

  /** What this is and what is kept, then the postcode (Mechelen's as buttons). */
  private async postcodeStep(step: Step): Promise<DialogTurnResult> {
    stateOf(step);
    await step.context.sendActivity(this.t(step, 'supportFinder.intro'));
    // Mechelen's postcodes as buttons (the laptop rules' list): an exact postcode a form can reuse.
    const postcodes = this.deps.services.data.laptop.mechelenPostcodes.map((postcode) => ({
      value: postcode,
      labelKey: 'supportFinder.postcodeOption',
      vars: { postcode },
    }));
    const choices = [...postcodes, { value: 'other', labelKey: 'supportFinder.otherMunicipality' }, skip];
    return this.ask(step, { kind: 'choice', textKey: 'supportFinder.askPostcode', choices });
  }

  /** Stores the postcode, asks the children's school levels. */
  private async levelsStep(step: Step): Promise<DialogTurnResult> {
    recordPostcode(stateOf(step), step.result as string);
    const choices = [...FINDER_LEVELS.map((value) => ({ value, labelKey: `supportFinder.levels.${value}` })), skip];
    return this.ask(step, { kind: 'multiChoice', textKey: 'supportFinder.askLevels', choices });
  }

  /** Stores the levels, asks about a computer and internet at home. */
  private async computerStep(step: Step): Promise<DialogTurnResult> {
    recordLevels(stateOf(step), step.result as string[]);
    const choices = [...COMPUTER_OPTIONS.map((value) => ({ value, labelKey: `supportFinder.computer.${value}` })), skip];
    return this.ask(step, { kind: 'choice', textKey: 'supportFinder.askComputer', choices });
  }

  /** Stores computer and internet, asks about unpaid school bills. */
  private async billsStep(step: Step): Promise<DialogTurnResult> {
    recordComputer(stateOf(step), step.result as string);
    return this.ask(step, { kind: 'yesNo', textKey: 'supportFinder.askBills', extra: ['dontKnow', SKIP] });
  }

  /** Stores the bills answer, asks about a school allowance or increased reimbursement. */
  private async allowanceStep(step: Step): Promise<DialogTurnResult> {
    recordSimple(stateOf(step), 'unpaidBills', step.result as string);
    return this.ask(step, { kind: 'yesNo', textKey: 'supportFinder.askAllowance', extra: ['dontKnow', SKIP] });
  }

  /** Stores the allowance answer, asks about homework help or a quiet place to study. */
  private async studyStep(step: Step): Promise<DialogTurnResult> {
    recordSimple(stateOf(step), 'allowance', step.result as string);
    return this.ask(step, { kind: 'yesNo', textKey: 'supportFinder.askStudy', extra: [SKIP] });
  }

  /** Stores the study answer, asks about worries on wellbeing or school absence. */
  private async worriesStep(step: Step): Promise<DialogTurnResult> {
    recordSimple(stateOf(step), 'studyHelp', step.result as string);
    return this.ask(step, { kind: 'yesNo', textKey: 'supportFinder.askWorries', extra: [SKIP] });
  }

  /** Stores the last answer, shows the matching measures, asks what next (forms, a person). */
  private async resultsStep(step: Step): Promise<DialogTurnResult> {
    const state = stateOf(step);
    recordSimple(state, 'worries', step.result as string);
    const { data, clock } = this.deps.services;
    const matches = matchMeasures(data.measures, state.answers, schoolYearOf(clock.now()));
    const available = this.availableForms();
    await step.context.sendActivity(
      renderMeasureList(matches, {
        messages: this.deps.messages,
        locale: this.locale(step),
        helplinePhone: data.helpline.phoneDisplay,
        availableForms: available,
      }),
    );
    const formChoices: ChoiceSpec[] = [];
    for (const { measure } of matches) {
      if (!measure.form || !available.includes(measure.form) || formChoices.some((c) => c.value === measure.form)) continue;
      const name = this.t(step, `supportFinder.measures.${measure.id}.name`);
      formChoices.push({ value: measure.form, labelKey: 'supportFinder.actions.startForm', vars: { name } });
    }
    const personChoices = PERSON_ACTIONS.map((value) => ({ value, labelKey: `supportFinder.actions.${value}` }));
    return this.ask(step, { kind: 'choice', textKey: 'supportFinder.askNext', choices: [...formChoices, ...personChoices] });
  }

  /** Starts the chosen form with the answers given, hands over, asks a call-back name, or ends. */
  private async actionStep(step: Step): Promise<DialogTurnResult> {
    const choice = step.result as string;
    valuesOf(step).action = choice;
    const form = this.forms[choice as MeasureForm];
    if (form) return step.beginDialog(form.id, { prefill: prefillFor(choice, stateOf(step)) } satisfies PrefillOptions);
    if (choice === 'talk') {
      return step.endDialog({ outcome: 'handoff', request: { topic: this.topic, priority: 'normal', reason: 'asked' } } satisfies FormOutcome);
    }
    if (choice === 'callback') return this.ask(step, { kind: 'text', textKey: 'supportFinder.askFirstName', max: 40 });
    await step.context.sendActivity(this.t(step, 'supportFinder.goodbye'));
    return step.endDialog({ outcome: 'completed' } satisfies FormOutcome);
  }

  /** After a form: pass its outcome up to the menu. For a call-back: asks the phone number. */
  private async afterActionStep(step: Step): Promise<DialogTurnResult> {
    if (valuesOf(step).action !== 'callback') {
      return step.endDialog(isFormOutcome(step.result) ? step.result : ({ outcome: 'completed' } satisfies FormOutcome));
    }
    valuesOf(step).firstName = step.result as string;
    return this.ask(step, { kind: 'phone', textKey: 'supportFinder.askCallbackPhone' });
  }

  /** The user asked to be called back: now, and only now, the answers go to staff. */
  private async callbackStep(step: Step): Promise<DialogTurnResult> {
    const { answers } = stateOf(step);
    const formData = { supportFinder: answers, firstName: valuesOf(step).firstName, phone: step.result as string };
    return step.endDialog({
      outcome: 'handoff',
      request: { topic: this.topic, priority: 'normal', reason: 'callback', formData },
    } satisfies FormOutcome);
  }

  /** "menu" leaves without saving a draft: the answers are not kept (see class remarks). */
  protected override async onCommand(innerDc: DialogContext, command: GlobalCommand): Promise<DialogTurnResult | undefined> {
    if (command.kind !== 'menu') return super.onCommand(innerDc, command);
    await innerDc.cancelAllDialogs();
    return this.finish(innerDc, { outcome: 'cancelled' });
  }

  private availableForms(): MeasureForm[] {
    return (Object.keys(this.forms) as MeasureForm[]).filter((key) => this.forms[key] !== undefined);
  }

  private ask(step: Step, options: AskOptions): Promise<DialogTurnResult> {
    return step.beginDialog(ASK_DIALOG, options);
  }

  private locale(step: Step): string {
    return getTurnLocale(step.context, this.deps.messages.defaultLocale);
  }

  private t(step: Step, key: string, vars: Record<string, unknown> = {}): string {
    return this.deps.messages.t(this.locale(step), key, vars);
  }
}
