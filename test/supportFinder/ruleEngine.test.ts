import type { Measure, Rule } from '../../src/supportFinder/measureSchema';
import { evaluateRule, isCurrent, matchMeasures, type FinderAnswers, type Truth } from '../../src/supportFinder/ruleEngine';
import { realData } from '../helpers/testDeps';

describe('evaluateRule', () => {
  const cases: { name: string; rule: Rule; answers: FinderAnswers; expected: Truth }[] = [
    { name: 'equals, answered the same', rule: { answer: 'worries', equals: 'yes' }, answers: { worries: 'yes' }, expected: 'yes' },
    { name: 'equals, answered otherwise', rule: { answer: 'worries', equals: 'yes' }, answers: { worries: 'no' }, expected: 'no' },
    { name: 'equals, skipped', rule: { answer: 'worries', equals: 'yes' }, answers: {}, expected: 'unknown' },
    { name: 'equals on a list answer: contains', rule: { answer: 'levels', equals: 'secondary' }, answers: { levels: ['kleuter', 'secondary'] }, expected: 'yes' },
    { name: 'in, one of them', rule: { answer: 'allowance', in: ['no', 'dontKnow'] }, answers: { allowance: 'dontKnow' }, expected: 'yes' },
    { name: 'in on a list answer, none of them', rule: { answer: 'levels', in: ['secondary'] }, answers: { levels: ['kleuter'] }, expected: 'no' },
    { name: 'empty list answer counts as skipped', rule: { answer: 'levels', in: ['secondary'] }, answers: { levels: [] }, expected: 'unknown' },
    { name: 'all: one no wins over unknown', rule: { all: [{ answer: 'worries', equals: 'yes' }, { answer: 'studyHelp', equals: 'yes' }] }, answers: { studyHelp: 'no' }, expected: 'no' },
    { name: 'all: unknown when a part was skipped', rule: { all: [{ answer: 'worries', equals: 'yes' }, { answer: 'studyHelp', equals: 'yes' }] }, answers: { worries: 'yes' }, expected: 'unknown' },
    { name: 'all: empty is yes', rule: { all: [] }, answers: {}, expected: 'yes' },
    { name: 'any: one yes wins over unknown', rule: { any: [{ answer: 'worries', equals: 'yes' }, { answer: 'studyHelp', equals: 'yes' }] }, answers: { studyHelp: 'yes' }, expected: 'yes' },
    { name: 'any: all no', rule: { any: [{ answer: 'worries', equals: 'yes' }, { answer: 'studyHelp', equals: 'yes' }] }, answers: { worries: 'no', studyHelp: 'no' }, expected: 'no' },
    { name: 'not: flips yes', rule: { not: { answer: 'municipality', equals: 'other' } }, answers: { municipality: 'other' }, expected: 'no' },
    { name: 'not: keeps unknown', rule: { not: { answer: 'municipality', equals: 'other' } }, answers: {}, expected: 'unknown' },
  ];
  it.each(cases)('$name', ({ rule, answers, expected }) => {
    expect(evaluateRule(rule, answers)).toBe(expected);
  });
});

