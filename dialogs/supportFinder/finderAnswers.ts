import type { FinderAnswers } from '../../src/supportFinder/ruleEngine';

/** What the finder learned: the rule answers, plus the exact postcode a form can reuse. */
export interface FinderState {
  answers: FinderAnswers;
  postcode?: string;
}

/** The "I'd rather not say" option every finder question has. */
export const SKIP = 'ratherNotSay';

/** School levels, with the ids the laptop form uses too, so they carry over unchanged. */
export const FINDER_LEVELS = ['kleuter', 'primaryLower', 'primaryUpper', 'secondary'] as const;

/** The combined "computer and internet at home?" question. */
export const COMPUTER_OPTIONS = ['both', 'computerOnly', 'internetOnly', 'neither'] as const;
type ComputerOption = (typeof COMPUTER_OPTIONS)[number];

/** Postcode question: a Mechelen postcode, another municipality, or skipped. */
export function recordPostcode(state: FinderState, choice: string): void {
  if (choice === SKIP) return;
  if (choice === 'other') {
    state.answers.municipality = 'other';
    return;
  }
  state.answers.municipality = 'mechelen';
  state.postcode = choice;
}

/** Levels question: "rather not say" alone is a skip; next to levels it is ignored. */
export function recordLevels(state: FinderState, choices: readonly string[]): void {
  const levels = choices.filter((c) => c !== SKIP);
  if (levels.length > 0) state.answers.levels = levels;
}

/** Computer-and-internet question → two answers the rules can use separately. */
export function recordComputer(state: FinderState, choice: string): void {
  if (choice === SKIP) return;
  const option = choice as ComputerOption;
  state.answers.computerAtHome = option === 'both' || option === 'computerOnly' ? 'yes' : 'no';
  state.answers.internetAtHome = option === 'both' || option === 'internetOnly' ? 'yes' : 'no';
}

/** A yes/no(/don't know) question; "rather not say" leaves the answer out. */
export function recordSimple(state: FinderState, name: 'unpaidBills' | 'allowance' | 'studyHelp' | 'worries', choice: string): void {
  if (choice !== SKIP) state.answers[name] = choice;
}

/**
 * The answers a form can take over, by the form's own field names (no question asked twice).
 * Only what was answered is passed; the form asks the rest.
 */
export function prefillFor(form: string, state: FinderState): Record<string, unknown> {
  const { answers, postcode } = state;
  const prefill: Record<string, unknown> = {};
  if (postcode) prefill.postcode = postcode;
  if (answers.levels) prefill.levels = [...answers.levels];
  if (form === 'laptop') {
    if (answers.computerAtHome) prefill.computerAtHome = answers.computerAtHome;
    // The laptop form asks whether internet is needed: the opposite of having it at home.
    if (answers.internetAtHome) prefill.internetNeeded = answers.internetAtHome === 'yes' ? 'no' : 'yes';
  }
  return prefill;
}
