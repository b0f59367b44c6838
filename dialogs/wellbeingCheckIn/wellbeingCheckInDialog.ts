import {
  WaterfallDialog,
  type DialogContext,
  type DialogTurnResult,
  type WaterfallStep,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { HandoffRequest } from '../../src/forms/formServices';
import { answerLexicon } from '../../src/understanding/answerLexicon';
import { readYesNo } from '../../src/understanding/answerReader';
import { getTurnLocale } from '../../src/i18n/turnLocale';
import { ASK_DIALOG, type AskOptions, type ChoiceSpec } from '../shared/askDialog';
import type { DialogDeps } from '../shared/dialogDeps';
import type { FormOutcome } from '../shared/formOutcome';
import { InterruptibleDialog } from '../shared/interruptibleDialog';
import { scoreSwemwbs } from './swemwbs';
import {
  AGE_BAND_OPTIONS,
  GENDER_OPTIONS,
  PLACE_OPTIONS,
  SCALE_CHOICES,
  SCALE_OPTIONS,
  STATEMENT_COUNT,
  WellbeingCheckInSchema,
  type WellbeingDraft,
} from './wellbeingCheckIn.schema';

export const WELLBEING_CHECK_IN_DIALOG = 'wellbeingCheckInDialog';
const CHECK_IN_STEPS = 'wellbeingCheckInSteps';
const YOUNGER_STEPS = 'wellbeingYoungerSteps';

const SUPPORT_OPTIONS = ['talk', 'callback', 'lines', 'noThanks'] as const;
const YOUNGER_OPTIONS = ['talk', 'lines', 'menu'] as const;

const choices = (values: readonly string[], prefix: string): ChoiceSpec[] =>
  values.map((value) => ({ value, labelKey: `${prefix}.${value}`, synonymsKey: `${prefix}Words.${value}` }));

type Step = WaterfallStepContext<object>;
/** The step's scratch values; botbuilder types them as `object`. */
const valuesOf = (step: Step): { form?: WellbeingDraft; contact?: { firstName: string } } => step.values;
const draftOf = (step: Step): WellbeingDraft => (valuesOf(step).form ??= { answers: [] });

/**
 * "Hoe gaat het met je?": the 7 SWEMWBS statements plus one extra, one at a time, for pupils of
 * about 13 and older; an encouraging reply (never a score or a label) and, in the low band or
 * when the pupil wrote something, an offer to talk to a person now, be called back, or see the
 * help lines. The answers are kept, anonymously, only when the pupil says yes.
 * @remarks The free-text message is never kept with the answers: it could identify the pupil.
 * Crisis words in it are caught by the crisis layer before this dialog sees them.
 */
export class WellbeingCheckInDialog extends InterruptibleDialog {
  protected readonly topic = 'wellbeing';
  protected readonly helpKey = 'wellbeing.help';

  constructor(deps: DialogDeps) {
    super(WELLBEING_CHECK_IN_DIALOG, deps);
    const statementSteps: WaterfallStep[] = Array.from({ length: STATEMENT_COUNT }, () => this.statementStep.bind(this));
    this.addDialog(
      new WaterfallDialog(CHECK_IN_STEPS, [
        this.introStep.bind(this),
        this.ageStep.bind(this),
        ...statementSteps,
        this.genderStep.bind(this),
        this.placeStep.bind(this),
        this.messageStep.bind(this),
        this.keepStep.bind(this),
        this.resultStep.bind(this),
        this.supportStep.bind(this),
        this.callbackPhoneStep.bind(this),
        this.callbackDoneStep.bind(this),
      ]),
    );
    this.addDialog(new WaterfallDialog(YOUNGER_STEPS, [this.youngerStep.bind(this), this.youngerChoiceStep.bind(this)]));
    this.initialDialogId = CHECK_IN_STEPS;
  }

  /** What this is, what happens with the answers, the licence line; then the age band. */
  private async introStep(step: Step): Promise<DialogTurnResult> {
    draftOf(step);
    await step.context.sendActivity(this.t(step, 'wellbeing.intro'));
    return this.ask(step, { kind: 'choice', textKey: 'wellbeing.askAge', choices: choices(AGE_BAND_OPTIONS, 'wellbeing.ageBands') });
  }

  /** Under 13: a kind redirect; else on to the statements. */
  private async ageStep(step: Step): Promise<DialogTurnResult> {
    const draft = draftOf(step);
    draft.ageBand = step.result as WellbeingDraft['ageBand'];
    if (draft.ageBand === 'under13') return step.replaceDialog(YOUNGER_STEPS);
    await step.context.sendActivity(this.t(step, 'wellbeing.howToAnswer'));
    return step.next();
  }

  /** Stores the previous statement's answer, asks the next one with its progress ("3/8"). */
  private async statementStep(step: Step): Promise<DialogTurnResult> {
    const draft = this.recordAnswer(step);
    const n = draft.answers.length + 1;
    return this.ask(step, {
      kind: 'scale',
      textKey: `wellbeing.statements.s${n}`,
      vars: { n, total: STATEMENT_COUNT },
      choices: SCALE_CHOICES,
    });
  }

  /** Stores the last statement, asks gender. */
  private async genderStep(step: Step): Promise<DialogTurnResult> {
    this.recordAnswer(step);
    return this.ask(step, { kind: 'choice', textKey: 'wellbeing.askGender', choices: choices(GENDER_OPTIONS, 'wellbeing.genders') });
  }

  /** Stores gender, asks where the check-in happens. */
  private async placeStep(step: Step): Promise<DialogTurnResult> {
    draftOf(step).gender = step.result as WellbeingDraft['gender'];
    return this.ask(step, { kind: 'choice', textKey: 'wellbeing.askPlace', choices: choices(PLACE_OPTIONS, 'wellbeing.places') });
  }

  /** Stores the place, asks the optional message. */
  private async messageStep(step: Step): Promise<DialogTurnResult> {
    draftOf(step).place = step.result as WellbeingDraft['place'];
    return this.ask(step, { kind: 'text', textKey: 'wellbeing.askMessage', max: 500 });
  }

  /** Stores the message ("no" = none), asks whether the answers may be kept anonymously. */
  private async keepStep(step: Step): Promise<DialogTurnResult> {
    const draft = draftOf(step);
    const text = String(step.result ?? '');
    // "nee", "no thanks", "non merci": nothing to tell; "nee, maar ik ben vaak moe" is a message.
    const reading = readYesNo(text, answerLexicon(this.deps.messages, this.locale(step)));
    const none = reading.answer === 'no' && reading.unmatched === 0;
    if (!none) draft.message = text;
    if (!this.deps.services.anonymous) return step.next('no');
    return this.ask(step, { kind: 'yesNo', textKey: 'wellbeing.askKeep', confirm: true });
  }

  /** Keeps the record on yes, replies warmly, and offers support when it fits. */
  private async resultStep(step: Step): Promise<DialogTurnResult> {
    const draft = draftOf(step);
    const { services } = this.deps;
    const checkIn = WellbeingCheckInSchema.parse(draft);
    const score = scoreSwemwbs(checkIn.answers, services.data.wellbeing.lowMetricThreshold);
    if (step.result === 'yes' && services.anonymous && score.status === 'complete') {
      await services.anonymous.append('wellbeing-checkin', {
        date: services.clock.now().toISOString().slice(0, 10),
        place: checkIn.place,
        ageBand: checkIn.ageBand,
        gender: checkIn.gender,
        swemwbsAnswers: checkIn.answers.slice(0, 7),
        happyAnswer: checkIn.answers[7]!,
        raw: score.raw,
        metric: score.metric,
        language: this.locale(step),
      });
      await step.context.sendActivity(this.t(step, 'wellbeing.kept'));
    } else if (services.anonymous) {
      await step.context.sendActivity(this.t(step, 'wellbeing.notKept'));
    }
    draft.low = score.status === 'complete' && score.band === 'low';
    const feedback = score.status === 'incomplete' ? 'feedbackIncomplete' : draft.low ? 'feedbackLow' : 'feedbackOk';
    await step.context.sendActivity(this.t(step, `wellbeing.${feedback}`));
    if (!draft.low && !draft.message) return step.endDialog({ outcome: 'completed' } satisfies FormOutcome);
    return this.ask(step, {
      kind: 'choice',
      textKey: draft.low ? 'wellbeing.offerLow' : 'wellbeing.offerMessage',
      choices: choices(SUPPORT_OPTIONS, 'wellbeing.support'),
    });
  }

  /** Talk now (hand-off), call me back (first name + phone), the help lines, or not now. */
  private async supportStep(step: Step): Promise<DialogTurnResult> {
    const choice = step.result as (typeof SUPPORT_OPTIONS)[number];
    if (choice === 'talk') return step.endDialog(this.handoffOutcome(draftOf(step), 'asked'));
    if (choice === 'callback') return this.ask(step, { kind: 'text', textKey: 'wellbeing.askFirstName', max: 40 });
    await step.context.sendActivity(this.t(step, choice === 'lines' ? 'wellbeing.lines' : 'wellbeing.goodbye'));
    return step.endDialog({ outcome: 'completed' } satisfies FormOutcome);
  }

  /** Keeps the first name for the hand-off only, asks the phone number. */
  private async callbackPhoneStep(step: Step): Promise<DialogTurnResult> {
    valuesOf(step).contact = { firstName: step.result as string };
    return this.ask(step, { kind: 'phone', textKey: 'wellbeing.askPhone' });
  }

  /** Hands over with the contact details; they go to staff, never into the anonymous record. */
  private async callbackDoneStep(step: Step): Promise<DialogTurnResult> {
    const contact = { ...valuesOf(step).contact, phone: step.result as string };
    return step.endDialog(this.handoffOutcome(draftOf(step), 'callback', contact));
  }

  /** Younger than 13: explain kindly, offer a person or the children's help lines. */
  private async youngerStep(step: Step): Promise<DialogTurnResult> {
    await step.context.sendActivity(this.t(step, 'wellbeing.younger', { minimumAge: this.deps.services.data.wellbeing.minimumAge }));
    return this.ask(step, { kind: 'choice', textKey: 'wellbeing.youngerAsk', choices: choices(YOUNGER_OPTIONS, 'wellbeing.youngerOptions') });
  }

  /** Acts on the younger pupil's choice. */
  private async youngerChoiceStep(step: Step): Promise<DialogTurnResult> {
    const choice = step.result as (typeof YOUNGER_OPTIONS)[number];
    if (choice === 'talk') return step.endDialog(this.handoffOutcome({ ageBand: 'under13', answers: [] }, 'asked'));
    if (choice === 'lines') await step.context.sendActivity(this.t(step, 'wellbeing.youngerLines'));
    return step.endDialog({ outcome: choice === 'menu' ? 'cancelled' : 'completed' } satisfies FormOutcome);
  }

  /** Staff see the age band and what the pupil chose to write, never the answers or a score. */
  protected override handoffRequest(innerDc: DialogContext, reason: HandoffRequest['reason']): HandoffRequest {
    const values = (innerDc.stack[0]?.state as { values?: { form?: WellbeingDraft } } | undefined)?.values;
    return { topic: this.topic, priority: 'normal', reason, formData: { ageBand: values?.form?.ageBand } };
  }

  private handoffOutcome(draft: WellbeingDraft, reason: HandoffRequest['reason'], contact?: object): FormOutcome {
    const formData = { ageBand: draft.ageBand, message: draft.message, ...contact };
    // Low band: the pupil goes ahead of ordinary requests in the staff queue.
    return { outcome: 'handoff', request: { topic: this.topic, priority: draft.low ? 'urgent' : 'normal', reason, formData } };
  }

  private recordAnswer(step: Step): WellbeingDraft {
    const draft = draftOf(step);
    const index = SCALE_OPTIONS.indexOf(step.result as (typeof SCALE_OPTIONS)[number]);
    if (index >= 0) draft.answers.push(index + 1);
    return draft;
  }

  private ask(step: Step, options: AskOptions): Promise<DialogTurnResult> {
    return step.beginDialog(ASK_DIALOG, options);
  }

  private locale(step: Step): string {
    return getTurnLocale(step.context, this.deps.messages.defaultLocale);
  }

  private t(step: Step, key: string, vars: Record<string, unknown> = {}): string {
    return this.deps.messages.t(this.locale(step), key, { ...this.deps.services.data.crisisLines, ...vars });
  }
}
