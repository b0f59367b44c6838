import { renderMeasureList } from '../../dialogs/supportFinder/measureList';
import { schoolYearOf } from '../../src/cases/caseRecord';
import { matchMeasures } from '../../src/supportFinder/ruleEngine';
import { realData, realMessages } from '../helpers/testDeps';

const data = realData();
const messages = realMessages();
const locales = messages.supported();

describe('the measures of the data file', () => {
  it.each(data.measures.map((m) => [m.id, m] as const))('%s has a source, dates and every locale text', (_id, measure) => {
    expect(measure.source.length).toBeGreaterThan(10);
    expect(measure.lastVerified).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(measure.validForSchoolYear).toMatch(/^\d{4}-\d{4}$/);
    // The validity year cannot end before the source was written.
    expect(Number(measure.validForSchoolYear.slice(5))).toBeGreaterThanOrEqual(Number(measure.lastVerified.slice(0, 4)));
    for (const locale of locales) {
      for (const field of ['name', 'description', 'how']) {
        const key = `supportFinder.measures.${measure.id}.${field}`;
        expect({ locale, key, has: messages.hasKey(locale, key) }).toEqual({ locale, key, has: true });
      }
      // Strict templates: every variable the `how` text uses must be in the measure's contact.
      expect(() => messages.t(locale, `supportFinder.measures.${measure.id}.how`, { helplinePhone: '0474', ...measure.contact })).not.toThrow();
    }
  });

  it('lists only Mechelen measures supported by the domain brief, not Dendermonde\'s (seed 003)', () => {
    expect(data.measures.map((m) => m.id).sort()).toEqual(
      ['awel', 'clb', 'clbChat', 'digibank', 'laptop', 'registrationHelp', 'schoolAllowance', 'schoolBill'],
    );
    const everything = JSON.stringify(data.measures).toLowerCase() + locales.map((l) => JSON.stringify(
      data.measures.map((m) => messages.t(l, `supportFinder.measures.${m.id}.description`)),
    )).join(' ').toLowerCase();
    for (const word of ['dendermonde', 'blokspot', 'huistaak', 'logopedie', 'brugfiguur', 'rap op stap', 'dyzo']) {
      expect(everything).not.toContain(word);
    }
  });

  it('has a label for every school-bill signal in every locale', () => {
    for (const locale of locales) {
      for (const signal of [...data.schoolBill.signals, 'none']) {
        expect(messages.hasKey(locale, `schoolBill.signals.${signal}`)).toBe(true);
      }
    }
  });
});

describe('renderMeasureList', () => {
  const render = (locale: string, year: string, answers = { worries: 'yes' as const }) =>
    renderMeasureList(matchMeasures(data.measures, answers, year), {
      messages,
      locale,
      helplinePhone: data.helpline.phoneDisplay,
      availableForms: ['laptop'],
    });

  it('marks a measure past its validity as possibly outdated, not as current', () => {
    const now = schoolYearOf(new Date('2026-11-23'));
    const text = render('en', now);
    expect(text).toContain('Awel: For children and young people');
    expect(text).toContain('Call 102 or go to https://www.awel.be.');
    expect(text).toContain('information from school year 2019-2020; this may have changed');
  });

  it('shows no outdated mark while the measure is current', () => {
    expect(render('nl', '2019-2020')).not.toContain('Let op: informatie van schooljaar 2019-2020');
  });

  it('says a form of this bot can be used here instead of giving its contact', () => {
    const text = render('en', '2026-2027', { municipality: 'mechelen', computerAtHome: 'no', levels: ['secondary'] } as never);
    expect(text).toContain('1. A laptop for home');
    expect(text).toContain('you can ask for this right here in the chat');
  });

  it('says so when nothing matches', () => {
    const none = renderMeasureList([], { messages, locale: 'nl', helplinePhone: '0474', availableForms: [] });
    expect(none).toContain('Ik vond geen regeling');
  });
});
