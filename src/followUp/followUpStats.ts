import { schoolYearOf, type CaseRecord } from '../cases/caseRecord';
import type { Partner } from '../helplineData';
import { caseFacts } from './caseFacts';

/** One table of the figures: a name and counted rows, largest first. */
export interface FigureTable {
  id: FigureTableId;
  rows: { key: string; count: number }[];
}

export const FIGURE_TABLES = [
  'casesPerKind',
  'reportsPerPartner',
  'reportsPerSchool',
  'reportsPerLevelGrade',
  'reportsPerAge',
  'reportsPerWorry',
  'laptops',
  'wellbeingPerBand',
  'wellbeingPerPlace',
] as const;
export type FigureTableId = (typeof FIGURE_TABLES)[number];

/** The figures of one school year for the steering group (seed 004). */
export interface Figures {
  schoolYear: string;
  /** Worry reports (pupil-concern cases) in the year; linked reports are merged into them. */
  reports: number;
  linkedReports: number;
  /** Median hours from a worry report to the first "contact made"; undefined with no contact yet. */
  medianHoursToFirstContact?: number;
  /** How many reports the median is taken over. */
  contactedReports: number;
  tables: FigureTable[];
}

/** A wellbeing check-in as the figures need it; other fields are ignored. */
export interface WellbeingFact {
  date: string;
  place?: string;
  metric?: number;
}

/** Bucket for a fact a report did not give (or that was erased). */
export const UNKNOWN = 'unknown';
/** Bucket for a report no partner has yet. */
export const UNASSIGNED = 'unassigned';

class Counter {
  private readonly counts = new Map<string, number>();
  add(key: string | undefined, n = 1): void {
    const k = key?.trim() || UNKNOWN;
    this.counts.set(k, (this.counts.get(k) ?? 0) + n);
  }
  /** Keys that must show even at zero (gift/loan, low/not low) come first, in their order. */
  table(id: FigureTableId, fixed: readonly string[] = []): FigureTable {
    for (const key of fixed) if (!this.counts.has(key)) this.counts.set(key, 0);
    const rows = [...this.counts].map(([key, count]) => ({ key, count }));
    const rank = (k: string): number => (fixed.includes(k) ? fixed.indexOf(k) : fixed.length);
    rows.sort((a, b) => rank(a.key) - rank(b.key) || b.count - a.count || a.key.localeCompare(b.key, 'nl'));
    return { id, rows };
  }
}

/** The median of numbers (mean of the middle two for an even count). */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Same school written twice ("Sint-Ursula", "sint-ursula "): one row. */
function schoolKey(name: string | undefined): string | undefined {
  return name?.replace(/\s+/g, ' ').trim().toLocaleLowerCase('nl') || undefined;
}

/**
 * Computes the figures of one school year (1 September – 31 August) from the cases (their own
 * `schoolYear`), the partner directory (for names) and the wellbeing check-ins (by their date).
 * @remarks Tolerant of missing fields: what a report did not give is counted as "unknown",
 * so the totals of every table add up to the number of reports.
 */
export function computeFigures(input: {
  schoolYear: string;
  cases: readonly CaseRecord[];
  partners: readonly Pick<Partner, 'id' | 'name'>[];
  wellbeing: readonly WellbeingFact[];
  lowMetricThreshold: number;
}): Figures {
  const inYear = input.cases.filter((c) => c.schoolYear === input.schoolYear);
  const names = new Map(input.partners.map((p) => [p.id, p.name]));
  const perKind = new Counter();
  const perPartner = new Counter();
  const perSchool = new Counter();
  const perLevelGrade = new Counter();
  const perAge = new Counter();
  const perWorry = new Counter();
  const laptops = new Counter();
  const hoursToContact: number[] = [];
  let linked = 0;
  let reports = 0;

  for (const record of inYear) {
    perKind.add(record.kind);
    const facts = caseFacts(record);
    if (record.kind === 'laptop-request') {
      laptops.add('requests');
      if (facts.laptopType) laptops.add(facts.laptopType);
      if (record.history.some((h) => h.status === 'delivered')) laptops.add('delivered');
      if (record.history.some((h) => h.status === 'returned')) laptops.add('returned');
      continue;
    }
    if (record.kind !== 'pupil-concern') continue;
    reports += 1;
    linked += record.linkedReports.length;
    if (record.partnerIds.length === 0) perPartner.add(UNASSIGNED);
    for (const id of record.partnerIds) perPartner.add(names.get(id) ?? id);
    perSchool.add(schoolKey(facts.school));
    perLevelGrade.add([facts.level, facts.grade].filter(Boolean).join(' · ') || undefined);
    perAge.add(facts.age === undefined ? undefined : String(facts.age));
    if (facts.categories.length === 0) perWorry.add(undefined);
    for (const category of new Set(facts.categories)) perWorry.add(category);
    const contact = record.history.find((h) => h.status === 'contact-made');
    if (contact) hoursToContact.push((Date.parse(contact.at) - Date.parse(record.createdAt)) / 3_600_000);
  }

  const perBand = new Counter();
  const perPlace = new Counter();
  for (const checkIn of input.wellbeing) {
    const date = new Date(`${checkIn.date}T12:00:00Z`);
    if (Number.isNaN(date.getTime()) || schoolYearOf(date) !== input.schoolYear) continue;
    perBand.add(checkIn.metric === undefined ? undefined : checkIn.metric <= input.lowMetricThreshold ? 'low' : 'notLow');
    perPlace.add(checkIn.place);
  }

  const medianHours = median(hoursToContact);
  return {
    schoolYear: input.schoolYear,
    reports,
    linkedReports: linked,
    medianHoursToFirstContact: medianHours === undefined ? undefined : Math.round(medianHours * 10) / 10,
    contactedReports: hoursToContact.length,
    tables: [
      perKind.table('casesPerKind'),
      perPartner.table('reportsPerPartner'),
      perSchool.table('reportsPerSchool'),
      perLevelGrade.table('reportsPerLevelGrade'),
      perAge.table('reportsPerAge'),
      perWorry.table('reportsPerWorry'),
      laptops.table('laptops', ['requests', 'gift', 'loan', 'delivered', 'returned']),
      perBand.table('wellbeingPerBand', ['low', 'notLow']),
      perPlace.table('wellbeingPerPlace'),
    ],
  };
}

/** School years that have cases, newest first, always including `current`. */
export function schoolYearsOf(cases: readonly Pick<CaseRecord, 'schoolYear'>[], current: string): string[] {
  return [...new Set([current, ...cases.map((c) => c.schoolYear)])].sort().reverse();
}
