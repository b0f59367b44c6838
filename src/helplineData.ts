import { z } from 'zod';
import { MeasuresSchema } from './supportFinder/measureSchema';

/**
 * The one helpline data file (`data/helpline.json`): every time-dependent fact the bot states.
 * @remarks Facts change every school year; `validForSchoolYear` and `lastVerified` let the bot
 * refuse to quote what may be outdated instead of stating it as current.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const isoDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)$/, 'must be an ISO date-time with offset');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM');
const schoolYear = z.string().regex(/^\d{4}-\d{4}$/, 'must be a school year like 2026-2027');

export const TimeRangeSchema = z.tuple([hhmm, hhmm]);
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export const OpeningHoursSchema = z.object({
  timeZone: z.string().refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone such as Europe/Brussels'),
  weekly: z.record(z.enum(WEEKDAYS), z.array(TimeRangeSchema)),
  holidays: z.array(isoDate),
});
export type OpeningHours = z.infer<typeof OpeningHoursSchema>;

export const RegistrationLevelSchema = z.enum(['toddler', 'primary', 'secondary']);
export type RegistrationLevel = z.infer<typeof RegistrationLevelSchema>;

export const RegistrationPeriodSchema = z.object({
  level: RegistrationLevelSchema,
  region: z.string().min(1),
  validForSchoolYear: schoolYear,
  lastVerified: isoDate,
  source: z.string().min(1),
  platformUrl: z.string().url().optional(),
  directEnrolment: z.object({ from: isoDateTime, until: isoDateTime }).optional(),
  aanmelden: z.object({ from: isoDateTime, until: isoDateTime }),
  resultOn: isoDateTime.optional(),
  inschrijven: z.object({ from: isoDateTime, until: isoDateTime }).optional(),
  freeEnrolmentFrom: isoDateTime.optional(),
});
export type RegistrationPeriod = z.infer<typeof RegistrationPeriodSchema>;

/** Address of a registration website for one level and one cycle (it changed name twice since 2020). */
export const RegistrationPlatformSchema = z.object({
  levels: z.array(RegistrationLevelSchema).min(1),
  region: z.string().min(1),
  url: z.string().url(),
  validForSchoolYear: schoolYear,
  lastVerified: isoDate,
  source: z.string().min(1),
});
export type RegistrationPlatform = z.infer<typeof RegistrationPlatformSchema>;

/** The registration help desk: quoted only for the school year it was verified for. */
export const RegistrationHelpdeskSchema = z.object({
  phone: z.string().min(6),
  email: z.string().email(),
  validForSchoolYear: schoolYear,
  lastVerified: isoDate,
  source: z.string().min(1),
});

/**
 * The laptop scheme as data (seeds 000 and 002), so a change of rules is an edit of the data file.
 * `gift` lists what a gift laptop needs; every other eligible request is a loan.
 */
export const LaptopRulesSchema = z.object({
  mechelenPostcodes: z.array(z.string().regex(/^\d{4}$/)).min(1),
  /** Only families living in Mechelen can ask (else: explain and point to the helpline). */
  mechelenOnly: z.boolean(),
  digisprongFromGrade: z.number().int().min(1).max(6),
  maxPupils: z.number().int().min(1).max(20),
  gift: z.object({
    firstRequestOnly: z.boolean(),
    livesInMechelen: z.boolean(),
    /** Answers to the legal-residence question that allow a gift; any other answer gives a loan. */
    legalResidenceAnswers: z.array(z.enum(['yes', 'no', 'dontKnow', 'ratherNotSay'])),
  }),
  agreement: z.object({
    deposit: z.boolean(),
    damageFee: z.boolean(),
    homeDelivery: z.boolean(),
    phoneIctHelp: z.boolean(),
    internetWhenNeeded: z.boolean(),
  }),
  /** Languages the ICT help can be given in (ISO codes; labels in the locale files). */
  ictHelpLanguages: z.array(z.string().regex(/^[a-z]{2,3}$/)).min(1),
  lastVerified: isoDate,
  source: z.string().min(1),
});
export type LaptopRules = z.infer<typeof LaptopRulesSchema>;

