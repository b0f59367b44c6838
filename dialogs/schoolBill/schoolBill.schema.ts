import { z } from 'zod';
import { SCHOOL_BILL_REASONS } from './schoolBillRules';

const yesNoUnknown = z.enum(['yes', 'no', 'dontKnow']);

/**
 * The data of a `school-bill` case: a school reports a family with unpaid school invoices. The
 * family is not named in the chat; staff contact the school's contact person.
 */
export const SchoolBillRequestSchema = z.object({
  school: z.string().min(1).max(100),
  contactName: z.string().min(1).max(80),
  phone: z.string().regex(/^\+32\d{8,9}$/, 'must be a Belgian number in E.164'),
  email: z.string().email(),
  mainResidenceMechelen: yesNoUnknown,
  legalResidence: yesNoUnknown,
  signals: z.array(z.string().min(1)),
  invoices: z.number().int().min(1),
  amountEuro: z.number().int().min(1),
  oldestInvoice: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  familyKnows: z.enum(['yes', 'no']),
  /** The bot's reading of the conditions, so staff see at once why a request may not qualify. */
  assessment: z.object({
    qualifies: z.boolean(),
    reasons: z.array(z.enum(SCHOOL_BILL_REASONS)),
  }),
});
export type SchoolBillRequest = z.infer<typeof SchoolBillRequestSchema>;
