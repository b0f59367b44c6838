import { DateTimeRecognizer } from '@microsoft/recognizers-text-date-time';
import { NumberRecognizer } from '@microsoft/recognizers-text-number';

/**
 * @microsoft/recognizers-text as a bonus where it works. Measured: it reads number words and
 * written dates in English, French and Spanish, but not Dutch, Turkish or Arabic-Indic digits,
 * so no flow depends on it; digits and numbered choices carry the load in every language.
 * @remarks The suite's `recognizeNumber()` builds a new recognizer on every call (~370 ms), so
 * the models are built once per culture here. French number parsing still took 2.6–3.6 s per
 * call on our machine (its regexes backtrack), so French numbers are left to digits.
 */
const NUMBER_CULTURES: Record<string, string> = { en: 'en-us', es: 'es-es' };
const DATE_CULTURES: Record<string, string> = { en: 'en-us', fr: 'fr-fr', es: 'es-es' };
const MAX_INPUT = 40;

type Model = { parse(query: string): { resolution?: unknown }[] };
const numberModels = new Map<string, Model>();
const dateModels = new Map<string, Model>();

function numberModel(culture: string): Model {
  let model = numberModels.get(culture);
  if (!model) numberModels.set(culture, (model = new NumberRecognizer(culture).getNumberModel() as Model));
  return model;
}

function dateModel(culture: string): Model {
  let model = dateModels.get(culture);
  if (!model) dateModels.set(culture, (model = new DateTimeRecognizer(culture).getDateTimeModel() as Model));
  return model;
}

/** "twelve" / "doce" → 12 in en/es; undefined elsewhere or when unsure. */
export function recognizeNumberWords(text: string, locale: string): number | undefined {
  const culture = NUMBER_CULTURES[locale];
  if (!culture || text.length > MAX_INPUT) return undefined;
  const results = numberModel(culture).parse(text);
  if (results.length !== 1) return undefined;
  const value = Number((results[0]!.resolution as { value?: string }).value);
  return Number.isInteger(value) ? value : undefined;
}

/** "15 March 2012" / "15 mars 2012" → "2012-03-15" in en/fr/es; undefined otherwise. */
export function recognizeWrittenDate(text: string, locale: string): string | undefined {
  const culture = DATE_CULTURES[locale];
  if (!culture || text.length > MAX_INPUT) return undefined;
  const [first] = dateModel(culture).parse(text);
  const values = (first?.resolution as { values?: { type?: string; value?: string }[] } | undefined)?.values ?? [];
  return values.find((v) => v.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(v.value ?? ''))?.value;
}

/**
 * Builds the models and compiles their expressions ahead of time: the first parse of a culture
 * costs seconds, which must not land in a user's turn. Called once at start-up.
 */
export function warmUpRecognizers(): void {
  for (const culture of Object.values(NUMBER_CULTURES)) numberModel(culture).parse('1');
  for (const culture of Object.values(DATE_CULTURES)) dateModel(culture).parse('1-1-2000');
}
