import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { normalizeText } from '../../src/i18n/normalize';
import type { DialogDeps } from '../shared/dialogDeps';
import type { FormOutcome } from '../shared/formOutcome';
import { caseOriginOf } from '../shared/caseOrigin';
import { LaptopRequestSchema, type LaptopRequest } from './laptopRequest.schema';
import { LaptopScreeningForm, NOT_ELIGIBLE_STEPS, type LaptopDraft } from './laptopScreeningForm';

export const LAPTOP_REQUEST_DIALOG = 'laptopRequestDialog';
const LAPTOP_STEPS = 'laptopRequestSteps';
const REQUESTERS = ['parent', 'professional'] as const;
/** A Belgian house number: 12, 12A, 12 bus 3, 12/3. */
const HOUSE_NUMBER_PATTERN = '^\\d{1,5}\\s*[a-z]?(\\s*(bus|b|/|-)\\s*[0-9a-z]{1,5})?$';
/** A street name has letters (so "12" alone is not taken as a street). */
const STREET_PATTERN = '\\p{L}{2}';

/**
 * The laptop request ("leenlaptop / geeflaptop"): who asks, screening, gift-or-loan advice,
 * delivery details and consent, then a `laptop-request` case (LAP-…) for staff to screen.
 * @remarks The bot never promises a device; one open request per phone or address.
 */
export class LaptopRequestDialog extends LaptopScreeningForm {
  protected readonly topic = 'laptop-request';
  protected readonly helpKey = 'laptopRequest.help';

  constructor(deps: DialogDeps) {
    super(LAPTOP_REQUEST_DIALOG, deps);
    this.addDialog(
      new WaterfallDialog(LAPTOP_STEPS, [
        this.requesterStep.bind(this),
        this.organisationStep.bind(this),
        this.proNameStep.bind(this),
        this.proRoleStep.bind(this),
        this.proPhoneStep.bind(this),
        this.proEmailStep.bind(this),
        this.postcodeStep.bind(this),
        this.pupilsStep.bind(this),
        this.levelsStep.bind(this),
        this.digisprongStep.bind(this),
        this.computerStep.bind(this),
        this.internetStep.bind(this),
        this.hadBeforeStep.bind(this),
        this.residenceStep.bind(this),
        this.knownByStep.bind(this),
        this.streetStep.bind(this),
        this.houseNumberStep.bind(this),
        this.phoneStep.bind(this),
        this.ictLanguageStep.bind(this),
        this.consentStep.bind(this),
        this.submitStep.bind(this),
      ]),
    );
    this.addDialog(new WaterfallDialog(NOT_ELIGIBLE_STEPS, [this.offerPersonStep.bind(this), this.personAnswerStep.bind(this)]));
    this.initialDialogId = LAPTOP_STEPS;
  }

