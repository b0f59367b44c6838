/**
 * Scoring of the Short Warwick-Edinburgh Mental Wellbeing Scale (SWEMWBS).
 * @remarks The raw sum of the 7 items (7–35) must be converted with the scale's Rasch table
 * before it is compared or averaged (Warwick scoring guidance, domain.md §2.2). The helpline's
 * 8th statement ("Ik voelde me gelukkig") is not part of the scale and never enters the score.
 * Table values: domain.md §2.2 (raw 23 → 20.73 and 32 → 29.31 confirmed by the German norm study);
 * to be checked against the Warwick user guide by the licence holder.
 */

/** Number of SWEMWBS items; the check-in asks one extra, unscored statement after them. */
export const SWEMWBS_ITEMS = 7;

/** Raw score (7–35) → metric score. */
export const SWEMWBS_METRIC: Readonly<Record<number, number>> = {
  7: 7.0, 8: 9.51, 9: 11.25, 10: 12.4, 11: 13.33, 12: 14.08, 13: 14.75, 14: 15.32, 15: 15.84,
  16: 16.36, 17: 16.88, 18: 17.43, 19: 17.98, 20: 18.59, 21: 19.25, 22: 19.98, 23: 20.73,
  24: 21.54, 25: 22.35, 26: 23.21, 27: 24.11, 28: 25.03, 29: 26.02, 30: 27.03, 31: 28.13,
  32: 29.31, 33: 30.7, 34: 32.55, 35: 35.0,
};

/** The result of scoring: never shown to the pupil, only used to choose the reply and to store. */
export type SwemwbsScore =
  | { status: 'complete'; raw: number; metric: number; band: 'low' | 'notLow' }
  | { status: 'incomplete' };

/**
 * Scores the answers of one check-in. `answers[i]` is the answer (1 = never … 5 = always) to
 * statement i + 1; only the first seven count. All seven are needed: no rule exists for missing
 * items, so a gap gives "incomplete" rather than a guess. Low band = metric ≤ `lowMetricThreshold`
 * (from the data file; default 20.73, the 15th percentile of the German norm).
 */
export function scoreSwemwbs(answers: readonly (number | undefined)[], lowMetricThreshold: number): SwemwbsScore {
  const items = answers.slice(0, SWEMWBS_ITEMS);
  if (items.length < SWEMWBS_ITEMS || !items.every((a) => Number.isInteger(a) && a! >= 1 && a! <= 5)) {
    return { status: 'incomplete' };
  }
  const raw = items.reduce<number>((sum, a) => sum + a!, 0);
  const metric = SWEMWBS_METRIC[raw]!;
  return { status: 'complete', raw, metric, band: metric <= lowMetricThreshold ? 'low' : 'notLow' };
}
