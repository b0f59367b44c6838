import type {
  HelplineData,
  RegistrationLevel,
  RegistrationPeriod,
  RegistrationPlatform,
} from '../../src/helplineData';

/** What a parent asks about, in the order of the question. */
export const SITUATIONS = ['toddler', 'primary', 'secondary', 'changeSchool', 'result'] as const;
export type Situation = (typeof SITUATIONS)[number];

/**
 * The school year whose registration runs around `now`: registration happens in spring for the
 * next school year, so from 1 September on it is the year after the current one
 * (2026-11-23 → "2027-2028", 2026-03-10 → "2026-2027").
 */
export function registrationCycle(now: Date): string {
  const start = now.getUTCMonth() >= 8 ? now.getUTCFullYear() + 1 : now.getUTCFullYear();
  return `${start}-${start + 1}`;
}

/** The level whose periods apply; a toddler uses the primary system when it has no own item. */
export function levelOf(situation: Situation): RegistrationLevel | undefined {
  if (situation === 'toddler' || situation === 'primary' || situation === 'secondary') return situation;
  return undefined;
}

/** What the data file says for this level and this cycle; nothing when the item is out of date. */
export interface RegistrationFacts {
  cycle: string;
  period?: RegistrationPeriod;
  platform?: RegistrationPlatform;
  helpdesk: { phone: string; email: string };
}

/**
 * Picks the facts valid for the current cycle only. An item of another school year is never
 * quoted (issue "Parents' forms": a past year's dates must not reach parents as current).
 */
export function registrationFacts(data: HelplineData, situation: Situation, now: Date): RegistrationFacts {
  const cycle = registrationCycle(now);
  const level = levelOf(situation);
  const { registration, helpline } = data;
  const forLevel = (l: RegistrationLevel): RegistrationPeriod | undefined =>
    registration.periods.find((p) => p.level === l && p.validForSchoolYear === cycle);
  const period = level ? (forLevel(level) ?? (level === 'toddler' ? forLevel('primary') : undefined)) : undefined;
  const platform = level
    ? registration.platforms.find((p) => p.levels.includes(level) && p.validForSchoolYear === cycle)
    : undefined;
  // An out-of-date help desk falls back to the helpline's own contact, which the spine keeps current.
  const desk = registration.helpdesk.validForSchoolYear === cycle ? registration.helpdesk : helpline;
  return { cycle, period, platform, helpdesk: { phone: 'phoneDisplay' in desk ? desk.phoneDisplay : desk.phone, email: desk.email } };
}

const LOCALE_TAGS: Record<string, string> = { nl: 'nl-BE', en: 'en-GB', fr: 'fr-BE' };

/** A date-time of the data file as parents read it, in the helpline's time zone. */
export function formatMoment(iso: string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALE_TAGS[locale] ?? locale, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone,
  }).format(new Date(iso));
}
