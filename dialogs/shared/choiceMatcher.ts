import { normalizeText } from '../../src/i18n/normalize';

/** One numbered option: its value and every text that selects it (label and synonyms). */
export interface MatchableChoice<T extends string = string> {
  value: T;
  texts: readonly string[];
}

/**
 * Labels and synonyms come from the locale files, so the same few hundred strings are normalised
 * on every answer: keep their normal forms (bounded, in case labels carry variables).
 */
const labelForms = new Map<string, string>();
function normalizedLabel(label: string): string {
  let form = labelForms.get(label);
  if (form === undefined) {
    form = normalizeText(label);
    if (labelForms.size < 10_000) labelForms.set(label, form);
  }
  return form;
}

const NUMBER_ANSWER = /^(?:nr|no|n°|#|optie|option|keuze)?\s*(\d{1,2})\s*[.)]?$/;

/**
 * Finds the choice a user meant: its number (Latin, Arabic-Indic or Persian digits), its label,
 * a synonym, or (unless `partial` is false) a distinctive part of the label. Returns undefined
 * when unsure.
 * @remarks Confirmations and yes/no questions pass `partial: false`: a fragment match read
 * "of course not" as the yes-word "of course" (issue #16).
 */
export function matchChoice<T extends string>(
  input: string,
  choices: readonly MatchableChoice<T>[],
  { partial: allowPartial = true }: { partial?: boolean } = {},
): T | undefined {
  const text = normalizeText(input);
  if (!text) return undefined;
  const numbered = NUMBER_ANSWER.exec(text);
  if (numbered?.[1]) {
    return choices[Number(numbered[1]) - 1]?.value;
  }
  const exact = choices.filter((c) => c.texts.some((t) => normalizedLabel(t) === text));
  if (exact.length === 1) return exact[0]?.value;
  if (!allowPartial || text.length < 4) return undefined;
  // A distinctive fragment ("laptop", "inschrijven") picks an option when only one contains it.
  const partial = choices.filter((c) =>
    c.texts.some((t) => {
      const label = normalizedLabel(t);
      return label.includes(text) || (text.includes(label) && label.length >= 4);
    }),
  );
  return partial.length === 1 ? partial[0]?.value : undefined;
}

const AND_WORDS = new Set(['en', 'and', 'et', 'و', 've', 'и', 'і', 'i', 'si', 'y']);

/** Splits "1, 3 en 5" / "1 3 5" / "1,3" into distinct choice numbers (multi-select answers). */
export function parseNumberList(input: string, max: number): number[] | undefined {
  const text = normalizeText(input);
  const parts = text.split(/[^0-9]+/).filter(Boolean);
  if (parts.length === 0) return undefined;
  // Only "and" words may stand between the numbers ("1, 3 en 5", "٢ و ٤"), in any of our languages.
  const leftover = text.replace(/[0-9]+/g, ' ').split(/\s+/).filter(Boolean);
  if (leftover.some((word) => !AND_WORDS.has(word))) return undefined;
  const numbers = [...new Set(parts.map(Number))];
  return numbers.every((n) => n >= 1 && n <= max) ? numbers.sort((a, b) => a - b) : undefined;
}
