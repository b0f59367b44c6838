import {
  Dialog,
  WaterfallDialog,
  type DialogContext,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { getTurnLocale } from '../../src/i18n/turnLocale';
import { LaptopRequestDialog, LAPTOP_REQUEST_DIALOG } from '../laptopRequest/laptopRequestDialog';
import { ASK_DIALOG, type AskOptions } from '../shared/askDialog';
import type { DialogDeps } from '../shared/dialogDeps';
import type { FormOutcome } from '../shared/formOutcome';
import type { GlobalCommand } from '../shared/globalCommands';
import { InterruptibleDialog } from '../shared/interruptibleDialog';
import { CALLBACK_FORM } from '../callback/callbackForm';
import { formatMoment, levelOf, registrationFacts, SITUATIONS, type Situation } from './registrationContent';

export const REGISTRATION_HELP_DIALOG = 'registrationHelpDialog';
const SITUATION_STEPS = 'registrationSituationSteps';
const FOLLOW_UP_STEPS = 'registrationFollowUpSteps';

const FOLLOW_UPS = ['noComputer', 'missedPeriod', 'result', 'callback', 'talkNow', 'done'] as const;
type FollowUp = (typeof FOLLOW_UPS)[number];

interface FollowUpOptions {
  situation: Situation;
}

interface FollowUpValues {
  form?: { situation: Situation };
  choice?: FollowUp;
}

/**
 * Registration help ("aanmelden en inschrijven"): explains the steps for the parent's situation
 * from the data file, answers short follow-up questions, and books a call-back or hands over.
 * @remarks Dates are quoted only from items valid for the current registration cycle; otherwise
 * the bot says it does not know them yet and offers a person.
 */
export class RegistrationHelpDialog extends InterruptibleDialog {
  protected readonly topic = 'registration-help';
  protected readonly helpKey = 'registrationHelp.help';

  constructor(deps: DialogDeps) {
    super(REGISTRATION_HELP_DIALOG, deps);
    this.addDialog(CALLBACK_FORM.build(deps));
    this.addDialog(new LaptopRequestDialog(deps));
    this.addDialog(new WaterfallDialog(SITUATION_STEPS, [this.situationStep.bind(this), this.explainStep.bind(this)]));
    this.addDialog(
      new WaterfallDialog(FOLLOW_UP_STEPS, [
        this.followUpStep.bind(this),
        this.answerStep.bind(this),
        this.afterAnswerStep.bind(this),
        this.endStep.bind(this),
      ]),
    );
    this.initialDialogId = SITUATION_STEPS;
  }

  /** Which situation applies (numbered). */
  private async situationStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return this.ask(step, {
      kind: 'choice',
      textKey: 'registrationHelp.askSituation',
      choices: SITUATIONS.map((s) => ({ value: s, labelKey: `registrationHelp.situations.${s}`, synonymsKey: `registrationHelp.words.${s}` })),
    });
  }

  /** Explain the steps for that situation, then the follow-up questions. */
  private async explainStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const situation = step.result as Situation;
    for (const text of this.explanation(step.context, situation)) await step.context.sendActivity(text);
    return step.replaceDialog(FOLLOW_UP_STEPS, { situation } satisfies FollowUpOptions);
  }

  /** Short follow-up questions, a call-back, a person (when staff are there), or done. */
  private async followUpStep(step: WaterfallStepContext<FollowUpOptions>): Promise<DialogTurnResult> {
    (step.values as FollowUpValues).form = { situation: step.options.situation };
    const open = this.deps.services.hours.isOpen(this.deps.services.clock.now());
    const options = FOLLOW_UPS.filter((f) => f !== 'talkNow' || open);
    return this.ask(step, {
      kind: 'choice',
      textKey: 'registrationHelp.followUp.prompt',
      choices: options.map((f) => ({ value: f, labelKey: `registrationHelp.followUp.options.${f}`, synonymsKey: `registrationHelp.words.${f}` })),
    });
  }

  /** Answer the chosen follow-up. */
  private async answerStep(step: WaterfallStepContext<FollowUpOptions>): Promise<DialogTurnResult> {
    const choice = step.result as FollowUp;
    (step.values as FollowUpValues).choice = choice;
    const { situation } = step.options;
    const locale = getTurnLocale(step.context, this.deps.messages.defaultLocale);
    const facts = registrationFacts(this.deps.services.data, situation, this.deps.services.clock.now());
    const t = (key: string, vars: Record<string, unknown> = {}): string => this.deps.messages.t(locale, key, vars);
    switch (choice) {
      case 'noComputer':
        await step.context.sendActivity(t('registrationHelp.followUp.noComputer', facts.helpdesk));
        return this.ask(step, { kind: 'yesNo', textKey: 'registrationHelp.followUp.startLaptop' });
      case 'missedPeriod': {
        const free = facts.period?.freeEnrolmentFrom;
        const from = free ? formatMoment(free, locale, this.deps.services.hours.timeZone) : undefined;
        await step.context.sendActivity(t('registrationHelp.followUp.missedPeriod', { ...facts.helpdesk, from }));
        return step.replaceDialog(FOLLOW_UP_STEPS, step.options);
      }
      case 'result':
        await step.context.sendActivity(t('registrationHelp.explain.result', facts.helpdesk));
        return step.replaceDialog(FOLLOW_UP_STEPS, step.options);
      case 'callback':
        return step.beginDialog(CALLBACK_FORM.name, { situation, topic: this.topic });
      case 'talkNow':
        return step.endDialog({
          outcome: 'handoff',
          request: { topic: this.topic, priority: 'normal', reason: 'asked', formData: { situation } },
        } satisfies FormOutcome);
      case 'done':
        await step.context.sendActivity(t('registrationHelp.goodbye'));
        return step.endDialog({ outcome: 'completed' } satisfies FormOutcome);
    }
  }

  /** After "no computer": start the laptop form when wanted; after a call-back: end with it. */
  private async afterAnswerStep(step: WaterfallStepContext<FollowUpOptions>): Promise<DialogTurnResult> {
    if ((step.values as FollowUpValues).choice === 'callback') return step.endDialog(step.result);
    if (step.result === 'yes') return step.beginDialog(LAPTOP_REQUEST_DIALOG);
    return step.replaceDialog(FOLLOW_UP_STEPS, step.options);
  }

  /** The laptop form ended: pass on how it ended. */
  private async endStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog(step.result);
  }

  /** "person" outside opening hours books a call-back instead of a live hand-off nobody answers. */
  protected override async onCommand(innerDc: DialogContext, command: GlobalCommand): Promise<DialogTurnResult | undefined> {
    const { hours, clock } = this.deps.services;
    if (command.kind !== 'person' || hours.isOpen(clock.now())) return super.onCommand(innerDc, command);
    const locale = getTurnLocale(innerDc.context, this.deps.messages.defaultLocale);
    await innerDc.context.sendActivity(this.deps.messages.t(locale, 'registrationHelp.closedCallback', { hours: hours.summary() }));
    if (innerDc.activeDialog?.id === CALLBACK_FORM.name) {
      await innerDc.repromptDialog();
      return Dialog.EndOfTurn;
    }
    const situation = (innerDc.stack[0]?.state as { options?: Partial<FollowUpOptions> } | undefined)?.options?.situation;
    await innerDc.cancelAllDialogs();
    return innerDc.beginDialog(CALLBACK_FORM.name, { situation, topic: this.topic });
  }

  /** The explanation for a situation, as a few short messages. */
  private explanation(context: DialogContext['context'], situation: Situation): string[] {
    const { messages, services } = this.deps;
    const locale = getTurnLocale(context, messages.defaultLocale);
    const t = (key: string, vars: Record<string, unknown> = {}): string => messages.t(locale, key, vars);
    const facts = registrationFacts(services.data, situation, services.clock.now());
    const level = levelOf(situation);
    if (!level) return [t(`registrationHelp.explain.${situation}`, facts.helpdesk)];
    const at = (iso: string): string => formatMoment(iso, locale, services.hours.timeZone);
    const { period, platform } = facts;
    const dates = period
      ? [
          t('registrationHelp.dates.known', { schoolYear: facts.cycle, from: at(period.aanmelden.from), until: at(period.aanmelden.until) }),
          ...(period.directEnrolment && situation === 'toddler'
            ? [t('registrationHelp.dates.directEnrolment', { from: at(period.directEnrolment.from), until: at(period.directEnrolment.until) })]
            : []),
          ...(period.resultOn ? [t('registrationHelp.dates.result', { result: at(period.resultOn) })] : []),
          ...(period.freeEnrolmentFrom ? [t('registrationHelp.dates.freeEnrolment', { from: at(period.freeEnrolmentFrom) })] : []),
        ]
      : [t('registrationHelp.dates.unknown', { schoolYear: facts.cycle, ...facts.helpdesk })];
    const site = platform ? t('registrationHelp.platform.known', { url: platform.url }) : t('registrationHelp.platform.unknown');
    const places = level === 'secondary' ? 'registrationHelp.places.secondary' : 'registrationHelp.places.primary';
    return [
      [t(`registrationHelp.explain.${situation}`), ...dates, site].join('\n\n'),
      t('registrationHelp.prepare'),
      [t('registrationHelp.reassure'), t(places)].join('\n\n'),
      t('registrationHelp.after'),
    ];
  }

  private ask(step: WaterfallStepContext, options: AskOptions): Promise<DialogTurnResult> {
    return step.beginDialog(ASK_DIALOG, options);
  }
}
