/** Where the turn pipeline leaves the resolved locale for dialogs and services of that turn. */
const TURN_LOCALE = Symbol('turnLocale');

interface HasTurnState {
  turnState: Map<unknown, unknown>;
}

export function setTurnLocale(context: HasTurnState, locale: string): void {
  context.turnState.set(TURN_LOCALE, locale);
}

/** The locale of this turn; `fallback` when the pipeline has not resolved one (unit tests). */
export function getTurnLocale(context: HasTurnState, fallback = 'nl'): string {
  const locale = context.turnState.get(TURN_LOCALE);
  return typeof locale === 'string' ? locale : fallback;
}

/**
 * Picks the best supported locale for a requested tag: "fr-BE" → "fr", "nl" → "nl".
 * Returns undefined when the language is not supported (the caller then asks).
 */
export function resolveLocale(requested: string | undefined, supported: readonly string[]): string | undefined {
  if (!requested) return undefined;
  const tag = requested.toLowerCase().replace('_', '-');
  if (supported.includes(tag)) return tag;
  const language = tag.split('-')[0] ?? '';
  return supported.includes(language) ? language : undefined;
}
