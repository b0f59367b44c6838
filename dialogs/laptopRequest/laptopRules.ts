import type { LaptopRules } from '../../src/helplineData';

export type YesNo = 'yes' | 'no';
export type YesNoUnknown = 'yes' | 'no' | 'dontKnow';
export type ResidenceAnswer = 'yes' | 'no' | 'dontKnow' | 'ratherNotSay';

/** School levels of the children, as asked (the upper ones get a school device via Digisprong). */
export const PUPIL_LEVELS = ['kleuter', 'primaryLower', 'primaryUpper', 'secondary'] as const;
export type PupilLevel = (typeof PUPIL_LEVELS)[number];
const DIGISPRONG_LEVELS: readonly PupilLevel[] = ['primaryUpper', 'secondary'];

/** The screening answers the decision needs. */
export interface LaptopAnswers {
  postcode: string;
  pupils: number;
  levels: PupilLevel[];
  schoolProvidesDevice?: YesNoUnknown;
  computerAtHome: YesNo;
  hadLaptopBefore: YesNoUnknown;
  legalResidence: ResidenceAnswer;
}

export type NotEligibleReason = 'outsideMechelen' | 'noPupil' | 'schoolDevice' | 'computerAtHome';
export type LoanReason = 'hadBefore' | 'firstRequestUnknown' | 'outsideMechelen' | 'residence';

/** Gift, loan or not eligible, with the one reason the user is told. */
export type LaptopDecision =
  | { outcome: 'notEligible'; reason: NotEligibleReason }
  | { outcome: 'gift'; reason: 'firstRequest' }
  | { outcome: 'loan'; reason: LoanReason };

/** True when the postcode is one of Mechelen's (2800, 2801, 2811, 2812 in the data file). */
export function livesInMechelen(postcode: string, rules: Pick<LaptopRules, 'mechelenPostcodes'>): boolean {
  return rules.mechelenPostcodes.includes(postcode.trim());
}

/** Ask about a school device (Digisprong) only when a child is from the 5th year of primary on. */
export function needsDigisprongQuestion(levels: readonly PupilLevel[]): boolean {
  return levels.some((level) => DIGISPRONG_LEVELS.includes(level));
}

/**
 * Why a family cannot ask, judged on the answers given so far (the form stops at the first one).
 * @remarks A school device only rules a request out when every child gets one; younger brothers
 * and sisters still need a computer at home.
 */
export function notEligibleReason(answers: Partial<LaptopAnswers>, rules: LaptopRules): NotEligibleReason | undefined {
  if (answers.postcode !== undefined && rules.mechelenOnly && !livesInMechelen(answers.postcode, rules)) {
    return 'outsideMechelen';
  }
  if (answers.pupils !== undefined && answers.pupils < 1) return 'noPupil';
  if (
    answers.schoolProvidesDevice === 'yes' &&
    answers.levels !== undefined &&
    answers.levels.every((level) => DIGISPRONG_LEVELS.includes(level))
  ) {
    return 'schoolDevice';
  }
  if (answers.computerAtHome === 'yes') return 'computerAtHome';
  return undefined;
}

/**
 * The gift/loan rule of seed 002, driven by the data file: a gift for the first request of a
 * family living in Mechelen with legal residence, a loan in every other eligible case. Staff
 * still screen every request; the bot never promises a device.
 */
export function decideLaptop(answers: LaptopAnswers, rules: LaptopRules): LaptopDecision {
  const blocked = notEligibleReason(answers, rules);
  if (blocked) return { outcome: 'notEligible', reason: blocked };
  const { gift } = rules;
  if (gift.firstRequestOnly && answers.hadLaptopBefore === 'yes') return { outcome: 'loan', reason: 'hadBefore' };
  if (gift.firstRequestOnly && answers.hadLaptopBefore === 'dontKnow') {
    return { outcome: 'loan', reason: 'firstRequestUnknown' };
  }
  if (gift.livesInMechelen && !livesInMechelen(answers.postcode, rules)) return { outcome: 'loan', reason: 'outsideMechelen' };
  if (!gift.legalResidenceAnswers.includes(answers.legalResidence)) return { outcome: 'loan', reason: 'residence' };
  return { outcome: 'gift', reason: 'firstRequest' };
}
