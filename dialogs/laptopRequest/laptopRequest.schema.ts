import { z } from 'zod';
import { PUPIL_LEVELS } from './laptopRules';

const e164 = z.string().regex(/^\+32\d{8,9}$/, 'must be a Belgian number in E.164');
const yesNoUnknown = z.enum(['yes', 'no', 'dontKnow']);

/** A professional asking on behalf of a family (school, CLB, organisation). */
export const LaptopProfessionalSchema = z.object({
  organisation: z.string().min(1).max(100),
  name: z.string().min(1).max(80),
  role: z.string().min(1).max(80),
  phone: e164,
  email: z.string().email(),
});

/**
 * The data of a `laptop-request` case: the screening answers, the bot's gift/loan advice (staff
 * decide), delivery details and the consent to the simple agreement.
 */
export const LaptopRequestSchema = z
  .object({
    requester: z.enum(['parent', 'professional']),
    professional: LaptopProfessionalSchema.optional(),
    /** For a parent: the school or organisation that knows the family and screens the request. */
    knownBy: z.string().min(1).max(100).optional(),
    postcode: z.string().regex(/^\d{4}$/),
    pupils: z.number().int().min(1),
    levels: z.array(z.enum(PUPIL_LEVELS)).min(1),
    schoolProvidesDevice: yesNoUnknown.optional(),
    computerAtHome: z.literal('no'),
    internetNeeded: yesNoUnknown,
    hadLaptopBefore: yesNoUnknown,
    legalResidence: z.enum(['yes', 'no', 'dontKnow', 'ratherNotSay']),
    advice: z.enum(['gift', 'loan']),
    adviceReason: z.string().min(1),
    street: z.string().min(1).max(80),
    houseNumber: z.string().min(1).max(15),
    phone: e164,
    ictHelpLanguage: z.string().min(2),
    agreementAccepted: z.literal(true),
  })
  .refine((r) => (r.requester === 'professional') === (r.professional !== undefined), {
    message: 'professional details go with a professional requester',
    path: ['professional'],
  })
  .refine((r) => r.requester === 'professional' || r.knownBy !== undefined, {
    message: 'a parent names the school or organisation that knows the family',
    path: ['knownBy'],
  });
export type LaptopRequest = z.infer<typeof LaptopRequestSchema>;
