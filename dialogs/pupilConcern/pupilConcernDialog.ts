import { TurnContext } from 'botbuilder';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { ownerKeyOf } from '../../src/forms/formServices';
import { getTurnLocale } from '../../src/i18n/turnLocale';
import { ASK_DIALOG, type AskOptions, type ChoiceSpec } from '../shared/askDialog';
import type { DialogDeps } from '../shared/dialogDeps';
import type { FormOutcome } from '../shared/formOutcome';
import { InterruptibleDialog } from '../shared/interruptibleDialog';
import { pupilDuplicateKey } from './duplicateKey';
import {
  ACTIONS,
  ORG_KINDS,
  PARTNERS,
  PupilConcernSchema,
  SCHOOL_LEVELS,
  URGENCIES,
  WORRIES,
  type PupilConcern,
} from './pupilConcern.schema';
import { renderPupilConcernSummary } from './pupilConcernSummary';

export const PUPIL_CONCERN_DIALOG = 'pupilConcernDialog';
const CONCERN_STEPS = 'pupilConcernSteps';
const CONFIRM_OPTIONS = ['send', 'startOver', 'cancel'] as const;

type Step = WaterfallStepContext<object>;
type Draft = Partial<PupilConcern>;
/** The draft a person sees on hand-off; botbuilder types step values as `object`. */
const draftOf = (step: Step): Draft => ((step.values as { form?: Draft }).form ??= {});
const choices = (values: readonly string[], group: string): ChoiceSpec[] =>
  values.map((value) => ({ value, labelKey: `pupilConcern.${group}.${value}` }));
const text = (textKey: string, max: number, pattern?: string): AskOptions => ({
  kind: 'text',
  textKey: `pupilConcern.${textKey}`,
  max,
  ...(pattern ? { pattern, patternErrorKey: 'pupilConcern.initialRetry' } : {}),
});

/**
 * "Zorg melden": a school, CLB or welfare worker reports a worry about a pupil. One place for
 * schools to go; partners get the promise that the school already tried to reach the pupil, and
 * that a family is never approached twice (a second report is added to the open case).
 */
export class PupilConcernDialog extends InterruptibleDialog {
  protected readonly topic = 'pupil-concern';
  protected readonly helpKey = 'pupilConcern.help';

  constructor(deps: DialogDeps) {
    super(PUPIL_CONCERN_DIALOG, deps);
    this.addDialog(
      new WaterfallDialog(
        CONCERN_STEPS,
        /* eslint-disable @typescript-eslint/unbound-method -- every step is bound right below */
        [
          this.orgKindStep, this.orgNameStep, this.reporterNameStep, this.reporterRoleStep, this.phoneStep,
          this.emailStep, this.pupilFirstNameStep, this.surnameInitialStep, this.birthDateKnownStep,
          this.birthDateStep, this.schoolStep, this.levelStep, this.languagesStep, this.clbStep,
          this.partnerStep, this.partnerOtherStep, this.worriesStep, this.worryOtherStep, this.actionsStep,
          this.actionOtherStep, this.parentsStep, this.urgencyStep, this.confirmStep, this.submitStep,
        ].map((s) => s.bind(this)),
        /* eslint-enable @typescript-eslint/unbound-method */
      ),
    );
    this.initialDialogId = CONCERN_STEPS;
  }

  /** Who reports: kind of organisation. */
  private async orgKindStep(step: Step): Promise<DialogTurnResult> {
    draftOf(step);
    await step.context.sendActivity(this.t(step, 'pupilConcern.intro'));
    return this.ask(step, { kind: 'choice', textKey: 'pupilConcern.askOrgKind', choices: choices(ORG_KINDS, 'orgKinds') });
  }

  /** Stores the kind, asks the organisation's name. */
  private async orgNameStep(step: Step): Promise<DialogTurnResult> {
    draftOf(step).orgKind = step.result as PupilConcern['orgKind'];
    return this.ask(step, text('askOrgName', 120));
  }

  /** Stores the organisation, asks the reporter's name. */
  private async reporterNameStep(step: Step): Promise<DialogTurnResult> {
    draftOf(step).orgName = step.result as string;
    return this.ask(step, text('askReporterName', 100));
  }

  /** Stores the name, asks the role. */
  private async reporterRoleStep(step: Step): Promise<DialogTurnResult> {
    draftOf(step).reporterName = step.result as string;
    return this.ask(step, text('askRole', 80));
  }

  /** Stores the role, asks the phone number. */
  private async phoneStep(step: Step): Promise<DialogTurnResult> {
    draftOf(step).reporterRole = step.result as string;
    return this.ask(step, { kind: 'phone', textKey: 'pupilConcern.askPhone' });
  }