  /** Who is asking: a parent, or a professional for a family. */
  private async requesterStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    this.form(step);
    return this.ask(step, {
      kind: 'choice',
      textKey: 'laptopRequest.askRequester',
      choices: REQUESTERS.map((r) => ({ value: r, labelKey: `laptopRequest.requesters.${r}`, synonymsKey: `laptopRequest.words.${r}` })),
    });
  }

  /** A professional's organisation. */
  private async organisationStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const form = this.form(step);
    form.requester = step.result as LaptopRequest['requester'];
    if (form.requester !== 'professional') return step.next();
    return this.ask(step, { kind: 'text', textKey: 'laptopRequest.askOrganisation', max: 100 });
  }

  /** A professional's name. */
  private async proNameStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result === undefined) return step.next();
    this.form(step).professional = { organisation: step.result as string } as LaptopRequest['professional'];
    return this.ask(step, { kind: 'text', textKey: 'laptopRequest.askProName', max: 80 });
  }

  /** A professional's role. */
  private async proRoleStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result === undefined) return step.next();
    this.form(step).professional!.name = step.result as string;
    return this.ask(step, { kind: 'text', textKey: 'laptopRequest.askProRole', max: 80 });
  }

  /** A professional's phone. */
  private async proPhoneStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result === undefined) return step.next();
    this.form(step).professional!.role = step.result as string;
    return this.ask(step, { kind: 'phone', textKey: 'laptopRequest.askProPhone' });
  }

  /** A professional's e-mail. */
  private async proEmailStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result === undefined) return step.next();
    this.form(step).professional!.phone = step.result as string;
    return this.ask(step, { kind: 'email', textKey: 'laptopRequest.askProEmail' });
  }

  /** Tell gift or loan; a parent names the school or organisation that knows the family. */
  private async knownByStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    await this.tellDecision(step);
    if (this.form(step).requester === 'professional') return step.next();
    return this.ask(step, { kind: 'text', textKey: 'laptopRequest.askKnownBy', max: 100 });
  }

  /** Delivery address: street. */
  private async streetStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result !== undefined) this.form(step).knownBy = step.result as string;
    return this.ask(step, { kind: 'text', textKey: 'laptopRequest.askStreet', max: 80, pattern: STREET_PATTERN, patternErrorKey: 'laptopRequest.streetRetry' });
  }

  /** Delivery address: house number. */
  private async houseNumberStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    this.form(step).street = step.result as string;
    return this.ask(step, { kind: 'text', textKey: 'laptopRequest.askHouseNumber', max: 15, pattern: HOUSE_NUMBER_PATTERN, patternErrorKey: 'laptopRequest.houseNumberRetry' });
  }

  /** The family's phone, for delivery and ICT help. */
  private async phoneStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    this.form(step).houseNumber = step.result as string;
    const textKey = this.form(step).requester === 'professional' ? 'laptopRequest.askFamilyPhone' : 'laptopRequest.askPhone';
    return this.ask(step, { kind: 'phone', textKey });
  }

  /** Language for the ICT help by phone. */
  private async ictLanguageStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    this.form(step).phone = step.result as string;
    const codes = [...this.deps.services.data.laptop.ictHelpLanguages, 'other'];
    return this.ask(step, {
      kind: 'choice',
      textKey: 'laptopRequest.askIctLanguage',
      choices: codes.map((code) => ({ value: code, labelKey: `callback.languages.${code}` })),
    });
  }

  /** The simple agreement as a short summary, and consent to send the request. */
  private async consentStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const form = this.form(step);
    form.ictHelpLanguage = step.result as string;
    const { agreement } = this.deps.services.data.laptop;
    const lines = [
      ...(agreement.homeDelivery ? ['homeDelivery'] : []),
      ...(agreement.phoneIctHelp ? ['phoneIctHelp'] : []),
      ...(agreement.internetWhenNeeded ? ['internetWhenNeeded'] : []),
      ...(agreement.deposit ? [] : ['noDeposit']),
      ...(agreement.damageFee ? [] : ['noDamageFee']),
      'staffDecide',
    ].map((key) => `- ${this.t(step, `laptopRequest.agreement.${key}`)}`);
    const summary = this.t(step, 'laptopRequest.summary', {
      advice: this.t(step, `laptopRequest.advice.${form.advice}`),
      address: `${form.street} ${form.houseNumber}, ${form.postcode}`,
      phone: form.phone,
      language: this.t(step, `callback.languages.${form.ictHelpLanguage}`),
    });
    await step.context.sendActivity([summary, this.t(step, 'laptopRequest.agreement.intro'), ...lines].join('\n'));
    return this.ask(step, { kind: 'yesNo', textKey: 'laptopRequest.askConsent', confirm: true });
  }

  /** Store the request (or point to the open one), give the reference. */
  private async submitStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result !== 'yes') {
      await step.context.sendActivity(this.t(step, 'laptopRequest.notSent'));
      return step.endDialog({ outcome: 'cancelled' } satisfies FormOutcome);
    }
    const data = LaptopRequestSchema.parse({ ...this.form(step), agreementAccepted: true });
    const address = normalizeText(`${data.street} ${data.houseNumber} ${data.postcode}`).replace(/\s+/g, ' ');
    const result = await this.deps.services.cases.submit({
      kind: 'laptop-request',
      data,
      origin: caseOriginOf(step.context, this.deps.messages),
      // One family, one open request: the same phone or the same address finds the first one.
      duplicateKey: `phone:${data.phone}`,
      extraDuplicateKeys: [`address:${address}`],
    });
    const key = result.duplicate ? 'laptopRequest.duplicate' : 'laptopRequest.submitted';
    await step.context.sendActivity(this.t(step, key, { reference: result.reference }));
    return step.endDialog({ outcome: 'completed', reference: result.reference } satisfies FormOutcome);
  }

  /** Not eligible: offer a person. */
  private async offerPersonStep(step: WaterfallStepContext<{ form: LaptopDraft }>): Promise<DialogTurnResult> {
    (step.values as { form?: LaptopDraft }).form = step.options.form;
    return this.ask(step, { kind: 'yesNo', textKey: 'laptopRequest.notEligible.offerPerson' });
  }

  /** A person, or a kind goodbye. */
  private async personAnswerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result === 'yes') {
      return step.endDialog({
        outcome: 'handoff',
        request: { topic: this.topic, priority: 'normal', reason: 'form', formData: (step.values as { form?: Record<string, unknown> }).form },
      } satisfies FormOutcome);
    }
    await step.context.sendActivity(this.t(step, 'laptopRequest.notEligible.goodbye'));
    return step.endDialog({ outcome: 'completed' } satisfies FormOutcome);
  }
}
