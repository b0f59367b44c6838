import type { SchoolBillRules } from '../../src/helplineData';

export type YesNoUnknown = 'yes' | 'no' | 'dontKnow';

/** What the qualification looks at. */
export interface SchoolBillAnswers {
  mainResidenceMechelen: YesNoUnknown;
  legalResidence: YesNoUnknown;
  signals: readonly string[];
  /** ISO date of the oldest unpaid invoice. */
  oldestInvoice: string;
}

/** Why a request may not qualify; each has a sentence under `schoolBill.reasons.<code>`. */
export const SCHOOL_BILL_REASONS = [
  'outsideMechelen',
  'mainResidenceUnknown',
  'noLegalResidence',
  'legalResidenceUnknown',
  'noSignals',
  'invoicesTooOld',
] as const;
export type SchoolBillReason = (typeof SCHOOL_BILL_REASONS)[number];

/** The bot's reading of the conditions; staff decide, the request is recorded either way. */
export interface SchoolBillAssessment {
  qualifies: boolean;
  reasons: SchoolBillReason[];
}

/**
 * Checks a request against the conditions of seed 002, as set in the data file: main residence
 * in Mechelen, legal residence, signs that non-payment comes from financial vulnerability (not
 * forgetfulness), and invoices from the first date that counts.
 * @remarks "I don't know" is not a refusal: it is marked so staff check it with the school.
 */
export function assessSchoolBill(answers: SchoolBillAnswers, rules: SchoolBillRules): SchoolBillAssessment {
  const reasons: SchoolBillReason[] = [];
  if (!rules.mainResidenceAnswers.includes(answers.mainResidenceMechelen)) {
    reasons.push(answers.mainResidenceMechelen === 'dontKnow' ? 'mainResidenceUnknown' : 'outsideMechelen');
  }
  if (!rules.legalResidenceAnswers.includes(answers.legalResidence)) {
    reasons.push(answers.legalResidence === 'dontKnow' ? 'legalResidenceUnknown' : 'noLegalResidence');
  }
  if (answers.signals.length < rules.minSignals) reasons.push('noSignals');
  // Same "YYYY-MM-DD" format on both sides, so text order is date order.
  if (answers.oldestInvoice < rules.invoicesFrom) reasons.push('invoicesTooOld');
  return { qualifies: reasons.length === 0, reasons };
}
