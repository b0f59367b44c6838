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
const BG = listOf('bg');
/** What the interceptor checks for a Bulgarian-speaking user: Bulgarian, then Dutch and English. */
const LISTS = [BG, listOf('nl'), listOf('en')];

/** True positives: what young people and parents really type, with typos, caps, apostrophe variants and spacing. */
const POSITIVES: [string, CrisisCategory][] = [
  ['В опасност съм, помогнете', 'danger'],
  ['той има нож', 'danger'],
  ['вторият ми баща иска да ме убие', 'danger'],
  ['заплашва да ме убие', 'danger'],
  ['изпих много хапчета', 'danger'],
  ['мисля, че имам свръхдоза', 'danger'],
  ['искам да умра', 'suicide'],
  ['Не искам повече да живея', 'suicide'],
  ['мисля за самоубийство', 'suicide'],
  ['ще се самоубия', 'suicide'],
  ['имам суицидни мисли', 'suicide'],
  ['по-добре да съм мъртва', 'suicide'],
  ['искам да сложа край на живота си', 'suicide'],
  ['режа ръцете си', 'selfHarm'],
  ['понякога си причинявам болка', 'selfHarm'],
  ['занимавам се със самонараняване', 'selfHarm'],
  ['баща ми ме бие', 'abuse'],
  ['вкъщи ме бият', 'abuse'],
  ['тя е изнасилена', 'abuse'],
  ['не съм в безопасност вкъщи', 'abuse'],
  ['у нас има домашно насилие', 'abuse'],
  ['детето ми изчезна', 'missing'],
  ['дъщеря ми изчезна вчера вечерта', 'missing'],
  ['синът ми избяга от вкъщи', 'missing'],
  ['някой ме изнудва със снимки', 'missing'],
  ['заплашва да разпространи снимките ми', 'missing'],
];

/** Idioms and harmless sentences that must never trigger the crisis layer. */
const NEGATIVES: string[] = [
  'смъртно уморен съм',
  'това домашно ме убива',
  'умирам от глад',
  'майка ми ще ме убие, ако закъснея',
  'умрях от смях',
  'скучно ми е до смърт',
  'батерията на телефона ми умря',
  'брат ми винаги ме бие на табла',
  'изчезна ми интернетът',
  'пропуснах часа по математика',
  'трябва да пия хапчета за алергия',
  'Помощ със записването в училище',
  'никога',
  'често',
];

describe('crisis words, Bulgarian', () => {
  it.each(POSITIVES)('finds "%s" as %s', (text, category) => {
    expect(detectCrisis(text, LISTS)).toBe(category);
  });

  it.each(NEGATIVES)('leaves "%s" alone', (text) => {
    expect(detectCrisis(text, LISTS)).toBeUndefined();
  });

  it('has a list of more than three phrases for every category', () => {
    for (const category of CRISIS_CATEGORIES) expect(BG[category]?.length).toBeGreaterThan(3);
  });

  it('never matches any negative example with any single Bulgarian phrase', () => {
    for (const text of NEGATIVES) {
      for (const category of CRISIS_CATEGORIES) {
        for (const phrase of BG[category] ?? []) {
          expect([text, phrase, detectCrisis(text, [{ [category]: [phrase] }])]).toEqual([text, phrase, undefined]);
        }
      }
    }
  });

  it('answers a Bulgarian-speaking user at once, in Bulgarian, with the lines and numbers', async () => {
    const data = realData();
    if (!data.locales.supported.includes('bg')) data.locales.supported.push('bg');
    const world = makeTestWorld({ data });
    const bot = new BotHarness({ world, locale: 'bg', interceptors: [new CrisisInterceptor(world.deps.messages, world.data.crisisLines, world.handoff)] });
    await bot.join();
    const reply = await bot.sayText('не искам да живея');
    for (const expected of ['1813', 'Awel', '102', 'Tele-Onthaal', '106', 'денем и нощем']) expect(reply).toContain(expected);
    expect(world.handoff.requests).toEqual([expect.objectContaining({ topic: 'crisis', priority: 'crisis' })]);
    expect(await bot.sayText('баща ми ме бие')).toContain('1712');
  });
});
