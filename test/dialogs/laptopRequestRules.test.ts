import {
  decideLaptop,
  livesInMechelen,
  needsDigisprongQuestion,
  notEligibleReason,
  type LaptopAnswers,
} from '../../dialogs/laptopRequest/laptopRules';
import type { LaptopRules } from '../../src/helplineData';
import { realData } from '../helpers/testDeps';

const rules: LaptopRules = realData().laptop;
const base: LaptopAnswers = {
  postcode: '2800',
  pupils: 2,
  levels: ['primaryLower'],
  computerAtHome: 'no',
  hadLaptopBefore: 'no',
  legalResidence: 'yes',
};

describe('decideLaptop (seed 002 gift/loan rule, from the data file)', () => {
  it.each<[string, Partial<LaptopAnswers>, ReturnType<typeof decideLaptop>]>([
    ['first request, Mechelen, legal residence → gift', {}, { outcome: 'gift', reason: 'firstRequest' }],
    ['had a laptop before → loan', { hadLaptopBefore: 'yes' }, { outcome: 'loan', reason: 'hadBefore' }],
    ['does not know about an earlier laptop → loan', { hadLaptopBefore: 'dontKnow' }, { outcome: 'loan', reason: 'firstRequestUnknown' }],
    ['no legal residence → loan', { legalResidence: 'no' }, { outcome: 'loan', reason: 'residence' }],
    ['residence unknown → loan', { legalResidence: 'dontKnow' }, { outcome: 'loan', reason: 'residence' }],
    ['rather not say → loan, never a refusal', { legalResidence: 'ratherNotSay' }, { outcome: 'loan', reason: 'residence' }],
    ['outside Mechelen → not eligible', { postcode: '2000' }, { outcome: 'notEligible', reason: 'outsideMechelen' }],
    ['no pupil → not eligible', { pupils: 0 }, { outcome: 'notEligible', reason: 'noPupil' }],
    ['computer at home → not eligible', { computerAtHome: 'yes' }, { outcome: 'notEligible', reason: 'computerAtHome' }],
    [
      'every child has a school device → not eligible',
      { levels: ['primaryUpper', 'secondary'], schoolProvidesDevice: 'yes' },
      { outcome: 'notEligible', reason: 'schoolDevice' },
    ],
    [
      'a school device but a younger child too → still a request',
      { levels: ['kleuter', 'secondary'], schoolProvidesDevice: 'yes' },
      { outcome: 'gift', reason: 'firstRequest' },
    ],
    ['school device unknown → still a request', { levels: ['secondary'], schoolProvidesDevice: 'dontKnow' }, { outcome: 'gift', reason: 'firstRequest' }],
  ])('%s', (_name, change, expected) => {
    expect(decideLaptop({ ...base, ...change }, rules)).toEqual(expected);
  });

  it('follows the data file: outside Mechelen is a loan when the scheme is not Mechelen-only', () => {
    const open: LaptopRules = { ...rules, mechelenOnly: false };
    expect(decideLaptop({ ...base, postcode: '2000' }, open)).toEqual({ outcome: 'loan', reason: 'outsideMechelen' });
  });

  it('follows the data file: a gift without the first-request condition', () => {
    const relaxed: LaptopRules = { ...rules, gift: { ...rules.gift, firstRequestOnly: false } };
    expect(decideLaptop({ ...base, hadLaptopBefore: 'yes' }, relaxed)).toEqual({ outcome: 'gift', reason: 'firstRequest' });
  });

  it('follows the data file: which residence answers allow a gift', () => {
    const lenient: LaptopRules = { ...rules, gift: { ...rules.gift, legalResidenceAnswers: ['yes', 'ratherNotSay'] } };
    expect(decideLaptop({ ...base, legalResidence: 'ratherNotSay' }, lenient).outcome).toBe('gift');
  });
});

describe('screening helpers', () => {
  it.each(['2800', '2801', '2811', '2812', ' 2800 '])('%s is Mechelen', (postcode) => {
    expect(livesInMechelen(postcode, rules)).toBe(true);
  });
  it.each(['2000', '2820', '1000'])('%s is not Mechelen', (postcode) => {
    expect(livesInMechelen(postcode, rules)).toBe(false);
  });

  it('asks about a school device only from the 5th year of primary on', () => {
    expect(needsDigisprongQuestion(['kleuter', 'primaryLower'])).toBe(false);
    expect(needsDigisprongQuestion(['primaryUpper'])).toBe(true);
    expect(needsDigisprongQuestion(['secondary'])).toBe(true);
  });

  it('judges partial answers as the form goes', () => {
    expect(notEligibleReason({}, rules)).toBeUndefined();
    expect(notEligibleReason({ postcode: '2800' }, rules)).toBeUndefined();
    expect(notEligibleReason({ postcode: '9000' }, rules)).toBe('outsideMechelen');
    expect(notEligibleReason({ postcode: '2800', pupils: 0 }, rules)).toBe('noPupil');
  });
});
