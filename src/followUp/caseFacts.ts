import type { CaseRecord } from '../cases/caseRecord';

/**
 * The few facts of a case that filtering, matching and figures need, read tolerantly from its
 * `data`: each kind's schema is owned by its dialog and may grow or rename fields, and erased
 * cases have no data at all, so every fact is optional and a missing one never throws.
 */
export interface CaseFacts {
  school?: string;
  level?: string;
  grade?: string;
  age?: number;
  categories: string[];
  urgency?: string;
  /** Language to reach the family in (home language, call-back language, else the chat's). */
  language?: string;
  postcode?: string;
  district?: string;
  /** A partner the reporter says is already involved (pupil-concern `partner`). */
  involvedPartner?: string;
  /** Laptop: what staff decided (from the status), else the bot's advice. */
  laptopType?: 'gift' | 'loan';
}

/** Field names tried in order; nested names use dots ("pupil.school"). */
const FIELDS = {
  school: ['school', 'schoolName', 'pupil.school', 'pupil.schoolName'],
  level: ['level', 'schoolLevel', 'pupil.level', 'pupil.schoolLevel'],
  grade: ['grade', 'schoolYearGrade', 'year', 'pupil.grade', 'pupil.year'],
  age: ['age', 'pupilAge', 'pupil.age'],
  birthDate: ['pupilBirthDate', 'birthDate', 'pupil.birthDate'],
  categories: ['categories', 'concerns', 'worries', 'worryKinds', 'category', 'concern', 'worry', 'topics'],
  urgency: ['urgency', 'priority', 'urgent'],
  language: ['homeLanguage', 'homeLanguages', 'language', 'contactLanguage', 'ictHelpLanguage', 'pupil.homeLanguage'],
  postcode: ['postcode', 'postalCode', 'pupil.postcode', 'family.postcode'],
  district: ['district', 'neighbourhood', 'deelgemeente', 'family.district'],
} as const;

function at(data: Record<string, unknown>, path: string): unknown {
  let value: unknown = data;
  for (const part of path.split('.')) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function first(data: Record<string, unknown>, paths: readonly string[]): unknown {
  for (const path of paths) {
    const value = at(data, path);
    if (value !== undefined && value !== null && value !== '') return value;
  }
  return undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** Reads the facts of one case; `data: {}` (erased) gives only what the record itself knows. */
export function caseFacts(record: Pick<CaseRecord, 'kind' | 'data' | 'locale' | 'history' | 'status'>): CaseFacts {
  const data = record.data ?? {};
  const rawAge = first(data, FIELDS.age);
  const age = typeof rawAge === 'number' ? rawAge : typeof rawAge === 'string' ? Number.parseInt(rawAge, 10) : ageFrom(text(first(data, FIELDS.birthDate)), record.history[0]?.at);
  const rawCategories = first(data, FIELDS.categories);
  const categories = (Array.isArray(rawCategories) ? rawCategories : [rawCategories])
    .map(text)
    .filter((c): c is string => c !== undefined);
  const urgencyValue = first(data, FIELDS.urgency);
  const urgency = typeof urgencyValue === 'boolean' ? (urgencyValue ? 'urgent' : 'normal') : text(urgencyValue);
  return {
    school: text(first(data, FIELDS.school)),
    level: text(first(data, FIELDS.level)),
    grade: text(first(data, FIELDS.grade)),
    age: Number.isInteger(age) && age > 0 && age < 30 ? age : undefined,
    categories,
    urgency,
    language: text(first(data, FIELDS.language)) ?? record.locale,
    postcode: text(first(data, FIELDS.postcode)),
    district: text(first(data, FIELDS.district)),
    involvedPartner: text(data.partner),
    laptopType: record.kind === 'laptop-request' ? laptopType(record) : undefined,
  };
}

/** Age in whole years on the day of the report, from a YYYY-MM-DD birth date. */
function ageFrom(birthDate: string | undefined, reportedAt: string | undefined): number {
  const born = birthDate ? new Date(`${birthDate}T00:00:00Z`) : undefined;
  const on = reportedAt ? new Date(reportedAt) : undefined;
  if (!born || !on || Number.isNaN(born.getTime()) || Number.isNaN(on.getTime())) return NaN;
  const beforeBirthday = on.getUTCMonth() < born.getUTCMonth() || (on.getUTCMonth() === born.getUTCMonth() && on.getUTCDate() < born.getUTCDate());
  return on.getUTCFullYear() - born.getUTCFullYear() - (beforeBirthday ? 1 : 0);
}

function laptopType(record: Pick<CaseRecord, 'data' | 'history'>): 'gift' | 'loan' | undefined {
  const decided = [...record.history].reverse().find((h) => h.status.startsWith('approved-'))?.status;
  if (decided === 'approved-gift') return 'gift';
  if (decided === 'approved-loan') return 'loan';
  const advice = record.data?.advice;
  return advice === 'gift' || advice === 'loan' ? advice : undefined;
}

/** What a partner would be called on for, for this case (worry categories, laptop, registration). */
export function neededOffers(record: Pick<CaseRecord, 'kind'>, facts: CaseFacts): string[] {
  if (record.kind === 'laptop-request') return ['laptop'];
  if (record.kind === 'registration-help') return ['registration'];
  return facts.categories;
}
