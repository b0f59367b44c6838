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
  for (const locale of messages.supported()) {
    for (const word of messages.words(locale, 'words.status')) {
      if (normalized === word) return { kind: 'status' };
      if (normalized.startsWith(`${word} `)) {
        const reference = parseReference(normalized.slice(word.length));
        if (reference) return { kind: 'status', reference };
      }
    }
  }
  if (/^[a-z]{3}-[0-9a-z]{5}$/i.test(normalized)) {
    return { kind: 'status', reference: parseReference(normalized) };
  }
  for (const kind of WORD_LISTS) {
    for (const locale of messages.supported()) {
      if (messages.words(locale, `words.${kind}`).includes(normalized)) return { kind };
    }
  }
  return undefined;
}
