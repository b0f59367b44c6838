import { SCALE_CHOICES, SCALE_OPTIONS } from '../../dialogs/wellbeingCheckIn/wellbeingCheckIn.schema';
import { answerLexicon } from '../../src/understanding/answerLexicon';
import { readScale, readYesNo, type YesNoAnswer } from '../../src/understanding/answerReader';
import { scaleValues } from '../../src/understanding/scaleValues';
import { realMessages } from '../helpers/testDeps';
import { devSet, heldOutSet, type AnswerSet, type YesNoLabel } from './answerSets';

const messages = realMessages();
const lexicon = (locale: string) => answerLexicon(messages, locale);
const yesNo = (locale: string, text: string): YesNoAnswer => readYesNo(text, lexicon(locale)).answer;
const scale = (locale: string, text: string): string | undefined =>
  readScale(text, scaleValues(messages, locale, SCALE_CHOICES), lexicon(locale)).value;

/** `unsure` in the sets is right as dontKnow or as unclear (asked again); never as yes or no. */
const isRight = (label: YesNoLabel, answer: YesNoAnswer): boolean =>
  label === 'unsure' ? answer === 'dontKnow' || answer === 'unclear' : answer === label;

interface Score {
  yesNo: number;
  frequency: number;
  /** Answers meant as no or unsure that read as a clear yes: each would erase, consent or send. */
  destructive: string[];
  debatableRounded: string[];
}

function score(locale: string, set: AnswerSet): Score {
  const destructive = set.yesno
    .filter((c) => c.label !== 'yes')
    .filter((c) => {
      const reading = readYesNo(c.text, lexicon(locale));
      return reading.answer === 'yes' && reading.clear;
    })
    .map((c) => c.text);
  return {
    yesNo: set.yesno.filter((c) => isRight(c.label, yesNo(locale, c.text))).length / set.yesno.length,
    frequency: set.frequency.filter((c) => scale(locale, c.text) === SCALE_OPTIONS[c.label - 1]).length / set.frequency.length,
    destructive,
    debatableRounded: set.frequencyDebatable.filter((c) => scale(locale, c.text) !== undefined).map((c) => c.text),
  };
}

const percent = (x: number): string => `${Math.round(x * 100)}%`.padStart(5);

describe.each([
  ['dev set (shared/understanding/dev.json)', devSet(), { yesNo: 0.9, frequency: 0.85 }],
  ['held-out set (test/understanding/heldout)', heldOutSet(), { yesNo: 0.75, frequency: 0.7 }],
] as const)('answers of the %s', (name, set, floor) => {
  const scores = Object.entries(set).map(([locale, answers]) => ({ locale, ...score(locale, answers) }));

  afterAll(() => {
    const rows = scores.map((s) => `${s.locale}  ${percent(s.yesNo)}  ${percent(s.frequency)}  ${s.destructive.length}`);
    console.log([`${name}\nlang yes/no  scale  destructive`, ...rows].join('\n'));
  });

  it('covers all eleven languages', () => {
    expect(scores.map((s) => s.locale).sort()).toEqual(['ar', 'bg', 'en', 'es', 'fr', 'nl', 'pl', 'ro', 'ru', 'tr', 'uk']);
  });

  it.each(Object.keys(set))('%s: no answer meant as no or unsure reads as a clear yes', (locale) => {
    expect(scores.find((s) => s.locale === locale)!.destructive).toEqual([]);
  });

  it.each(Object.keys(set))('%s: a debatable scale answer is never rounded to one value', (locale) => {
    expect(scores.find((s) => s.locale === locale)!.debatableRounded).toEqual([]);
  });

  it.each(Object.keys(set))(`%s: yes/no and scale accuracy at least ${floor.yesNo} and ${floor.frequency}`, (locale) => {
    const s = scores.find((x) => x.locale === locale)!;
    expect(s.yesNo).toBeGreaterThanOrEqual(floor.yesNo);
    expect(s.frequency).toBeGreaterThanOrEqual(floor.frequency);
  });
});

describe('readYesNo', () => {
  it.each([
    ['en', 'of course not', 'no'],
    ['es', 'claro que no', 'no'],
    ['ru', 'конечно нет', 'no'],
    ['fr', "pas d'accord", 'no'],
    ['nl', 'nee niet echt', 'no'],
    ['nl', 'neeeee', 'no'],
    ['nl', 'jaaaa', 'yes'],
    ['tr', 'bunu hiç istemiyorum', 'no'],
    ['ar', 'wakha', 'yes'],
    ['ar', 'mabghitch', 'no'],
    ['pl', 'no tak', 'yes'],
    ['en', 'not sure', 'dontKnow'],
    ['nl', 'weet ik niet', 'dontKnow'],
    ['uk', 'не знаю', 'dontKnow'],
    ['es', 'no estoy seguro', 'dontKnow'],
    ['nl', 'ja nee', 'no'],
    ['en', 'yes please, no idea', 'unclear'],
    ['nl', 'zeg ik liever niet', 'ratherNotSay'],
    ['nl', 'de kat', 'unclear'],
  ] as const)('%s "%s" → %s', (locale, text, expected) => {
    expect(yesNo(locale, text)).toBe(expected);
  });

  it('a yes with a "but" is not clear enough for an irreversible step', () => {
    expect(readYesNo('ja maar niet nu', lexicon('nl')).answer).not.toBe('yes');
    expect(readYesNo('yes but wait', lexicon('en'))).toMatchObject({ answer: 'yes', clear: false });
    expect(readYesNo('ja hoor', lexicon('nl'))).toMatchObject({ answer: 'yes', clear: true });
  });

  it('keeps what follows the yes or no for the next question', () => {
    expect(readYesNo('ja, 14/03/2011', lexicon('nl'))).toMatchObject({ answer: 'yes', rest: '14/03/2011' });
    expect(readYesNo('nee, alleen mijn gsm', lexicon('nl'))).toMatchObject({ answer: 'no', rest: 'alleen mijn gsm' });
    expect(readYesNo('nee', lexicon('nl'))).toMatchObject({ answer: 'no', rest: '', unmatched: 0 });
  });
});

describe('readScale', () => {
  it.each([
    ['nl', 'niet vaak', 'rarely'],
    ['en', 'not often', 'rarely'],
    ['fr', 'pas souvent', 'rarely'],
    ['es', 'no a menudo', 'rarely'],
    ['tr', 'sık değil', 'rarely'],
    ['nl', 'bijna nooit', 'rarely'],
    ['en', 'almost never', 'rarely'],
    ['nl', 'niet altijd', undefined],
    ['en', 'not always', undefined],
    ['nl', 'bijna altijd', undefined],
    ['nl', 'vaak of soms', undefined],
    ['nl', 'nee, vaak', 'often'],
    ['nl', 'altijd', 'always'],
    ['ar', '٢', 'rarely'],
    ['nl', '4', 'often'],
    ['nl', '7', undefined],
  ] as const)('%s "%s" → %s', (locale, text, expected) => {
    expect(scale(locale, text)).toBe(expected);
  });
});
