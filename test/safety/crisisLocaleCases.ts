import type { CrisisCategory } from '../../src/safety/crisisDetector';
import { ARABIC_TURKISH_POLISH_CRISIS } from './crisisLocaleCases.arabicTurkishPolish';
import { CYRILLIC_CRISIS } from './crisisLocaleCases.cyrillic';
import { LATIN_CRISIS } from './crisisLocaleCases.latin';

/** What differs between the crisis checks of `crisisLocales.test.ts` in one language. */
export interface CrisisLocaleCase {
  locale: string;
  /** The language's English name, for the test titles. */
  language: string;
  /**
   * True positives per category: what young people and parents really type, with typos, caps,
   * missing accents or diacritics and spacing.
   */
  positives: Record<CrisisCategory, readonly string[]>;
  /** Idioms and harmless sentences (and answer words) that must never trigger the crisis layer. */
  negatives: readonly string[];
  /**
   * Messages through the whole pipeline with the crisis layer in front, each with fragments its
   * reply must hold (lines and numbers). The first one starts the crisis hand-off.
   */
  pipeline: readonly (readonly [say: string, ...expected: string[]])[];
  /** An idiom that goes through to the dialogs without a hand-off. */
  idiom: string;
}

export const CRISIS_LOCALE_CASES: readonly CrisisLocaleCase[] = [
  ...LATIN_CRISIS,
  ...CYRILLIC_CRISIS,
  ...ARABIC_TURKISH_POLISH_CRISIS,
];
