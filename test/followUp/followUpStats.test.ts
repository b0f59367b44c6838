import type { CaseRecord } from '../../src/cases/caseRecord';
import { computeFigures, median, schoolYearsOf, type Figures, type WellbeingFact } from '../../src/followUp/followUpStats';
import { makeCase } from './followUpFixtures';

const PARTNERS = [
  { id: 'arktos', name: 'Arktos' },
  { id: 'pros', name: 'PrOS' },
];
const HOUR = 3_600_000;

/**
 * A generated school year with known answers: 30 worry reports where report i is at school
 * "School A" for i % 3 === 0 else "School B", aged 12 + i % 4, grade "secondary · 1" for even i,
 * category "unreachable" always and "wellbeing" for i % 5 === 0; i % 2 → Arktos, i % 10 === 0 → also
 * PrOS; first contact after (i + 1) hours for the first 10. Plus noise in another year.
 */
function generated(): { cases: CaseRecord[]; wellbeing: WellbeingFact[] } {
  const cases: CaseRecord[] = [];
  for (let i = 0; i < 30; i += 1) {
    const createdAt = new Date(Date.UTC(2026, 9, 1 + i, 8)).toISOString();
    const history: CaseRecord['history'] = [{ at: createdAt, by: 'bot', status: 'new' }];
    if (i < 10) history.push({ at: new Date(Date.parse(createdAt) + (i + 1) * HOUR).toISOString(), by: 'a', status: 'contact-made' });
    cases.push(
      makeCase({
        createdAt,
        history,
        status: i < 10 ? 'contact-made' : 'new',
        partnerIds: i % 2 ? ['arktos'] : i % 10 === 0 ? ['arktos', 'pros'] : [],
        linkedReports: i === 4 ? [{ at: createdAt, ownerKey: 'x', data: {} }] : [],
        data: {
          school: i % 3 === 0 ? 'School A' : i % 3 === 1 ? 'School B' : ' school b ',
          age: 12 + (i % 4),
          ...(i % 2 === 0 ? { level: 'secondary', grade: '1' } : {}),
          categories: i % 5 === 0 ? ['unreachable', 'wellbeing'] : ['unreachable'],
        },
      }),
    );
  }
  // An erased report: counted, every fact unknown.
  cases.push(makeCase({ data: {}, personalDataRemovedAt: '2026-12-01T00:00:00.000Z' }));
  const laptop = (advice: string, statuses: string[]): CaseRecord =>
    makeCase({ kind: 'laptop-request', data: { advice }, history: statuses.map((status) => ({ at: '2026-11-01T00:00:00Z', by: 'a', status })) });
  cases.push(laptop('gift', ['new']), laptop('gift', ['new', 'screened', 'approved-loan', 'delivered', 'returned']));
  cases.push(laptop('loan', ['new', 'screened', 'approved-gift', 'delivered']), laptop('loan', ['new']));
  cases.push(makeCase({ schoolYear: '2025-2026', data: { school: 'Old' } }));
  const wellbeing: WellbeingFact[] = [
    { date: '2026-09-01', place: 'school', metric: 19.98 },
    { date: '2027-08-31', place: 'school', metric: 20.73 },
    { date: '2026-12-24', place: 'home', metric: 25.03 },
    { date: '2026-08-31', place: 'home', metric: 10 },
  ];
  return { cases, wellbeing };
}

function table(figures: Figures, id: string): Record<string, number> {
  return Object.fromEntries(figures.tables.find((t) => t.id === id)!.rows.map((r) => [r.key, r.count]));
}

describe('computeFigures on a generated school year', () => {
  const { cases, wellbeing } = generated();
  const figures = computeFigures({ schoolYear: '2026-2027', cases, partners: PARTNERS, wellbeing, lowMetricThreshold: 20.73 });

  it('should count reports of the year only, with linked reports apart', () => {
    expect(figures.reports).toBe(31);
    expect(figures.linkedReports).toBe(1);
    expect(table(figures, 'casesPerKind')).toEqual({ 'pupil-concern': 31, 'laptop-request': 4 });
  });

  it('should count reports per partner (both partners of a shared case) and unassigned ones', () => {
    expect(table(figures, 'reportsPerPartner')).toEqual({ Arktos: 18, PrOS: 3, unassigned: 13 });
  });

  it('should merge spellings of one school and count unknowns', () => {
    expect(table(figures, 'reportsPerSchool')).toEqual({ 'school a': 10, 'school b': 20, unknown: 1 });
  });

  it('should count per level/grade, per age and per kind of worry', () => {
    expect(table(figures, 'reportsPerLevelGrade')).toEqual({ 'secondary · 1': 15, unknown: 16 });
    expect(table(figures, 'reportsPerAge')).toEqual({ '12': 8, '13': 8, '14': 7, '15': 7, unknown: 1 });
    expect(table(figures, 'reportsPerWorry')).toEqual({ unreachable: 30, wellbeing: 6, unknown: 1 });
  });

  it('should take the median time to first contact over contacted reports (1…10 h → 5.5 h)', () => {
    expect(figures.contactedReports).toBe(10);
    expect(figures.medianHoursToFirstContact).toBe(5.5);
  });

  it('should count laptops by decision (staff decision over the bot advice), delivered and returned', () => {
    expect(table(figures, 'laptops')).toEqual({ requests: 4, gift: 2, loan: 2, delivered: 2, returned: 1 });
    expect(figures.tables.find((t) => t.id === 'laptops')!.rows.map((r) => r.key)).toEqual(['requests', 'gift', 'loan', 'delivered', 'returned']);
  });

  it('should count wellbeing check-ins of 1 September – 31 August per band (threshold inclusive) and place', () => {
    expect(table(figures, 'wellbeingPerBand')).toEqual({ low: 2, notLow: 1 });
    expect(table(figures, 'wellbeingPerPlace')).toEqual({ school: 2, home: 1 });
  });

  it('should give empty tables and no median for a year without data', () => {
    const empty = computeFigures({ schoolYear: '2030-2031', cases, partners: PARTNERS, wellbeing, lowMetricThreshold: 20.73 });
    expect(empty.reports).toBe(0);
    expect(empty.medianHoursToFirstContact).toBeUndefined();
    expect(table(empty, 'wellbeingPerBand')).toEqual({ low: 0, notLow: 0 });
  });
});

describe('helpers', () => {
  it('should take the median of odd and even counts', () => {
    expect(median([])).toBeUndefined();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('should list school years newest first, with the current one', () => {
    expect(schoolYearsOf([{ schoolYear: '2024-2025' }, { schoolYear: '2025-2026' }], '2026-2027')).toEqual(['2026-2027', '2025-2026', '2024-2025']);
  });
});
