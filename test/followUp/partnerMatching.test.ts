import { WORRIES } from '../../dialogs/pupilConcern/pupilConcern.schema';
import { caseFacts } from '../../src/followUp/caseFacts';
import { OFFER_CATEGORIES } from '../../src/followUp/partnerStore';
import { openCasesPerPartner, suggestPartners } from '../../src/followUp/partnerMatching';
import { makeCase, makePartner } from './followUpFixtures';

const CITY = ['2800', '2801', '2811'];
const naft = makePartner({ id: 'naft', kind: 'naft', offers: ['unreachable', 'wellbeing', 'practicalNeeds'], area: ['region'] });
const arabicWelfare = makePartner({ id: 'welfare-ar', offers: ['unreachable', 'homeSituation'], area: ['mechelen'], languages: ['nl', 'ar'] });
const nekkerspoel = makePartner({ id: 'buurt', offers: ['unreachable'], area: ['Nekkerspoel'], languages: ['nl'] });
const laptops = makePartner({ id: 'laptops', kind: 'digital', offers: ['laptop'], area: ['mechelen'] });
const registration = makePartner({ id: 'reg', offers: ['registration'], area: ['mechelen'], languages: ['nl', 'tr'] });
const ALL = [naft, arabicWelfare, nekkerspoel, laptops, registration];

const ids = (record: ReturnType<typeof makeCase>, open?: Map<string, number>): string[] =>
  suggestPartners(record, ALL, { cityPostcodes: CITY, openCases: open }).map((s) => s.partner.id);

describe('suggestPartners', () => {
  it('should suggest only partners whose offer covers a need, the fullest coverage first', () => {
    const record = makeCase({ data: { categories: ['unreachable', 'wellbeing'], postcode: '2800' } });
    expect(ids(record)).toEqual(['naft', 'welfare-ar', 'buurt']);
  });

  it('should put a partner speaking the family language first when coverage is equal', () => {
    const record = makeCase({ data: { categories: ['unreachable'], homeLanguage: 'ar', postcode: '2800' } });
    const suggestions = suggestPartners(record, ALL, { cityPostcodes: CITY });
    expect(suggestions[0]).toMatchObject({ partner: { id: 'welfare-ar' }, languageFit: 'spoken', areaFit: 'city' });
    // Partners that list languages without Arabic rank below those that did not list any.
    expect(suggestions.map((s) => s.partner.id)).toEqual(['welfare-ar', 'naft', 'buurt']);
  });

  it('should prefer a district partner for a case in its district', () => {
    const record = makeCase({ data: { categories: ['unreachable'], district: 'Nekkerspoel', postcode: '2800' } });
    expect(ids(record)[0]).toBe('buurt');
  });

  it('should leave city partners out for a family outside Mechelen', () => {
    const record = makeCase({ data: { categories: ['unreachable'], postcode: '2830' } });
    expect(ids(record)).toEqual(['naft']);
  });

  it('should match laptop requests with laptop partners and registration help with registration partners', () => {
    expect(ids(makeCase({ kind: 'laptop-request', data: { postcode: '2801', advice: 'loan' } }))).toEqual(['laptops']);
    expect(ids(makeCase({ kind: 'registration-help', data: { language: 'tr' } }))).toEqual(['reg']);
  });

  it('should offer every partner in the area when the report names no need (erased or sparse data)', () => {
    expect(ids(makeCase({ data: {} })).sort()).toEqual(ALL.map((p) => p.id).sort());
  });

  it('should spread work: on an equal score the partner with fewer open cases comes first', () => {
    const twin = makePartner({ ...naft, id: 'naft-2', name: 'AAA first by name' });
    const record = makeCase({ data: { categories: ['wellbeing'] } });
    const open = new Map([['naft-2', 3], ['naft', 1]]);
    const order = suggestPartners(record, [twin, naft], { cityPostcodes: CITY, openCases: open }).map((s) => s.partner.id);
    expect(order).toEqual(['naft', 'naft-2']);
  });
});

describe('a real worry report (pupilConcern.schema fields)', () => {
  const report = makeCase({
    createdAt: '2026-11-23T09:00:00.000Z',
    history: [{ at: '2026-11-23T09:00:00.000Z', by: 'bot', status: 'new' }],
    data: { school: 'Sint-Ursula', level: 'secondary1', worries: ['homeSituation', 'absence'], urgency: 'thisWeek', pupilBirthDate: '2012-11-24', partner: 'pros', homeLanguages: 'ar' },
  });

  it('should read its facts: worries, level, urgency, age from the birth date on the report day', () => {
    expect(caseFacts(report)).toMatchObject({ school: 'Sint-Ursula', level: 'secondary1', categories: ['homeSituation', 'absence'], urgency: 'thisWeek', age: 13, involvedPartner: 'pros', language: 'ar' });
  });

  it('should put the partner the reporter says is involved first, to avoid a second approach', () => {
    const pros = makePartner({ id: 'pros', kind: 'naft', offers: ['absence'], area: ['region'] });
    const other = makePartner({ id: 'other', kind: 'naft', offers: ['homeSituation', 'absence'], area: ['region'], languages: ['ar'] });
    const order = suggestPartners(report, [other, pros], { cityPostcodes: CITY });
    expect(order.map((s) => [s.partner.id, s.involved])).toEqual([['pros', true], ['other', false]]);
  });

  it('should offer exactly the worry categories plus laptop and registration', () => {
    expect(OFFER_CATEGORIES).toEqual([...WORRIES, 'laptop', 'registration']);
  });
});

describe('openCasesPerPartner', () => {
  it('should count open cases per partner and skip final ones', () => {
    const counts = openCasesPerPartner(
      [
        { partnerIds: ['a', 'b'], status: 'assigned' },
        { partnerIds: ['a'], status: 'contact-made' },
        { partnerIds: ['a'], status: 'closed' },
      ],
      ['closed'],
    );
    expect(Object.fromEntries(counts)).toEqual({ a: 2, b: 1 });
  });
});
