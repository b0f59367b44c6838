import { z } from 'zod';
import { SITUATIONS } from './registrationContent';

/** Parts of the day staff can call back in. */
export const CALL_MOMENTS = ['morning', 'afternoon', 'evening'] as const;

/**
 * The data of a `registration-help` case: a call-back booked from the registration help, with
 * the situation the parent asked about so staff can prepare.
 */
export const RegistrationHelpSchema = z.object({
  request: z.literal('callback'),
  situation: z.enum(SITUATIONS).optional(),
  name: z.string().min(1).max(80),
  phone: z.string().regex(/^\+32\d{8,9}$/, 'must be a Belgian number in E.164'),
  /** ISO code of the language to call in, or "other". */
  language: z.string().min(2).max(5),
  moment: z.enum(CALL_MOMENTS),
});
export type RegistrationHelp = z.infer<typeof RegistrationHelpSchema>;
