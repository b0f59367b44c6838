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
const RU = listOf('ru');
/** What the interceptor checks for a Russian-speaking user: Russian, then Dutch and English. */
const LISTS = [RU, listOf('nl'), listOf('en')];

/** True positives: what young people and parents really type, with typos, ё/е, caps and spacing. */
const POSITIVES: [string, CrisisCategory][] = [
  ['Я в опасности, помогите', 'danger'],
  ['у него нож', 'danger'],
  ['отчим угрожает убить маму', 'danger'],
  ['он хочет меня убить', 'danger'],
  ['я выпила много таблеток', 'danger'],
  ['кажется у меня передозировка', 'danger'],
  ['я хочу умереть', 'suicide'],
  ['Не хочу больше жить', 'suicide'],
  ['думаю о самоубийстве', 'suicide'],
  ['у меня суицидальные мысли', 'suicide'],
  ['хочу покончить с собой', 'suicide'],
  ['лучше бы меня не было', 'suicide'],
  ['я режу себя', 'selfHarm'],
  ['иногда я причиняю себе боль', 'selfHarm'],
  ['у меня самоповреждение', 'selfHarm'],
  ['папа меня бьёт', 'abuse'],
  ['отчим бьет меня каждый день', 'abuse'],
  ['меня избивают дома', 'abuse'],
  ['её изнасиловали', 'abuse'],
  ['мне небезопасно дома', 'abuse'],
  ['у нас домашнее насилие', 'abuse'],
  ['мой ребёнок пропал', 'missing'],
  ['дочь пропала вчера вечером', 'missing'],
  ['сын сбежал из дома', 'missing'],
  ['он шантажирует меня моими фото', 'missing'],
  ['кто-то угрожает выложить мои фото', 'missing'],
];

/** Idioms and harmless sentences that must never trigger the crisis layer. */
const NEGATIVES: string[] = [
  'я смертельно устал',
  'эта домашка меня убивает',
  'я умираю с голоду',
  'мама меня убьёт, если я опоздаю',
  'я чуть не умер со смеху',
  'на уроке скучно до смерти',
  'у меня пропал интернет',
  'мы режемся в доту с друзьями',
  'брат меня обыграл в шахматы',
  'я пропустил урок математики',
  'мне надо пить таблетки от аллергии',
  'Помощь с записью в школу',
  'никогда',
  'часто',
];

describe('crisis words, Russian', () => {
  it.each(POSITIVES)('finds "%s" as %s', (text, category) => {
    expect(detectCrisis(text, LISTS)).toBe(category);
  });

  it.each(NEGATIVES)('leaves "%s" alone', (text) => {
    expect(detectCrisis(text, LISTS)).toBeUndefined();
  });

  it('has a list of more than three phrases for every category', () => {
    for (const category of CRISIS_CATEGORIES) expect(RU[category]?.length).toBeGreaterThan(3);
  });

  it('never matches any negative example with any single Russian phrase', () => {
    for (const text of NEGATIVES) {
      for (const category of CRISIS_CATEGORIES) {
        for (const phrase of RU[category] ?? []) {
          expect([text, phrase, detectCrisis(text, [{ [category]: [phrase] }])]).toEqual([text, phrase, undefined]);
        }
      }
    }
  });

  it('answers a Russian-speaking user at once, in Russian, with the lines and numbers', async () => {
    const data = realData();
    if (!data.locales.supported.includes('ru')) data.locales.supported.push('ru');
    const world = makeTestWorld({ data });
    const bot = new BotHarness({ world, locale: 'ru', interceptors: [new CrisisInterceptor(world.deps.messages, world.data.crisisLines, world.handoff)] });
    await bot.join();
    const reply = await bot.sayText('я не хочу жить');
    for (const expected of ['1813', 'Awel', '102', 'Tele-Onthaal', '106', 'днём и ночью']) expect(reply).toContain(expected);
    expect(world.handoff.requests).toEqual([expect.objectContaining({ topic: 'crisis', priority: 'crisis' })]);
    expect(await bot.sayText('папа меня бьёт')).toContain('1712');
  });
});
