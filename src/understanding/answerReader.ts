import { normalizeText } from '../i18n/normalize';
import type { AnswerLexicon } from './answerLexicon';
import { findSpans, matchesPattern, tokensOf, type Phrase, type Span } from './phraseMatcher';

/** What an answer to a yes/no question means. `unclear` is never guessed into one of the others. */
export type YesNoAnswer = 'yes' | 'no' | 'dontKnow' | 'ratherNotSay' | 'unclear';

export interface YesNoReading {
  answer: YesNoAnswer;
  /**
   * For `yes`: no "but", no stray negation, nothing against it — what an irreversible step
   * (erase, consent, send) needs. Always true for the other answers.
   */
  clear: boolean;
  /** The original text after the leading yes/no ("ja, 14/03/2011" → "14/03/2011"), else ''. */
  rest: string;
  /** How many tokens matched no word list: 0 means the whole answer was yes/no words. */
  unmatched: number;
}

type AnswerClass = 'dontKnow' | 'ratherNotSay' | 'no' | 'yes' | 'sure' | 'neg' | 'contrast' | 'approx';

/** Tokens a negation may stand before what it negates ("not very sure", "niet zo vaak"). */
const NEGATION_REACH = 2;

const isNegation = (cls: AnswerClass): boolean => cls === 'neg' || cls === 'no';

type Lists = ReadonlyArray<readonly [string, readonly Phrase[]]>;

/** The yes/no lists in precedence order: on a tie of length, a hedge beats a no, a no a yes. */
const yesNoLists = (lexicon: AnswerLexicon): Lists => [
  ['dontKnow', lexicon.dontKnow],
  ['ratherNotSay', lexicon.ratherNotSay],
  ['no', lexicon.no],
  ['yes', lexicon.yes],
  ['sure', lexicon.sure],
  ['neg', lexicon.negators],
  ['contrast', lexicon.contrast],
];

/** Spans of the given lists plus the negator patterns on the tokens no phrase took. */
function answerSpans(tokens: readonly string[], lexicon: AnswerLexicon, lists: Lists): Span<string>[] {
  const spans = findSpans<string>(tokens, lists);
  const covered = new Set(spans.flatMap((s) => Array.from({ length: s.end - s.start }, (_, i) => s.start + i)));
  tokens.forEach((token, at) => {
    if (!covered.has(at) && lexicon.negatorPatterns.some((p) => matchesPattern(token, p))) {
      spans.push({ cls: 'neg', start: at, end: at + 1, emphatic: false });
    }
  });
  return spans.sort((a, b) => a.start - b.start);
}

/**
 * Applies negation to yes words: a negation shortly before a yes makes it a no ("not ok",
 * "pas d'accord"), before "sure" a hedge ("not sure", "nie jestem pewien"); a negation right after
 * a yes makes it a no ("of course not", "claro que no", "конечно нет"). Used negations are removed.
 */
function negateYesWords(spans: Span<string>[]): Span<string>[] {
  const out = spans.map((s) => ({ ...s }));
  const removed = new Set<number>();
  out.forEach((span, i) => {
    if (span.cls !== 'yes' && span.cls !== 'sure') return;
    for (let j = i - 1; j >= 0; j -= 1) {
      const before = out[j]!;
      if (removed.has(j)) continue;
      if (span.start - before.end > NEGATION_REACH) break;
      if (isNegation(before.cls as AnswerClass)) {
        span.cls = span.cls === 'sure' ? 'dontKnow' : 'no';
        removed.add(j);
        return;
      }
    }
    const after = out[i + 1];
    if (span.cls === 'yes' && after && isNegation(after.cls as AnswerClass) && after.start - span.end <= 1) {
      span.cls = 'no';
      removed.add(i + 1);
    }
  });
  return out.filter((_, i) => !removed.has(i));
}

/** Where the n-th word of the original text ends (words as the normaliser splits them). */
function endOfWord(text: string, count: number): number {
  const words = /[\p{L}\p{M}\p{N}]+/gu;
  let end = 0;
  for (let i = 0; i < count; i += 1) {
    const match = words.exec(text);
    if (!match) return text.length;
    end = match.index + match[0].length;
  }
  return end;
}

