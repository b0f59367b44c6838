import type { Messages } from '../i18n/messages';
import { parsePattern, tokensOf, type Phrase, type WordPattern } from './phraseMatcher';

/**
 * The word lists one language answers with, as token phrases. They live in `locales/<lang>.json`
 * under `words.*` (one place per language); the reading rules in answerReader are the same for all.
 */
export interface AnswerLexicon {
  yes: Phrase[];
  no: Phrase[];
  /** "sure", "zeker", "emin": yes on their own, a hedge when negated ("not sure"). */
  sure: Phrase[];
  dontKnow: Phrase[];
  ratherNotSay: Phrase[];
  /** Words that negate what follows ("niet", "pas", "не"); entries with `+` are word patterns. */
  negators: Phrase[];
  negatorPatterns: WordPattern[];
  /** "maar", "but", "mais": a yes with a "but" is no clear yes. */
  contrast: Phrase[];
  /** "bijna", "almost", "presque": makes a scale answer fall between two values. */
  approximately: Phrase[];
}

const LISTS = ['yes', 'no', 'sure', 'dontKnow', 'ratherNotSay', 'negators', 'contrast', 'approximately'] as const;

const cache = new WeakMap<Messages, Map<string, AnswerLexicon>>();

/** The lexicon of a locale, built once per Messages and locale. */
export function answerLexicon(messages: Messages, locale: string): AnswerLexicon {
  let byLocale = cache.get(messages);
  if (!byLocale) {
    byLocale = new Map();
    cache.set(messages, byLocale);
  }
  let lexicon = byLocale.get(locale);
  if (!lexicon) {
    lexicon = buildLexicon(messages, locale);
    byLocale.set(locale, lexicon);
  }
  return lexicon;
}

function buildLexicon(messages: Messages, locale: string): AnswerLexicon {
  const phrases = (key: string): Phrase[] => messages.words(locale, `words.${key}`).map(tokensOf);
  const lists = Object.fromEntries(LISTS.map((key) => [key, phrases(key)])) as Record<(typeof LISTS)[number], Phrase[]>;
  const patterns: WordPattern[] = [];
  const negators: Phrase[] = [];
  for (const phrase of lists.negators) {
    const pattern = phrase.length === 1 ? parsePattern(phrase[0]!) : undefined;
    if (pattern) patterns.push(pattern);
    else negators.push(phrase);
  }
  return { ...lists, negators, negatorPatterns: patterns };
}
