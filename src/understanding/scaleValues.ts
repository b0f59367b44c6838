import type { Messages } from '../i18n/messages';
import { normalizeText } from '../i18n/normalize';
import type { ScaleValue } from './answerReader';
import { tokensOf } from './phraseMatcher';

/** A scale option as the dialogs declare it: its value, label and synonym list in `locales/`. */
export interface ScaleChoice {
  value: string;
  labelKey?: string;
  label?: string;
  synonymsKey?: string;
  vars?: Record<string, unknown>;
  whenNegated?: string;
  whenApproximate?: string;
}

/** The phrases that select each value of a scale in one locale: its label and its synonyms. */
export function scaleValues(messages: Messages, locale: string, choices: readonly ScaleChoice[]): ScaleValue[] {
  return choices.map((choice) => {
    const label = choice.labelKey ? messages.t(locale, choice.labelKey, choice.vars ?? {}) : (choice.label ?? choice.value);
    const synonyms = choice.synonymsKey ? messages.words(locale, choice.synonymsKey) : [];
    return {
      value: choice.value,
      phrases: [normalizeText(label), ...synonyms].filter((p) => p.length > 0).map(tokensOf),
      whenNegated: choice.whenNegated,
      whenApproximate: choice.whenApproximate,
    };
  });
}
