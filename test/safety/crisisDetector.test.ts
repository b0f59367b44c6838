import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CRISIS_CATEGORIES,
  crisisForm,
  detectCrisis,
  withinOneEdit,
  type CrisisCategory,
  type CrisisWordList,
} from '../../src/safety/crisisDetector';
import { LOCALES_DIR } from '../helpers/testDeps';

/** The word lists straight from the locale files, as the interceptor reads them. */
function listOf(locale: string): CrisisWordList {
  const json = JSON.parse(readFileSync(join(LOCALES_DIR, `${locale}.json`), 'utf8')) as {
    crisis: { words: Record<CrisisCategory, string[]> };
  };
  return json.crisis.words;
}
const NL = listOf('nl');
const EN = listOf('en');
const BOTH = [NL, EN];

/** True positives: what people really type, with typos, caps, spacing and repeated letters. */
const POSITIVES: [string, CrisisCategory][] = [
  ['Ik wil dood', 'suicide'],
  ['ik denk aan ZELFMOORD', 'suicide'],
  ['ik heb zelfmoordgedachten', 'suicide'],
  ['ik denk aan zelfmoort', 'suicide'],
  ['ik denk aan zelf moord', 'suicide'],
  ['ik wil niet meer leveeeen', 'suicide'],
  ['ik wil er niet meer zijn', 'suicide'],
  ['ik wil mezelf van kant maken', 'suicide'],
  ['I want to kill myself', 'suicide'],
  ['i want to kil my self', 'suicide'],
  ['I feel suicidal', 'suicide'],
  ['thinking about sucide', 'suicide'],
  ["I don't want to live anymore", 'suicide'],
  ['ik snijd mezelf', 'selfHarm'],
  ['ik doe mezelf pijn', 'selfHarm'],
  ['ik doe aan zelfbeschadiging', 'selfHarm'],
  ['I cut myself every night', 'selfHarm'],
  ['self-harm', 'selfHarm'],
  ['mijn vader slaat mij', 'abuse'],
  ['ik word thuis geslagen', 'abuse'],
  ['ze is misbruikt door haar oom', 'abuse'],
  ['vermoeden van kindermishandeling', 'abuse'],
  ['my dad hits me', 'abuse'],
  ['I was raped', 'abuse'],
  ['I am not safe at home', 'abuse'],
  ['hij heeft een mes', 'danger'],
  ['ik heb te veel pillen genomen', 'danger'],
  ['ik ben in gevaar', 'danger'],
  ["I'm in danger", 'danger'],
  ['he has a knife', 'danger'],
  ['I took too many pills', 'danger'],
  ['mijn dochter is vermist', 'missing'],
  ['hij is van huis weggelopen', 'missing'],
  ['iemand dreigt mijn naaktfotos te verspreiden', 'missing'],
  ['he is blackmailing me with nudes', 'missing'],
  ['my son is missing since yesterday', 'missing'],
  ['sextortion', 'missing'],
];

/** Negative examples: idioms and harmless sentences that must never trigger the crisis layer. */
const NEGATIVES: string[] = [
  'ik ben doodmoe',
  'ik lach me dood',
  'ik schrok me dood',
  'ik verveel me dood',
  'dodelijk saai die les',
  'mijn moeder gaat me vermoorden als ze mijn rapport ziet',
  'ik ga dood van de honger',
  'de batterij van mijn laptop is dood',
  'ik heb mijn boek gemist',
  'ik heb mijn pillen voor hooikoorts genomen',
  'de school heeft mijn laptop gestolen of kwijt',
  'ik wil snel een laptop',
  'Hulp bij aanmelden en inschrijven op school',
  'this homework is killing me',
  'my mum is going to kill me when she sees my report',
  "I'm dying to see the results",
  'I died laughing',
  'dead tired after school',
  'beats me, I have no idea',
  'hit me up later',
  'a page of my homework is missing',
  'I am missing class today',
  'drug abuse prevention at school',
  'je meurs de faim',
  'je suis mort de rire',
  'this is a killer app',
  'nooit',
  'vaak',
  'always',
];

describe('detectCrisis', () => {
  it.each(POSITIVES)('finds "%s" as %s', (text, category) => {
    expect(detectCrisis(text, BOTH)).toBe(category);
  });

  it.each(NEGATIVES)('leaves "%s" alone', (text) => {
    expect(detectCrisis(text, BOTH)).toBeUndefined();
  });

  it('finds Dutch words in an English conversation and English words in a Dutch one', () => {
    expect(detectCrisis('ik wil dood', [EN, NL])).toBe('suicide');
    expect(detectCrisis('I want to die', [NL, EN])).toBe('suicide');
    expect(detectCrisis('I want to die', [NL])).toBeUndefined();
  });

  it('puts imminent danger first when a message hits several categories', () => {
    expect(detectCrisis('hij heeft een mes en ik wil dood', BOTH)).toBe('danger');
  });

  it('does not match a phrase inside a longer word', () => {
    expect(detectCrisis('ik bekijk een raped-bestand', [{ abuse: ['rape'] }])).toBeUndefined();
    expect(detectCrisis('doodmoe', [{ suicide: ['dood'] }])).toBeUndefined();
  });

  it('has a non-empty list for every category in nl and en', () => {
    for (const list of BOTH) for (const category of CRISIS_CATEGORIES) expect(list[category]?.length).toBeGreaterThan(3);
  });

  it('never matches any negative example with any single phrase of any list', () => {
    for (const text of NEGATIVES) {
      for (const list of BOTH) {
        for (const category of CRISIS_CATEGORIES) {
          for (const phrase of list[category] ?? []) {
            expect([text, phrase, detectCrisis(text, [{ [category]: [phrase] }])]).toEqual([text, phrase, undefined]);
          }
        }
      }
    }
  });
});

describe('crisisForm and withinOneEdit', () => {
  it('normalises case, accents, hyphens and repeated letters', () => {
    expect(crisisForm('ZELFMOOOORD!')).toBe('zelfmord');
    expect(crisisForm('Self-Harm')).toBe('self harm');
    expect(crisisForm('suïcide')).toBe('suicide');
  });

  it.each([
    ['zelfmort', 'zelfmord', true],
    ['sucide', 'suicide', true],
    ['suicidee', 'suicide', true],
    ['zelfmord', 'helfmord', false],
    ['verkocht', 'verkracht', false],
  ])('%s ~ %s is %s', (a, b, expected) => {
    expect(withinOneEdit(a, b)).toBe(expected);
  });
});
