import { normalizeText } from '../i18n/normalize';

/**
 * Kinds of crisis, most urgent first: when a message hits several, the first one decides which
 * lines come first (imminent danger always leads with 112/101).
 */
export const CRISIS_CATEGORIES = ['danger', 'suicide', 'selfHarm', 'abuse', 'missing'] as const;
export type CrisisCategory = (typeof CRISIS_CATEGORIES)[number];

/** One locale's phrases per category (`crisis.words.<category>` in `locales/<lang>.json`). */
export type CrisisWordList = Partial<Record<CrisisCategory, readonly string[]>>;

/** Tokens at least this long also match with one typo ("zelfmoort", "sucide"). */
const FUZZY_MIN_LENGTH = 7;

/**
 * Normal form for crisis matching: normalised text (case, accents, digits), hyphens and
 * apostrophes as spaces, and every run of a repeated letter squeezed to one, so "zelfmoooord",
 * "zelfmoord" and "zelfmord" compare equal. Lists and messages go through the same function.
 */
export function crisisForm(text: string): string {
  return normalizeText(text)
    .replace(/[-#+@.]/g, ' ')
    .replace(/(\p{L})\1+/gu, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The crisis category of a message, or undefined. Pure: the caller passes the word lists of the
 * user's locale and of Dutch and English (people mix languages in one sentence).
 * @remarks A phrase matches on whole words only, so "doodmoe" never matches "dood". Spacing is
 * forgiven ("zelf moord", "kill my self"), as is one typo in a long word, and a long final word
 * may carry an ending ("zelfmoordgedachten" matches "zelfmoord"). Idioms such as "this homework is
 * killing me" stay out because the lists hold first-person phrases, not bare verbs; every list
 * is tested against such negative examples.
 */
export function detectCrisis(text: string, lists: readonly CrisisWordList[]): CrisisCategory | undefined {
  const form = crisisForm(text);
  if (!form) return undefined;
  const tokens = form.split(' ');
  for (const category of CRISIS_CATEGORIES) {
    for (const list of lists) {
      const byFirstLetter = compiledPhrases(list[category]);
      if (byFirstLetter.size === 0) continue;
      for (let start = 0; start < tokens.length; start += 1) {
        for (const phrase of byFirstLetter.get(tokens[start]![0] ?? '') ?? []) {
          if (matchesWordsAt(tokens, start, phrase.words) || matchesCompactAt(tokens, start, phrase.compact)) return category;
        }
      }
    }
  }
  return undefined;
}

/** A phrase in normal form, split once. */
interface CompiledPhrase {
  words: readonly string[];
  /** The words without spaces, for "zelf moord" against "zelfmoord". */
  compact: string;
}

/**
 * Every way a phrase can match starts at a token with the phrase's first letter (typos are
 * allowed after the first letter only, endings and spacing after the first word), so each list
 * is indexed by that letter and a message is only compared with the phrases its words can start.
 */
type PhraseIndex = ReadonlyMap<string, readonly CompiledPhrase[]>;

/** Indexed normal forms of each word list, computed once: re-normalising ~180 phrases on every message cost 0.5 ms a turn (README, Performance). */
const phraseIndexCache = new WeakMap<readonly string[], PhraseIndex>();
const EMPTY_INDEX: PhraseIndex = new Map();

function compiledPhrases(phrases: readonly string[] | undefined): PhraseIndex {
  if (!phrases) return EMPTY_INDEX;
  let index = phraseIndexCache.get(phrases);
  if (!index) {
    const built = new Map<string, CompiledPhrase[]>();
    for (const form of phrases.map(crisisForm)) {
      if (!form) continue;
      const words = form.split(' ');
      const bucket = built.get(form[0]!) ?? [];
      bucket.push({ words, compact: words.join('') });
      built.set(form[0]!, bucket);
    }
    index = built;
    phraseIndexCache.set(phrases, index);
  }
  return index;
}

/** Word by word from `start`, with typo tolerance and an allowed ending on the last word. */
function matchesWordsAt(tokens: readonly string[], start: number, words: readonly string[]): boolean {
  if (start + words.length > tokens.length) return false;
  return words.every((word, i) => {
    const token = tokens[start + i]!;
    if (token === word) return true;
    if (word.length < FUZZY_MIN_LENGTH) return false;
    const last = i === words.length - 1;
    return (last && token.startsWith(word)) || withinOneEdit(token, word);
  });
}

/** The phrase without spaces equals some consecutive tokens without spaces ("zelf moord"). */
function matchesCompactAt(tokens: readonly string[], start: number, compact: string): boolean {
  let joined = '';
  for (let i = start; i < tokens.length && joined.length < compact.length; i += 1) {
    joined += tokens[i];
    if (joined === compact) return true;
  }
  return false;
}

/** Levenshtein distance ≤ 1, same first letter (a typo rarely hits the first letter). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (a[0] !== b[0] || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i += 1;
      j += 1;
      continue;
    }
    edits += 1;
    if (edits > 1) return false;
    if (a.length > b.length) i += 1;
    else if (b.length > a.length) j += 1;
    else {
      i += 1;
      j += 1;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}
