import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const answer = z.number().int().min(1).max(5);

/** Age bands of the check-in: never an exact age (domain.md §6.2 rule 3). */
export const AGE_BANDS = ['under13', '13to15', '16to18', 'over18'] as const;
export const GENDERS = ['boy', 'girl', 'other', 'ratherNotSay'] as const;
export const CHECK_IN_PLACES = ['school', 'home', 'neighbourhood', 'youthCentre', 'other'] as const;

/**
 * One stored wellbeing check-in. Strict: a field that is not listed here (a name, a phone number,
 * a conversation reference, an exact age, a free-text message) makes the record invalid, so it
 * can never be kept by mistake.
 */
export const WellbeingCheckInRecordSchema = z.strictObject({
  /** Day only, no time: a timestamp next to a place could point to one pupil. */
  date: isoDate,
  place: z.enum(CHECK_IN_PLACES),
  ageBand: z.enum(AGE_BANDS).exclude(['under13']),
  gender: z.enum(GENDERS),
  /** The seven SWEMWBS answers in the scale's order (1 = never … 5 = always). */
  swemwbsAnswers: z.array(answer).length(7),
  /** The helpline's extra statement "Ik voelde me gelukkig": kept apart, never scored. */
  happyAnswer: answer,
  raw: z.number().int().min(7).max(35),
  metric: z.number().min(7).max(35),
  language: z.string().regex(/^[a-z]{2,3}$/),
});
export type WellbeingCheckInRecord = z.infer<typeof WellbeingCheckInRecordSchema>;

/** Every kind of anonymous record, with the schema it is checked against on write and read. */
export const ANONYMOUS_RECORD_SCHEMAS = {
  'wellbeing-checkin': WellbeingCheckInRecordSchema,
} as const;
export type AnonymousKind = keyof typeof ANONYMOUS_RECORD_SCHEMAS;
export type AnonymousRecordOf<K extends AnonymousKind> = z.infer<(typeof ANONYMOUS_RECORD_SCHEMAS)[K]>;
