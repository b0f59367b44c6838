import type { Messages } from '../../src/i18n/messages';
import { normalizeText } from '../../src/i18n/normalize';

/** Words that work at any moment, in every supported language (CONTRACT.md). */
export type GlobalCommand =
  | { kind: 'menu' | 'help' | 'cancel' | 'language' | 'person' | 'privacy' | 'erase' }
  | { kind: 'status'; reference?: string };

const WORD_LISTS = ['menu', 'help', 'cancel', 'language', 'person', 'privacy', 'erase'] as const;

/** A case reference as the bot hands them out: three letters, a dash, five characters. */
export const REFERENCE_PATTERN = /\b([a-z]{3})[- ]([0-9a-z]{5})\b/i;

/** Normalises a typed reference ("lap 7k3q9") to its printed form ("LAP-7K3Q9"). */
export function parseReference(text: string): string | undefined {
  const match = REFERENCE_PATTERN.exec(normalizeText(text));
  return match ? `${match[1]!.toUpperCase()}-${match[2]!.toUpperCase()}` : undefined;
}

/**
 * Recognises a global command in a message. The whole message must be the command (after
 * normalisation), so that a sentence in a free-text answer that merely contains "stop" is kept.
 * Words of every locale count: a parent who switched to Arabic can still type "menu".
 */
export function detectGlobalCommand(messages: Messages, text: string): GlobalCommand | undefined {
  const normalized = normalizeText(text);
  if (!normalized || normalized.length > 60) return undefined;
  const { byWord, statusWords } = indexOf(messages);
  for (const word of statusWords) {
    if (normalized === word) return { kind: 'status' };
    if (normalized.startsWith(`${word} `)) {
      const reference = parseReference(normalized.slice(word.length));
      if (reference) return { kind: 'status', reference };
    }
  }
  if (/^[a-z]{3}-[0-9a-z]{5}$/i.test(normalized)) {
    return { kind: 'status', reference: parseReference(normalized) };
  }
  const kind = byWord.get(normalized);
  return kind ? { kind } : undefined;
}

type SimpleKind = (typeof WORD_LISTS)[number];
interface WordIndex {
  byWord: Map<string, SimpleKind>;
  statusWords: string[];
}
const indexes = new WeakMap<Messages, WordIndex>();

/**
 * Every global word of every locale in one map, built once per Messages: this runs on every
 * message, and scanning eleven locales' lists each time showed in the benchmark's profile.
 * The order of WORD_LISTS decides when two lists share a word, as the scan did.
 */
function indexOf(messages: Messages): WordIndex {
  let index = indexes.get(messages);
  if (!index) {
    const byWord = new Map<string, SimpleKind>();
    for (const kind of WORD_LISTS) {
      for (const locale of messages.supported()) {
        for (const word of messages.words(locale, `words.${kind}`)) if (!byWord.has(word)) byWord.set(word, kind);
      }
    }
    const statusWords = [...new Set(messages.supported().flatMap((locale) => messages.words(locale, 'words.status')))];
    index = { byWord, statusWords };
    indexes.set(messages, index);
  }
  return index;
}
