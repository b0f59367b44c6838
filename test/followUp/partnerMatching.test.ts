import { openCasesPerPartner, suggestPartners } from '../../src/followUp/partnerMatching';
import { makeCase, makePartner } from './followUpFixtures';

const CITY = ['2800', '2801', '2811'];
const naft = makePartner({ id: 'naft', kind: 'naft', offers: ['unreachable', 'wellbeing', 'learning-support'], area: ['region'] });
const arabicWelfare = makePartner({ id: 'welfare-ar', offers: ['unreachable', 'home-situation'], area: ['mechelen'], languages: ['nl', 'ar'] });
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
