import { z } from 'zod';

/**
 * The support finder's measures as data: who a measure is for, when it fits (declarative rules
 * over the finder's answers, never code), how to get it, and how fresh the information is.
 * Texts (name, description, how) live in the locales under `supportFinder.measures.<id>`.
 */

/** The answers a rule may look at; a typo in the data file fails at start-up, not in a chat. */
export const ANSWER_NAMES = [
  'municipality',
  'levels',
  'computerAtHome',
  'internetAtHome',
  'unpaidBills',
  'allowance',
  'studyHelp',
  'worries',
] as const;
export type AnswerName = (typeof ANSWER_NAMES)[number];

/**
 * A rule: `all` / `any` / `not` over conditions. A condition holds when the answer equals the
 * value (for a list answer such as `levels`: contains it), or for `in`, one of the values.
 */
export type Rule =
  | { all: Rule[] }
  | { any: Rule[] }
  | { not: Rule }
  | { answer: AnswerName; equals: string }
  | { answer: AnswerName; in: string[] };

export const RuleSchema: z.ZodType<Rule> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(RuleSchema) }),
    z.strictObject({ any: z.array(RuleSchema).min(1) }),
    z.strictObject({ not: RuleSchema }),
    z.strictObject({ answer: z.enum(ANSWER_NAMES), equals: z.string().min(1) }),
    z.strictObject({ answer: z.enum(ANSWER_NAMES), in: z.array(z.string().min(1)).min(1) }),
  ]),
);

// Own copies of the date formats: helplineData.ts imports this file, so importing back would be circular.
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const schoolYear = z.string().regex(/^\d{4}-\d{4}$/, 'must be a school year like 2026-2027');

/** Forms of this bot a measure can start (menu option ids of MainDialog). */
export const MEASURE_FORMS = ['laptop', 'registration'] as const;
export type MeasureForm = (typeof MEASURE_FORMS)[number];

export const MeasureSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-zA-Z]+$/, 'camelCase id (locale key)'),
  audience: z.array(z.enum(['parents', 'pupils', 'schools'])).min(1),
  rule: RuleSchema,
  /** How to get it: a form of this bot, and/or contact details shown in the `how` text. */
  form: z.enum(MEASURE_FORMS).optional(),
  contact: z
    .strictObject({
      phone: z.string().min(3).optional(),
      email: z.string().email().optional(),
      url: z.string().url().optional(),
      where: z.string().min(1).optional(),
    })
    .default({}),
  /** Where the facts come from (a key of domain.md §9). */
  source: z.string().min(1),
  validForSchoolYear: schoolYear,
  lastVerified: isoDate,
});
export type Measure = z.infer<typeof MeasureSchema>;

/** The list, with unique ids (the locale keys and the tests rely on it). */
export const MeasuresSchema = z
  .array(MeasureSchema)
  .refine((list) => new Set(list.map((m) => m.id)).size === list.length, 'measure ids must be unique');
