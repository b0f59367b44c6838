import { ActivityTypes, CardAction, MessageFactory, TurnContext } from 'botbuilder';
import { Dialog, DialogContext, DialogInstance, DialogTurnResult } from 'botbuilder-dialogs';
import type { Clock } from '../../src/clock';
import type { Messages } from '../../src/i18n/messages';
import { getTurnLocale } from '../../src/i18n/turnLocale';
import { answerLexicon } from '../../src/understanding/answerLexicon';
import { readScale, readYesNo, type YesNoAnswer } from '../../src/understanding/answerReader';
import { scaleValues } from '../../src/understanding/scaleValues';
import { matchChoice, parseNumberList, type MatchableChoice } from './choiceMatcher';
import { recognizeNumberWords, recognizeWrittenDate } from './recognizers';
import { hasSignal, raiseSignal } from './signals';
import {
  boundedTextValidator,
  dateValidator,
  emailValidator,
  integerValidator,
  phoneValidator,
  postcodeValidator,
  type ValidationResult,
} from './validators';

export const ASK_DIALOG = 'askDialog';

/** One option of a numbered question: the value returned and the locale key of its label. */
export interface ChoiceSpec {
  value: string;
  /** Locale key of the label; or `label` for text that is the same in every locale (language names). */
  labelKey?: string;
  label?: string;
  /** A locale word list (e.g. `words.yes`) whose words also select this option. */
  synonymsKey?: string;
  vars?: Record<string, unknown>;
  /** On a confirmation: the option a clear yes (or, after two unclear answers, a no) selects. */
  means?: 'yes' | 'no';
  /** On a scale: the value this one means when negated ("not often" → rarely). */
  whenNegated?: string;
  /** On a scale: the value this one means when hedged ("almost never" → rarely). */
  whenApproximate?: string;
}

interface AskBase {
  /** Locale key of the question. */
  textKey: string;
  vars?: Record<string, unknown>;
  /** Ask in this language instead of the turn's (the "switch to your language?" question). */
  locale?: string;
}

/** What to ask: serialisable, because it is saved with the dialog state between turns. */
export type AskOptions =
  | (AskBase & { kind: 'choice'; choices: ChoiceSpec[]; confirm?: boolean })
  | (AskBase & { kind: 'multiChoice'; choices: ChoiceSpec[] })
  | (AskBase & { kind: 'scale'; choices: ChoiceSpec[] })
  | (AskBase & { kind: 'yesNo'; extra?: ('dontKnow' | 'ratherNotSay')[]; confirm?: boolean })
  | (AskBase & { kind: 'phone' | 'email' | 'postcode' | 'date' })
  | (AskBase & { kind: 'integer'; min: number; max: number })
  | (AskBase & { kind: 'text'; max: number; pattern?: string; patternErrorKey?: string });

interface AskState {
  options: AskOptions;
  invalid: number;
  offeringPerson: boolean;
  /** A confirmation was answered unclearly once: the next unclear answer means no. */
  confirmRetried?: boolean;
}

/**
 * Where a confirmation (`confirm: true`) guards an irreversible step — erase, consent, send —
 * only a clear yes acts; an unclear answer is asked once more, and a second one means no (#16).
 */
const isConfirmation = (options: AskOptions): boolean =>
  (options.kind === 'yesNo' || options.kind === 'choice') && options.confirm === true;

/** Turn state key: what followed a yes/no ("ja, 14/03/2011"), for the question right after. */
const CARRIED_ANSWER = Symbol('carriedAnswer');
/** Questions that may take a carried answer: only ones whose answer has a checkable form. */
const CARRY_KINDS = new Set<AskOptions['kind']>(['date', 'phone', 'email', 'postcode', 'integer']);

/** Three invalid answers in a row: offer a person instead of asking again (issue #3). */
export const MAX_INVALID_ANSWERS = 3;

const YES_NO_CHOICES: Record<string, ChoiceSpec> = {
  yes: { value: 'yes', labelKey: 'common.yes', synonymsKey: 'words.yes' },
  no: { value: 'no', labelKey: 'common.no', synonymsKey: 'words.no' },
  dontKnow: { value: 'dontKnow', labelKey: 'common.dontKnow', synonymsKey: 'words.dontKnow' },
  ratherNotSay: { value: 'ratherNotSay', labelKey: 'common.ratherNotSay', synonymsKey: 'words.ratherNotSay' },
};

/**
 * The one prompt every form uses: numbered choices (number, words or button), yes/no, and typed
 * answers (phone, e-mail, postcode, number, date, text), localised and with a person offered
 * after three invalid answers.
 * @remarks Written instead of botbuilder's ChoicePrompt/ConfirmPrompt because their culture
 * models do not cover Dutch, Turkish or Arabic-Indic digits (DEVELOPERS.md pitfalls).
 */
export class AskDialog extends Dialog<AskOptions> {
  constructor(
    private readonly messages: Messages,
    private readonly clock: Clock,
  ) {
    super(ASK_DIALOG);
  }

