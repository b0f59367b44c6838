import { detectAll } from 'tinyld';

/** Below this many letters a guess is noise ("ok", "2", "merci" fit many languages). */
const MIN_LETTERS = 20;
const MIN_WORDS = 4;
// tinyld's scores are not probabilities: demand a clear lead over the runner-up instead.
const MIN_SCORE = 0.1;
const MIN_LEAD = 1.5;

/**
 * Guesses which supported language a message is written in, offline and in-process (tinyld), or
 * undefined when the text is too short or the guess is unsure.
 */
export function guessLanguage(text: string, supported: readonly string[]): string | undefined {
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length < MIN_LETTERS || text.trim().split(/\s+/).length < MIN_WORDS) return undefined;
  const [best, second] = detectAll(text, { only: [...supported] });
  if (!best || best.accuracy < MIN_SCORE || !supported.includes(best.lang)) return undefined;
  return !second || best.accuracy >= MIN_LEAD * second.accuracy ? best.lang : undefined;
}
