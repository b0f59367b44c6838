import { ActivityTypes, CardAction, MessageFactory, TurnContext } from 'botbuilder';
import { Dialog, DialogContext, DialogInstance, DialogTurnResult } from 'botbuilder-dialogs';
import type { Clock } from '../../src/clock';
import type { Messages } from '../../src/i18n/messages';
import { getTurnLocale } from '../../src/i18n/turnLocale';
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
  | (AskBase & { kind: 'choice'; choices: ChoiceSpec[] })
  | (AskBase & { kind: 'multiChoice'; choices: ChoiceSpec[] })
  | (AskBase & { kind: 'yesNo'; extra?: ('dontKnow' | 'ratherNotSay')[] })
  | (AskBase & { kind: 'phone' | 'email' | 'postcode' | 'date' })
  | (AskBase & { kind: 'integer'; min: number; max: number })
  | (AskBase & { kind: 'text'; max: number; pattern?: string; patternErrorKey?: string });

interface AskState {
  options: AskOptions;
  invalid: number;
  offeringPerson: boolean;
}

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

  private async answerPersonOffer(dc: DialogContext, state: AskState, text: string): Promise<DialogTurnResult> {
    const answer = await this.recognize(dc.context, { kind: 'yesNo', textKey: 'prompts.tooManyInvalid' }, text);
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
    switch (options.kind) {
      case 'choice':
      case 'yesNo': {
        const value = matchChoice(text, this.matchable(locale, this.choicesOf(options)));
        return value ? { ok: true, value } : { ok: false, errorKey: 'prompts.choiceRetry', vars: { count } };
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

  private choicesOf(options: AskOptions): ChoiceSpec[] {
    if (options.kind === 'choice' || options.kind === 'multiChoice') return options.choices;
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
