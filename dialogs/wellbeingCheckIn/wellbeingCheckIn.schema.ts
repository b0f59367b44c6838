import { z } from 'zod';

/** Age bands offered; under 13 gets a kind redirect instead of the scale (domain.md §2.4). */
export const AGE_BAND_OPTIONS = ['under13', '13to15', '16to18', 'over18'] as const;
export const GENDER_OPTIONS = ['boy', 'girl', 'other', 'ratherNotSay'] as const;
export const PLACE_OPTIONS = ['school', 'home', 'neighbourhood', 'youthCentre', 'other'] as const;
/** Five answers, valued 1 (never) … 5 (always): the number a pupil types is the value. */
export const SCALE_OPTIONS = ['never', 'rarely', 'sometimes', 'often', 'always'] as const;
/**
 * The scale as the pupil answers it: "not often" means rarely and "almost never" rarely; every
 * other negated or approximate value ("not always", "almost always") is debatable and asked again
 * (issue #16).
 */
export const SCALE_CHOICES = SCALE_OPTIONS.map((value) => ({
  value,
  labelKey: `wellbeing.scale.${value}`,
  synonymsKey: `wellbeing.scaleWords.${value}`,
  ...(value === 'often' ? { whenNegated: 'rarely' } : {}),
  ...(value === 'never' ? { whenApproximate: 'rarely' } : {}),
}));
/** Seven SWEMWBS statements plus the helpline's "Ik voelde me gelukkig". */
export const STATEMENT_COUNT = 8;

/** A finished check-in as the dialog holds it before the pupil decides whether it is kept. */
export const WellbeingCheckInSchema = z.object({
  ageBand: z.enum(AGE_BAND_OPTIONS).exclude(['under13']),
  answers: z.array(z.number().int().min(1).max(5)).length(STATEMENT_COUNT),
  gender: z.enum(GENDER_OPTIONS),
  place: z.enum(PLACE_OPTIONS),
  /** Optional free text; never stored with the answers, only shown to staff on a hand-off. */
  message: z.string().max(500).optional(),
});
export type WellbeingCheckIn = z.infer<typeof WellbeingCheckInSchema>;

/** The draft in `step.values.form` while the pupil answers. */
export interface WellbeingDraft {
  ageBand?: (typeof AGE_BAND_OPTIONS)[number];
  answers: number[];
  gender?: (typeof GENDER_OPTIONS)[number];
  place?: (typeof PLACE_OPTIONS)[number];
  message?: string;
  low?: boolean;
}