  /** Stores the phone, asks the e-mail address. */
  private async emailStep(step: Step): Promise<DialogTurnResult> {
    draftOf(step).reporterPhone = step.result as string;
    return this.ask(step, { kind: 'email', textKey: 'pupilConcern.askEmail' });
  }

  /** Stores the e-mail; about the pupil now, minimal: first name. */
  private async pupilFirstNameStep(step: Step): Promise<DialogTurnResult> {
    draftOf(step).reporterEmail = step.result as string;
    await step.context.sendActivity(this.t(step, 'pupilConcern.aboutPupil'));
    return this.ask(step, text('askPupilFirstName', 40));
  }

  /** Stores the first name, asks the first letter of the surname. */
  private async surnameInitialStep(step: Step): Promise<DialogTurnResult> {
    draftOf(step).pupilFirstName = step.result as string;
    return this.ask(step, text('askSurnameInitial', 40, '^\\p{L}'));
  }

  /** Keeps only the initial (a typed full surname is not stored), asks whether the birth date is known. */
  private async birthDateKnownStep(step: Step): Promise<DialogTurnResult> {
    draftOf(step).pupilSurnameInitial = String(step.result).charAt(0).toLocaleUpperCase('nl');
    return this.ask(step, { kind: 'yesNo', textKey: 'pupilConcern.askBirthDateKnown' });
  }

  /** The date of birth, or the age when it is not known. */
  private async birthDateStep(step: Step): Promise<DialogTurnResult> {
    if (step.result === 'yes') return this.ask(step, { kind: 'date', textKey: 'pupilConcern.askBirthDate' });
    return this.ask(step, { kind: 'integer', textKey: 'pupilConcern.askAge', min: 2, max: 25 });
  }

  /** Stores date or age; the school (a school reporting about its own pupil: already known). */
  private async schoolStep(step: Step): Promise<DialogTurnResult> {
    const draft = draftOf(step);
    if (typeof step.result === 'number') draft.pupilAge = step.result;
    else draft.pupilBirthDate = step.result as string;
    if (draft.orgKind === 'school') return step.next(draft.orgName);
    return this.ask(step, text('askSchool', 120));
  }

  /** Stores the school, asks the level. */
  private async levelStep(step: Step): Promise<DialogTurnResult> {
    draftOf(step).school = step.result as string;
    return this.ask(step, { kind: 'choice', textKey: 'pupilConcern.askLevel', choices: choices(SCHOOL_LEVELS, 'levels') });
  }

  /** Stores the level, asks the home language(s). */
  private async languagesStep(step: Step): Promise<DialogTurnResult> {
    draftOf(step).level = step.result as PupilConcern['level'];
    return this.ask(step, text('askLanguages', 100));
  }

  /** Stores the languages; is the CLB involved (the CLB itself: yes). */
  private async clbStep(step: Step): Promise<DialogTurnResult> {
    const draft = draftOf(step);
    draft.homeLanguages = step.result as string;
    if (draft.orgKind === 'clb') return step.next('yes');
    return this.ask(step, { kind: 'yesNo', textKey: 'pupilConcern.askClb', extra: ['dontKnow'] });
  }

  /** Stores the CLB answer, asks which partner already works with the pupil. */
  private async partnerStep(step: Step): Promise<DialogTurnResult> {
    draftOf(step).clbInvolved = step.result as PupilConcern['clbInvolved'];
    return this.ask(step, { kind: 'choice', textKey: 'pupilConcern.askPartner', choices: choices(PARTNERS, 'partners') });
  }

  /** Stores the partner; names another partner when "other". */
  private async partnerOtherStep(step: Step): Promise<DialogTurnResult> {
    draftOf(step).partner = step.result as PupilConcern['partner'];
    return step.result === 'other' ? this.ask(step, text('askPartnerOther', 100)) : step.next();
  }

  /** Stores the other partner, asks the worries (several numbers). */
  private async worriesStep(step: Step): Promise<DialogTurnResult> {
    if (typeof step.result === 'string') draftOf(step).partnerOther = step.result;
    return this.ask(step, { kind: 'multiChoice', textKey: 'pupilConcern.askWorries', choices: choices(WORRIES, 'worries') });
  }

  /** Stores the worries; describes "other" in a few words. */
  private async worryOtherStep(step: Step): Promise<DialogTurnResult> {
    const worries = step.result as PupilConcern['worries'];
    draftOf(step).worries = worries;
    return worries.includes('other') ? this.ask(step, text('askWorryOther', 300)) : step.next();
  }