/** Reads an answer to a yes/no question in the lexicon's language. */
export function readYesNo(text: string, lexicon: AnswerLexicon): YesNoReading {
  const tokens = tokensOf(normalizeText(text));
  const spans = negateYesWords(answerSpans(tokens, lexicon, yesNoLists(lexicon)));
  const count = (...classes: AnswerClass[]): number => spans.filter((s) => classes.includes(s.cls as AnswerClass)).length;
  const yes = count('yes', 'sure');
  const no = count('no', 'neg');
  let answer: YesNoAnswer;
  if (count('dontKnow') > 0) answer = yes > 0 ? 'unclear' : 'dontKnow';
  else if (count('ratherNotSay') > 0) answer = yes > 0 ? 'unclear' : 'ratherNotSay';
  else if (yes > 0 && no > 0) answer = 'unclear';
  else if (yes > 0) answer = 'yes';
  else if (no > 0) answer = 'no';
  else answer = 'unclear';

  const coveredTokens = spans.reduce((sum, s) => sum + (s.end - s.start), 0);
  const first = spans[0];
  const leading = first && first.start === 0 && (answer === 'yes' || answer === 'no') ? first.end : 0;
  const rest = leading > 0 ? text.slice(endOfWord(text, leading)).replace(/^[\s,;:.!?-]+/u, '').trim() : '';
  return {
    answer,
    clear: answer !== 'yes' || count('contrast') === 0,
    rest,
    unmatched: tokens.length - coveredTokens,
  };
}

/** One value of a scale, with what selects it and what it turns into when negated or hedged. */
export interface ScaleValue {
  value: string;
  phrases: readonly Phrase[];
  /** "not often" → rarely; absent: a negated value is unclear ("not always"). */
  whenNegated?: string;
  /** "almost never" → rarely; absent: an approximate value is unclear ("almost always"). */
  whenApproximate?: string;
}

export type ScaleReading = { value: string } | { value?: undefined; candidates: string[] };

/**
 * Reads a scale answer by its meaning ("niet vaak" = rarely, "pas souvent" = rarely); an answer
 * that fits two values, or whose value is debatable ("not always"), is unclear and never rounded.
 */
export function readScale(text: string, scale: readonly ScaleValue[], lexicon: AnswerLexicon): ScaleReading {
  const normalized = normalizeText(text);
  // The number of a value, in any digit script ("2", "٢", "2."): the scale is numbered 1…n.
  const numbered = /^(\d{1,2})$/.exec(normalized.replace(/[.)]$/, ''));
  if (numbered) {
    const option = scale[Number(numbered[1]) - 1];
    return option ? { value: option.value } : { candidates: [] };
  }
  const tokens = tokensOf(normalized);
  // Only negators negate a value here: "nee, vaak" answers "often", whereas "no a menudo" (es,
  // where "no" is a negator too) means "not often".
  const spans = answerSpans(tokens, lexicon, [
    ...scale.map((s) => [`value:${s.value}`, s.phrases] as const),
    ['neg', lexicon.negators],
    ['approx', lexicon.approximately],
  ]);
  const results = new Set<string | undefined>();
  spans.forEach((span, i) => {
    if (!span.cls.startsWith('value:')) return;
    const option = scale.find((s) => `value:${s.value}` === span.cls)!;
    const before = spans[i - 1];
    const after = spans[i + 1];
    const near = (s: Span<string> | undefined, gap: number): boolean => !!s && (s.end <= span.start ? span.start - s.end : s.start - span.end) <= gap;
    const negated = (before?.cls === 'neg' && near(before, 1)) || (after?.cls === 'neg' && near(after, 0));
    const approximate = before?.cls === 'approx' && near(before, 1);
    if (negated && approximate) results.add(undefined);
    else if (negated) results.add(option.whenNegated);
    else if (approximate) results.add(option.whenApproximate);
    else results.add(option.value);
  });
  const values = [...results];
  if (values.length === 1 && values[0] !== undefined) return { value: values[0] };
  return { candidates: values.filter((v): v is string => v !== undefined) };
}