  override async beginDialog(dc: DialogContext, options?: AskOptions): Promise<DialogTurnResult> {
    if (!options) throw new Error('AskDialog.beginDialog(): options are required');
    const state: AskState = { options, invalid: 0, offeringPerson: false };
    dc.activeDialog!.state = state;
    const carried = dc.context.turnState.get(CARRIED_ANSWER) as string | undefined;
    if (carried && CARRY_KINDS.has(options.kind)) {
      dc.context.turnState.delete(CARRIED_ANSWER);
      const result = await this.recognize(dc.context, options, carried);
      if (result.ok) return dc.endDialog(result.value);
    }
    await this.ask(dc.context, options, false);
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    if (dc.context.activity.type !== ActivityTypes.Message) return Dialog.EndOfTurn;
    const state = dc.activeDialog!.state as AskState;
    const text = String(dc.context.activity.text ?? '');
    if (state.offeringPerson) return this.answerPersonOffer(dc, state, text);

    const result = await this.recognize(dc.context, state.options, text);
    if (result.ok) return dc.endDialog(result.value);

    if (isConfirmation(state.options)) return this.confirmationUnclear(dc, state);
    state.invalid += 1;
    if (state.invalid >= MAX_INVALID_ANSWERS) {
      state.offeringPerson = true;
      await this.sendChoices(dc.context, 'prompts.tooManyInvalid', {}, [YES_NO_CHOICES.yes!, YES_NO_CHOICES.no!]);
      return Dialog.EndOfTurn;
    }
    const locale = state.options.locale ?? getTurnLocale(dc.context, this.messages.defaultLocale);
    await dc.context.sendActivity(this.messages.t(locale, result.errorKey, result.vars ?? {}));
    await this.ask(dc.context, state.options, true);
    return Dialog.EndOfTurn;
  }

