import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CRISIS_CATEGORIES, detectCrisis, type CrisisCategory, type CrisisWordList } from '../../src/safety/crisisDetector';
import { CrisisInterceptor } from '../../src/safety/crisisInterceptor';
import { BotHarness } from '../helpers/botHarness';
import { LOCALES_DIR, makeTestWorld, realData } from '../helpers/testDeps';

/** The word lists straight from the locale files, as the interceptor reads them. */
function listOf(locale: string): CrisisWordList {
  const json = JSON.parse(readFileSync(join(LOCALES_DIR, `${locale}.json`), 'utf8')) as {
    crisis: { words: Record<CrisisCategory, string[]> };
  };
  return json.crisis.words;
}
const UK = listOf('uk');
/** What the interceptor checks for a Ukrainian-speaking user: Ukrainian, then Dutch and English. */
const LISTS = [UK, listOf('nl'), listOf('en')];

/** True positives: what young people and parents really type, with typos, caps, apostrophe variants and spacing. */
const POSITIVES: [string, CrisisCategory][] = [
  ['Я в небезпеці, допоможіть', 'danger'],
  ['у нього ніж', 'danger'],
  ['вітчим погрожує вбити маму', 'danger'],
  ['він хоче мене вбити', 'danger'],
  ['я випила багато таблеток', 'danger'],
  ['здається, у мене передозування', 'danger'],
  ['я хочу померти', 'suicide'],
  ['Не хочу більше жити', 'suicide'],
  ['думаю про самогубство', 'suicide'],
  ['у мене суїцидальні думки', 'suicide'],
  ['хочу покінчити з собою', 'suicide'],
  ["я вб'ю себе", 'suicide'],
  ['краще б мене не було', 'suicide'],
  ['я ріжу себе', 'selfHarm'],
  ['іноді я завдаю собі болю', 'selfHarm'],
  ['у мене самоушкодження', 'selfHarm'],
  ["тато мене б'є", 'abuse'],
  ['вітчим бʼє мене щодня', 'abuse'],
  ['мене бють вдома', 'abuse'],
  ['її зґвалтували', 'abuse'],
  ['її згвалтували', 'abuse'],
  ['мені небезпечно вдома', 'abuse'],
  ['у нас домашнє насильство', 'abuse'],
  ['моя дитина зникла', 'missing'],
  ['донька зникла вчора ввечері', 'missing'],
  ['син втік з дому', 'missing'],
  ['він шантажує мене моїми фото', 'missing'],
  ['хтось погрожує викласти мої фото', 'missing'],
];

/** Idioms and harmless sentences that must never trigger the crisis layer. */
const NEGATIVES: string[] = [
  'я смертельно втомився',
  'ця домашка мене вбиває',
  'я помираю з голоду',
  "мама мене вб'є, якщо я запізнюся",
  'я ледь не помер зо сміху',
  'на уроці нудно до смерті',
  'у мене зник інтернет',
  'брат мене обіграв у шахи',
  'я пропустив урок математики',
  'мені треба пити таблетки від алергії',
  'Допомога із записом до школи',
  'ніколи',
  'часто',
];

describe('crisis words, Ukrainian', () => {
  it.each(POSITIVES)('finds "%s" as %s', (text, category) => {
    expect(detectCrisis(text, LISTS)).toBe(category);
  });

  it.each(NEGATIVES)('leaves "%s" alone', (text) => {
    expect(detectCrisis(text, LISTS)).toBeUndefined();
  });

  it('has a list of more than three phrases for every category', () => {
    for (const category of CRISIS_CATEGORIES) expect(UK[category]?.length).toBeGreaterThan(3);
  });

  it('never matches any negative example with any single Ukrainian phrase', () => {
    for (const text of NEGATIVES) {
      for (const category of CRISIS_CATEGORIES) {
        for (const phrase of UK[category] ?? []) {
          expect([text, phrase, detectCrisis(text, [{ [category]: [phrase] }])]).toEqual([text, phrase, undefined]);
        }
      }
    }
  });

  it('answers a Ukrainian-speaking user at once, in Ukrainian, with the lines and numbers', async () => {
    const data = realData();
    if (!data.locales.supported.includes('uk')) data.locales.supported.push('uk');
    const world = makeTestWorld({ data });
    const bot = new BotHarness({ world, locale: 'uk', interceptors: [new CrisisInterceptor(world.deps.messages, world.data.crisisLines, world.handoff)] });
    await bot.join();
    const reply = await bot.sayText('я не хочу жити');
    for (const expected of ['1813', 'Awel', '102', 'Tele-Onthaal', '106', 'вдень і вночі']) expect(reply).toContain(expected);
    expect(world.handoff.requests).toEqual([expect.objectContaining({ topic: 'crisis', priority: 'crisis' })]);
    expect(await bot.sayText("тато мене б'є")).toContain('1712');
  });
});
