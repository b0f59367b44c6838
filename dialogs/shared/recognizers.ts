import { Culture, recognizeDateTime, recognizeNumber } from '@microsoft/recognizers-text-suite';

/**
 * @microsoft/recognizers-text as a bonus where it works. Measured: it reads number words and
 * written dates in English, French and Spanish, but not Dutch, Turkish or Arabic-Indic digits,
 * so no flow depends on it; digits and numbered choices carry the load in every language.
 */
const CULTURES: Record<string, string> = {
  en: Culture.English,
  fr: Culture.French,
  es: Culture.Spanish,
};

/** "twelve" / "douze" / "doce" → 12 in en/fr/es; undefined elsewhere or when unsure. */
export function recognizeNumberWords(text: string, locale: string): number | undefined {
  const culture = CULTURES[locale];
  if (!culture) return undefined;
  const [first, ...rest] = recognizeNumber(text, culture);
  if (!first || rest.length > 0) return undefined;
  const value = Number((first.resolution as { value?: string }).value);
  return Number.isInteger(value) ? value : undefined;
}

/** "15 March 2012" / "15 mars 2012" → "2012-03-15" in en/fr/es; undefined otherwise. */
export function recognizeWrittenDate(text: string, locale: string): string | undefined {
  const culture = CULTURES[locale];
  if (!culture) return undefined;
  const [first] = recognizeDateTime(text, culture);
  const values = (first?.resolution as { values?: { type?: string; value?: string }[] } | undefined)?.values ?? [];
  const date = values.find((v) => v.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(v.value ?? ''));
  return date?.value;
}
