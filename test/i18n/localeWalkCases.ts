import { ARABIC_TURKISH_POLISH_WALKS } from './localeWalkCases.arabicTurkishPolish';
import { CYRILLIC_WALKS } from './localeWalkCases.cyrillic';
import { LATIN_WALKS } from './localeWalkCases.latin';

/**
 * One message the user types, bare when only its answer matters, or with the fragments the
 * reply must contain. `{ref}` in a fragment or message stands for the laptop request's reference.
 */
export type Step = string | readonly [say: string, ...expected: string[]];

/** What differs between the walks of `localeWalk.test.ts` in one language. */
export interface WalkCase {
  locale: string;
  /** The language's English name, for the test titles. */
  language: string;
  /**
   * Replies start with a right-to-left mark and wrap inserted values in direction isolates;
   * the assertions read the text without those invisible marks.
   */
  rtl?: boolean;
  /**
   * `separate`: the laptop walks run with every form and no crisis layer; the check-ins with only
   * the wellbeing dialog behind the crisis layer (menu option 4).
   * `together`: every walk runs with every form and the crisis layer, as `src/app.ts` wires it.
   */
  bots: 'separate' | 'together';
  /** Fragments of the greeting and the menu. */
  greeting: readonly string[];
  /** Laptop request: a parent, two pupils in primary school, no computer, needs internet → gift. */
  laptop: {
    /** From the menu to the summary. */
    steps: readonly Step[];
    /** Agreeing to the rules; besides these fragments the reply holds the reference line. */
    confirm: Step;
    /** The school typed at the "who knows you" question, as stored. */
    knownBy: string;
    /** The ICT help language chosen, as stored. */
    ictHelpLanguage: string;
    /** The status question and a fragment of its answer. */
    status: readonly [say: string, reply: string];
  };
  /** The line that gives the reference, `{ref}` standing for it. */
  reference: string;
  /** Wellbeing check-in from opening it to the result: raw 25, 13–15, girl, at home, kept. */
  checkIn: readonly Step[];
  /** The result never shows the score. */
  noScore: RegExp;
  /** Wellbeing check-in in the low band, not kept, support offered, the goodbye last. */
  lowBand: readonly Step[];
  /** A crisis sentence typed after the first `afterSteps` steps of `lowBand`: answered at once. */
  crisisMidway?: { afterSteps: number; say: string; reply: readonly string[] };
  /** Switching to Dutch mid-form with "taal", back with the own word; then a loan laptop. */
  switchLanguage: {
    /** Into the form, up to the number of pupils. */
    before: readonly Step[];
    /** The language choice's header and the language's own name. */
    choice: readonly string[];
    /** The language's own word for "language". */
    word: string;
    /** Naming the language: back in it, at the levels question. */
    back: Step;
    /**
     * Secondary school, then: Digisprong no; computer no; internet yes; laptop before no;
     * legal residence don't know. (School, street, number and phone are the same in every language.)
     */
    answers: readonly string[];
    /** Fragments of the summary once Dutch is chosen for the ICT help. */
    summary: readonly string[];
    /** Agreeing to the rules. */
    confirm: string;
  };
}

export const WALK_CASES: readonly WalkCase[] = [
  ...LATIN_WALKS,
  ...CYRILLIC_WALKS,
  ...ARABIC_TURKISH_POLISH_WALKS,
];