  /** After an interruption (language, status, privacy…) on top of it: ask the question again. */
  override async resumeDialog(dc: DialogContext): Promise<DialogTurnResult> {
    // After "erase my data" (or a hand-off) the form is about to end: do not ask again.
    if (hasSignal(dc.context)) return Dialog.EndOfTurn;
    await this.repromptDialog(dc.context, dc.activeDialog!);
    return Dialog.EndOfTurn;
  }

  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const state = instance.state as AskState;
    await this.ask(context, state.options, false);
  }

  /** First unclear answer: say why and ask again with the buttons; the second one is a no. */
  private async confirmationUnclear(dc: DialogContext, state: AskState): Promise<DialogTurnResult> {
    const { options } = state;
    if (state.confirmRetried) {
      const no = options.kind === 'choice' ? options.choices.find((c) => c.means === 'no')?.value : 'no';
      return dc.endDialog(no);
    }
    state.confirmRetried = true;
    const locale = options.locale ?? getTurnLocale(dc.context, this.messages.defaultLocale);
    await dc.context.sendActivity(this.messages.t(locale, 'prompts.confirmRetry'));
    await this.ask(dc.context, options, true);
    return Dialog.EndOfTurn;
  }

  private async answerPersonOffer(dc: DialogContext, state: AskState, text: string): Promise<DialogTurnResult> {
    const answer = await this.recognize(dc.context, { kind: 'yesNo', textKey: 'prompts.tooManyInvalid', confirm: true }, text);
    if (answer.ok && answer.value === 'yes') {
      raiseSignal(dc.context, { kind: 'handoff', reason: 'too-many-invalid' });
      // Stay put: ending here would run the form's next step (and send its question) before the
      // interruptible dialog acts on the signal and cancels the form.
      return Dialog.EndOfTurn;
    }
    state.offeringPerson = false;
    state.invalid = 0;
    await this.ask(dc.context, state.options, false);
    return Dialog.EndOfTurn;
  }

  private async recognize(context: TurnContext, options: AskOptions, text: string): Promise<ValidationResult<unknown>> {
    const locale = options.locale ?? getTurnLocale(context, this.messages.defaultLocale);
    const count = this.choicesOf(options).length;
    const retry = { ok: false, errorKey: 'prompts.choiceRetry', vars: { count } } as const;
    switch (options.kind) {
      case 'yesNo': {
        const value = this.readYesNoAnswer(context, options, locale, text);
        return value ? { ok: true, value } : retry;
      }
      case 'choice': {
        const choices = this.matchable(locale, options.choices);
        if (options.confirm) {
          const value = matchChoice(text, choices, { partial: false }) ?? this.confirmedChoice(options.choices, locale, text);
          return value ? { ok: true, value } : retry;
        }
        const value = matchChoice(text, choices);
        return value ? { ok: true, value } : retry;
      }
      case 'scale': {
        const reading = readScale(text, scaleValues(this.messages, locale, options.choices), answerLexicon(this.messages, locale));
        return reading.value ? { ok: true, value: reading.value } : retry;
      }
      case 'multiChoice': {
        const numbers = parseNumberList(text, count);
        const values = numbers
          ? numbers.map((n) => options.choices[n - 1]!.value)
          : [matchChoice(text, this.matchable(locale, options.choices))].filter((v): v is string => !!v);
        return values.length > 0 ? { ok: true, value: values } : { ok: false, errorKey: 'prompts.choiceRetry', vars: { count } };
      }
      case 'phone':
        return phoneValidator(text);
      case 'email':
        return emailValidator(text);
      case 'postcode':
        return postcodeValidator(text);
      case 'date': {
        const validate = dateValidator(this.clock.now());
        const result = validate(text);
        const written = result.ok ? undefined : await recognizeWrittenDate(text, locale);
        return written ? validate(written.split('-').reverse().join('-')) : result;
      }
      case 'integer': {
        const validate = integerValidator(options.min, options.max);
        const result = validate(text);
        const word = result.ok ? undefined : await recognizeNumberWords(text, locale);
        return word === undefined ? result : validate(String(word));
      }
      case 'text': {
        // Optional regex (a string, as options are saved with the dialog state), e.g. a house number.
        const result = boundedTextValidator(options.max)(text);
        if (!result.ok || !options.pattern || new RegExp(options.pattern, 'iu').test(result.value)) return result;
        return { ok: false, errorKey: options.patternErrorKey ?? 'prompts.textRequired' };
      }
    }
  }

  /**
   * A yes/no answer by its meaning ("of course not" is a no, "not sure" no yes); the number or
   * the exact label of an offered option also counts. Undefined when unclear or not offered.
   */
  private readYesNoAnswer(
    context: TurnContext,
    options: Extract<AskOptions, { kind: 'yesNo' }>,
    locale: string,
    text: string,
  ): string | undefined {
    const offered = this.choicesOf(options);
    const exact = matchChoice(text, this.matchable(locale, offered), { partial: false });
    if (exact) return exact;
    const reading = readYesNo(text, answerLexicon(this.messages, locale));
    const answer: YesNoAnswer = options.confirm && !reading.clear ? 'unclear' : reading.answer;
    if (!offered.some((c) => c.value === answer)) return undefined;
    if (reading.rest) context.turnState.set(CARRIED_ANSWER, reading.rest);
    return answer;
  }

  /** A confirmation's options by meaning: a clear yes or a no selects the option that means it. */
  private confirmedChoice(choices: readonly ChoiceSpec[], locale: string, text: string): string | undefined {
    const reading = readYesNo(text, answerLexicon(this.messages, locale));
    if (reading.answer === 'no') return choices.find((c) => c.means === 'no')?.value;
    return reading.answer === 'yes' && reading.clear ? choices.find((c) => c.means === 'yes')?.value : undefined;
  }

  private choicesOf(options: AskOptions): ChoiceSpec[] {
    if (options.kind === 'choice' || options.kind === 'multiChoice' || options.kind === 'scale') return options.choices;
    if (options.kind === 'yesNo') {
      return ['yes', 'no', ...(options.extra ?? [])].map((k) => YES_NO_CHOICES[k]!);
    }
    return [];
  }

  private matchable(locale: string, choices: readonly ChoiceSpec[]): MatchableChoice[] {
    return choices.map((c) => ({
      value: c.value,
      texts: [
        this.label(locale, c),
        ...(c.synonymsKey ? this.messages.words(locale, c.synonymsKey) : []),
      ],
    }));
  }

  private async ask(context: TurnContext, options: AskOptions, isRetry: boolean): Promise<void> {
    const choices = this.choicesOf(options);
    if (choices.length > 0) {
      await this.sendChoices(context, options.textKey, options.vars ?? {}, choices, options.kind === 'multiChoice', options.locale);
      return;
    }
    if (isRetry) return; // the error message already said what to type; do not repeat the question
    const locale = options.locale ?? getTurnLocale(context, this.messages.defaultLocale);
    await context.sendActivity(this.messages.t(locale, options.textKey, options.vars ?? {}));
  }

  private label(locale: string, choice: ChoiceSpec): string {
    if (choice.labelKey) return this.messages.t(locale, choice.labelKey, choice.vars ?? {});
    return choice.label ?? choice.value;
  }

  /** Numbered lines in the text (for SMS-like channels) plus buttons where the channel has them. */
  private async sendChoices(
    context: TurnContext,
    textKey: string,
    vars: Record<string, unknown>,
    choices: readonly ChoiceSpec[],
    multi = false,
    localeOverride?: string,
  ): Promise<void> {
    const locale = localeOverride ?? getTurnLocale(context, this.messages.defaultLocale);
    const labels = choices.map((c) => this.label(locale, c));
    const lines = labels.map((label, i) => `${i + 1}. ${label}`);
    const text = [this.messages.t(locale, textKey, vars), ...lines].join('\n');
    const actions: CardAction[] = multi
      ? []
      : labels.map((label, i) => ({ type: 'imBack', title: `${i + 1}. ${label}`, value: String(i + 1) }));
    await context.sendActivity(actions.length > 0 ? MessageFactory.suggestedActions(actions, text) : text);
  }
}