/**
 * The school-bill intervention (seed 002) as data: which answers qualify and from which date
 * invoices count. A request that does not qualify is still recorded, marked, and staff decide.
 */
export const SchoolBillRulesSchema = z.object({
  /** Answers to "is the family's main residence in Mechelen?" that qualify. */
  mainResidenceAnswers: z.array(z.enum(['yes', 'no', 'dontKnow'])).min(1),
  /** Answers to "does the family have legal residence?" that qualify. */
  legalResidenceAnswers: z.array(z.enum(['yes', 'no', 'dontKnow'])).min(1),
  /** Signals of financial vulnerability a school can tick (labels: `schoolBill.signals.<id>`). */
  signals: z.array(z.string().regex(/^[a-z][a-zA-Z]+$/)).min(1),
  /** Non-payment must point to vulnerability, not forgetfulness: at least this many signals. */
  minSignals: z.number().int().min(0),
  /** Invoices dated before this day do not count. */
  invoicesFrom: isoDate,
  maxInvoices: z.number().int().min(1),
  maxAmountEuro: z.number().int().min(1),
  validForSchoolYear: schoolYear,
  lastVerified: isoDate,
  source: z.string().min(1),
});
export type SchoolBillRules = z.infer<typeof SchoolBillRulesSchema>;

export const PartnerSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  kind: z.enum(['naft', 'welfare', 'youth-work', 'school-support', 'digital', 'other']),
  offers: z.array(z.string().min(1)),
  area: z.array(z.string().min(1)),
  languages: z.array(z.string().min(2)),
  contacts: z.array(z.object({ name: z.string().min(1), phone: z.string().min(6) })).default([]),
  source: z.string().min(1),
});
export type Partner = z.infer<typeof PartnerSchema>;

export const CrisisLinesSchema = z.object({
  emergency: z.string(),
  police: z.string(),
  suicide: z.string(),
  abuse: z.string(),
  missingChild: z.string(),
  childLine: z.string(),
  adultLine: z.string(),
});

export const HelplineDataSchema = z.object({
  helpline: z.object({
    name: z.string().min(1),
    phone: z.string().regex(/^\+32\d{8,9}$/, 'must be E.164 (+32…)'),
    phoneDisplay: z.string().min(1),
    email: z.string().email(),
    lastVerified: isoDate,
    source: z.string().min(1),
  }),
  openingHours: OpeningHoursSchema,
  locales: z.object({
    supported: z.array(z.string().regex(/^[a-z]{2,3}$/)).min(1),
  }),
  retention: z.object({
    idleConversationDays: z.number().int().min(1).max(365),
    transcriptDays: z.number().int().min(1).max(365),
    closedCaseDays: z.number().int().min(1).max(3650),
  }),
  /** Abuse limits: request body, message length, messages per conversation per minute. */
  limits: z.object({
    maxBodyBytes: z.number().int().min(1024).max(4 * 1024 * 1024),
    maxMessageChars: z.number().int().min(100).max(20_000),
    messagesPerMinute: z.number().int().min(1).max(600),
  }),
  teams: z.record(z.string(), z.string().min(1)),
  crisisLines: CrisisLinesSchema,
  registration: z.object({
    periods: z.array(RegistrationPeriodSchema),
    platforms: z.array(RegistrationPlatformSchema),
    helpdesk: RegistrationHelpdeskSchema,
    /** Languages staff can call back in (ISO codes; labels under \`callback.languages\` in the locales). */
    callbackLanguages: z.array(z.string().regex(/^[a-z]{2,3}$/)).min(1),
  }),
  laptop: LaptopRulesSchema,
  wellbeing: z.object({
    lowMetricThreshold: z.number().min(7).max(35),
    minimumAge: z.number().int().min(8).max(18),
  }),
  partners: z.array(PartnerSchema),
  /** What the support finder can suggest (src/supportFinder). */
  measures: MeasuresSchema,
  schoolBill: SchoolBillRulesSchema,
});

export type HelplineData = z.infer<typeof HelplineDataSchema>;
export { isoDate, isoDateTime, schoolYear };