describe('matchMeasures on the measures of the data file', () => {
  const { measures } = realData();
  const YEAR = '2026-2027';
  const ids = (answers: FinderAnswers): string[] => matchMeasures(measures, answers, YEAR).map((m) => m.measure.id);
  const fitting = (answers: FinderAnswers): string[] =>
    matchMeasures(measures, answers, YEAR).filter((m) => m.fit === 'fits').map((m) => m.measure.id);

  const everythingNo: FinderAnswers = {
    municipality: 'mechelen',
    levels: ['primaryLower'],
    computerAtHome: 'yes',
    internetAtHome: 'yes',
    unpaidBills: 'no',
    allowance: 'yes',
    studyHelp: 'no',
    worries: 'no',
  };
  const table: { name: string; answers: FinderAnswers; fits: string[]; shown?: string[] }[] = [
    { name: 'a family that needs nothing gets nothing', answers: everythingNo, fits: [], shown: [] },
    {
      name: 'no computer in Mechelen: laptop first, then Digibank',
      answers: { ...everythingNo, computerAtHome: 'no', internetAtHome: 'no' },
      fits: ['laptop', 'digibank'],
      shown: ['laptop', 'digibank'],
    },
    {
      name: 'no computer outside Mechelen: neither Mechelen scheme',
      answers: { ...everythingNo, municipality: 'other', computerAtHome: 'no' },
      fits: [],
      shown: [],
    },
    {
      name: 'only internet missing: Digibank, not the laptop',
      answers: { ...everythingNo, internetAtHome: 'no' },
      fits: ['digibank'],
    },
    {
      // Equal fit: the current allowance before the school-bill scheme last confirmed in 2020-2021.
      name: 'unpaid bills, no allowance: school allowance and school-bill intervention',
      answers: { ...everythingNo, unpaidBills: 'yes', allowance: 'no' },
      fits: ['schoolAllowance', 'schoolBill'],
    },
    {
      name: 'unpaid bills, already an allowance: no allowance tip',
      answers: { ...everythingNo, unpaidBills: 'yes' },
      fits: ['schoolBill'],
    },
    {
      name: 'worries about a child: CLB, CLBch@t and Awel',
      answers: { ...everythingNo, worries: 'yes' },
      fits: ['clb', 'clbChat', 'awel'],
    },
    {
      name: 'homework help: CLB and CLBch@t, not Awel',
      answers: { ...everythingNo, studyHelp: 'yes' },
      fits: ['clb', 'clbChat'],
    },
    {
      name: 'a child in the 5th or 6th year: registration help for secondary school',
      answers: { ...everythingNo, levels: ['primaryUpper'] },
      fits: ['registrationHelp'],
    },
  ];
  it.each(table)('$name', ({ answers, fits, shown }) => {
    expect(fitting(answers)).toEqual(fits);
    if (shown) expect(ids(answers)).toEqual(shown);
  });

  it('shows everything as "may fit" when every question was skipped', () => {
    const matches = matchMeasures(measures, {}, YEAR);
    expect(matches.map((m) => m.measure.id).sort()).toEqual(measures.map((m) => m.id).sort());
    expect(matches.every((m) => m.fit === 'mayFit')).toBe(true);
  });

  it('puts what fits before what may fit, and more confirmed conditions first', () => {
    // Laptop confirmed on all three conditions; CLB only may fit (worries skipped).
    const answers: FinderAnswers = { municipality: 'mechelen', levels: ['secondary'], computerAtHome: 'no', internetAtHome: 'yes', studyHelp: 'no' };
    const matches = matchMeasures(measures, answers, YEAR);
    expect(matches[0]?.measure.id).toBe('laptop');
    expect(matches[0]?.score).toBe(3);
    const firstMayFit = matches.findIndex((m) => m.fit === 'mayFit');
    expect(matches.slice(firstMayFit).every((m) => m.fit === 'mayFit')).toBe(true);
  });

  it('marks a measure verified for an earlier school year as not current', () => {
    const match = (year: string) => matchMeasures(measures, { worries: 'yes' }, year).find((m) => m.measure.id === 'awel');
    expect(match('2019-2020')?.current).toBe(true);
    expect(match('2026-2027')?.current).toBe(false);
  });
});

describe('isCurrent', () => {
  const measure = (validForSchoolYear: string): Pick<Measure, 'validForSchoolYear'> => ({ validForSchoolYear });
  it.each([
    ['2026-2027', '2026-2027', true],
    ['2027-2028', '2026-2027', true],
    ['2025-2026', '2026-2027', false],
  ])('%s in %s → %s', (valid, current, expected) => {
    expect(isCurrent(measure(valid), current)).toBe(expected);
  });
});

describe('ranking', () => {
  const measure = (id: string, rule: Rule): Measure => ({
    id,
    audience: ['parents'],
    rule,
    contact: {},
    source: 'test',
    validForSchoolYear: '2026-2027',
    lastVerified: '2026-11-01',
  });
  it('counts only the best branch of an "any", so alternatives do not outrank a precise rule', () => {
    const precise = measure('precise', { all: [{ answer: 'worries', equals: 'yes' }, { answer: 'studyHelp', equals: 'yes' }] });
    const broad = measure('broad', { any: [{ answer: 'worries', equals: 'yes' }, { answer: 'studyHelp', equals: 'yes' }, { answer: 'unpaidBills', equals: 'yes' }] });
    const matches = matchMeasures([broad, precise], { worries: 'yes', studyHelp: 'yes', unpaidBills: 'yes' }, '2026-2027');
    expect(matches.map((m) => [m.measure.id, m.score])).toEqual([['precise', 2], ['broad', 1]]);
  });
});