  /** Stores the other worry, asks what was already done to reach the pupil (at least one). */
  private async actionsStep(step: Step): Promise<DialogTurnResult> {
    if (typeof step.result === 'string') draftOf(step).worryOther = step.result;
    return this.ask(step, { kind: 'multiChoice', textKey: 'pupilConcern.askActions', choices: choices(ACTIONS, 'actions') });
  }

  /** Stores the attempts; describes "other". */
  private async actionOtherStep(step: Step): Promise<DialogTurnResult> {
    const actions = step.result as PupilConcern['actions'];
    draftOf(step).actions = actions;
    return actions.includes('other') ? this.ask(step, text('askActionOther', 300)) : step.next();
  }

  /** Stores the other attempt, asks whether the parents know about this report. */
  private async parentsStep(step: Step): Promise<DialogTurnResult> {
    if (typeof step.result === 'string') draftOf(step).actionOther = step.result;
    return this.ask(step, { kind: 'yesNo', textKey: 'pupilConcern.askParents', extra: ['dontKnow'] });
  }

  /** Stores the parents' answer, asks the urgency. */
  private async urgencyStep(step: Step): Promise<DialogTurnResult> {
    draftOf(step).parentsKnow = step.result as PupilConcern['parentsKnow'];
    return this.ask(step, { kind: 'choice', textKey: 'pupilConcern.askUrgency', choices: choices(URGENCIES, 'urgencies') });
  }

  /** Stores the urgency, shows the summary, asks to send. */
  private async confirmStep(step: Step): Promise<DialogTurnResult> {
    const draft = draftOf(step);
    draft.urgency = step.result as PupilConcern['urgency'];
    const concern = PupilConcernSchema.parse(draft);
    await step.context.sendActivity(renderPupilConcernSummary(this.deps.messages, this.locale(step), concern));
    const confirmChoices = choices(CONFIRM_OPTIONS, 'confirm').map((c) => ({
      ...c,
      ...(c.value === 'send' ? { means: 'yes' as const } : c.value === 'cancel' ? { means: 'no' as const } : {}),
    }));
    return this.ask(step, { kind: 'choice', textKey: 'pupilConcern.askConfirm', choices: confirmChoices, confirm: true });
  }

  /** Sends (or merges into the open case), gives the reference, hands over when urgent today. */
  private async submitStep(step: Step): Promise<DialogTurnResult> {
    if (step.result === 'startOver') return step.replaceDialog(CONCERN_STEPS);
    if (step.result === 'cancel') {
      await step.context.sendActivity(this.t(step, 'pupilConcern.notSent'));
      return step.endDialog({ outcome: 'cancelled' } satisfies FormOutcome);
    }
    const { services } = this.deps;
    const concern = PupilConcernSchema.parse(draftOf(step));
    const { context } = step;
    const result = await services.cases.submit({
      kind: 'pupil-concern',
      data: concern,
      duplicateKey: pupilDuplicateKey(concern),
      origin: {
        ownerKey: ownerKeyOf(context),
        conversationId: context.activity.conversation?.id ?? 'unknown',
        channelId: context.activity.channelId,
        locale: this.locale(step),
        // Kept so staff updates ("feedback") can reach this reporter later, proactively.
        conversationRef: TurnContext.getConversationReference(context.activity),
      },
    });
    const reference = result.reference;
    const key = !result.duplicate ? 'submitted' : result.sameOwner ? 'alreadyReported' : 'alreadyFollowed';
    await context.sendActivity(this.t(step, `pupilConcern.${key}`, { reference }));
    if (concern.urgency === 'urgentToday') {
      if (services.hours.isOpen(services.clock.now())) {
        const request = { topic: this.topic, priority: 'urgent' as const, reason: 'form' as const, formData: { reference, urgency: concern.urgency } };
        return step.endDialog({ outcome: 'handoff', request } satisfies FormOutcome);
      }
      await context.sendActivity(this.t(step, 'pupilConcern.urgentClosed', { hours: services.hours.summary() }));
    }
    return step.endDialog({ outcome: 'completed', reference } satisfies FormOutcome);
  }

  private ask(step: Step, options: AskOptions): Promise<DialogTurnResult> {
    return step.beginDialog(ASK_DIALOG, options);
  }

  private locale(step: Step): string {
    return getTurnLocale(step.context, this.deps.messages.defaultLocale);
  }

  private t(step: Step, key: string, vars: Record<string, unknown> = {}): string {
    const { data } = this.deps.services;
    return this.deps.messages.t(this.locale(step), key, { ...data.crisisLines, phone: data.helpline.phoneDisplay, ...vars });
  }
}
