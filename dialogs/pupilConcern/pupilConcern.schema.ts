import { z } from 'zod';
import { WORRIES } from '../../src/forms/worryCategories';

export const ORG_KINDS = ['school', 'clb', 'youthWork', 'welfare', 'other'] as const;
export const SCHOOL_LEVELS = ['kleuter', 'lager', 'secondary1', 'secondary2', 'secondary3', 'special'] as const;
/** NAFT partners of the Mechelen region (seed 001), another partner, none, or not known. */
export const PARTNERS = ['none', 'arktos', 'profo', 'pros', 'other', 'dontKnow'] as const;
export { WORRIES };
export const ACTIONS = ['phone', 'emailApp', 'letter', 'homeVisit', 'classmate', 'other'] as const;
export const URGENCIES = ['thisWeek', 'canWait', 'urgentToday'] as const;
const yesNoDontKnow = z.enum(['yes', 'no', 'dontKnow']);

/**
 * A worry about a pupil, reported by a professional. Deliberately minimal about the pupil: first
 * name and surname initial only, no national number, no diagnoses (domain.md §6.2).
 */
export const PupilConcernSchema = z
  .object({
    orgKind: z.enum(ORG_KINDS),
    orgName: z.string().min(1).max(120),
    reporterName: z.string().min(1).max(100),
    reporterRole: z.string().min(1).max(80),
    reporterPhone: z.string().regex(/^\+\d{8,15}$/),
    reporterEmail: z.string().email(),
    pupilFirstName: z.string().min(1).max(40),
    pupilSurnameInitial: z.string().regex(/^\p{Lu}$/u),
    pupilBirthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    pupilAge: z.number().int().min(2).max(25).optional(),
    school: z.string().min(1).max(120),
    level: z.enum(SCHOOL_LEVELS),
    homeLanguages: z.string().min(1).max(100),
    clbInvolved: yesNoDontKnow,
    partner: z.enum(PARTNERS),
    partnerOther: z.string().max(100).optional(),
    worries: z.array(z.enum(WORRIES)).min(1),
    worryOther: z.string().max(300).optional(),
    /** The helpline promises partners that the school already tried: at least one attempt. */
    actions: z.array(z.enum(ACTIONS)).min(1),
    actionOther: z.string().max(300).optional(),
    parentsKnow: yesNoDontKnow,
    urgency: z.enum(URGENCIES),
  })
  .refine((c) => c.pupilBirthDate !== undefined || c.pupilAge !== undefined, {
    message: 'date of birth or age is required',
    path: ['pupilBirthDate'],
  });
export type PupilConcern = z.infer<typeof PupilConcernSchema>;
