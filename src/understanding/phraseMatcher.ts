/**
 * Finds the phrases of word lists in a message, token by token, longest phrase first.
 * @remarks Matching whole tokens (not substrings) is the point: "of course not" contains the yes
 * phrase "of course", and the old substring matcher read it as yes (issue #16).
 */

/** A phrase as tokens of normalised text ("of course" → ["of", "course"]). */
export type Phrase = readonly string[];

/** A word pattern: a prefix and a suffix around at least two letters ("ma…sh", "…miyorum"). */
export interface WordPattern {
  prefix: string;
  suffix: string;
}

/** One phrase found in the message: its list, its token range [start, end), and how it matched. */
export interface Span<C extends string> {
  cls: C;
  start: number;
  end: number;
  /** True when a token only matched with its repeated letters squeezed ("jaaaa", "neeee"). */
  emphatic: boolean;
}

/** Word lists by class, in precedence order: an earlier class wins a tie of equal length. */
export type PhraseLists<C extends string> = ReadonlyArray<readonly [C, readonly Phrase[]]>;

/** Letters typed three or more times ("neeeee") are folded to one for an emphatic match. */
const REPEATED = /(\p{L})\1{2,}/u;
const squeeze = (word: string): string => word.replace(/(\p{L})\1+/gu, '$1');

/** Splits normalised text (see normalizeText) into tokens. */
export function tokensOf(normalized: string): string[] {
  return normalized.length > 0 ? normalized.split(' ') : [];
}

/** Parses a word-list entry with a `+` marking the part any letters may fill ("+miyorum"). */
export function parsePattern(entry: string): WordPattern | undefined {
  const plus = entry.indexOf('+');
  if (plus < 0 || entry.includes(' ')) return undefined;
  return { prefix: entry.slice(0, plus), suffix: entry.slice(plus + 1) };
}

/** True when the token has the pattern's prefix and suffix with at least two letters between. */
export function matchesPattern(token: string, pattern: WordPattern): boolean {
  return (
    token.length >= pattern.prefix.length + pattern.suffix.length + 2 &&
    token.startsWith(pattern.prefix) &&
    token.endsWith(pattern.suffix)
  );
}

function tokenMatches(token: string, word: string): { ok: boolean; emphatic: boolean } {
  if (token === word) return { ok: true, emphatic: false };
  if (REPEATED.test(token) && squeeze(token) === squeeze(word)) return { ok: true, emphatic: true };
  return { ok: false, emphatic: false };
}

function phraseAt(tokens: readonly string[], at: number, phrase: Phrase): { ok: boolean; emphatic: boolean } {
  if (at + phrase.length > tokens.length) return { ok: false, emphatic: false };
  let emphatic = false;
  for (let i = 0; i < phrase.length; i += 1) {
    const match = tokenMatches(tokens[at + i]!, phrase[i]!);
    if (!match.ok) return match;
    emphatic ||= match.emphatic;
  }
  return { ok: true, emphatic };
}

/**
 * Walks the tokens left to right; at each position takes the longest phrase of any list (the
 * earlier list on a tie). Tokens that start no phrase are left out of the result.
 */
export function findSpans<C extends string>(tokens: readonly string[], lists: PhraseLists<C>): Span<C>[] {
  const spans: Span<C>[] = [];
  let at = 0;
  while (at < tokens.length) {
    let best: Span<C> | undefined;
    for (const [cls, phrases] of lists) {
      for (const phrase of phrases) {
        if (best && phrase.length <= best.end - best.start) continue;
        const match = phraseAt(tokens, at, phrase);
        if (match.ok) best = { cls, start: at, end: at + phrase.length, emphatic: match.emphatic };
      }
    }
    if (best) {
      spans.push(best);
      at = best.end;
    } else {
      at += 1;
    }
  }
  return spans;
}
