import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeText } from '../../src/i18n/normalize';
import {
  CRISIS_CATEGORIES,
  detectCrisis,
  type CrisisCategory,
  type CrisisWordList,
} from '../../src/safety/crisisDetector';
import { CrisisInterceptor } from '../../src/safety/crisisInterceptor';
import { BotHarness } from '../helpers/botHarness';
import { LOCALES_DIR, makeTestWorld, realData } from '../helpers/testDeps';

const LOCALE = 'pl';

function localeJson(
  locale: string,
): { crisis: { words: Record<CrisisCategory, string[]> } } & Record<string, unknown> {
  return JSON.parse(readFileSync(join(LOCALES_DIR, `${locale}.json`), 'utf8')) as never;
}
/** The word lists straight from the locale files, as the interceptor reads them. */
const listOf = (locale: string): CrisisWordList => localeJson(locale).crisis.words;
const OWN = listOf(LOCALE);
/** What the interceptor checks for a Polish-speaking user: Polish, then Dutch and English. */
const LISTS = [OWN, listOf('nl'), listOf('en')];

/** True positives: what young people and parents really type, also without diacritics. */
const POSITIVES: [string, CrisisCategory][] = [
  ['jestem w niebezpieczeństwie', 'danger'],
  ['on ma nóż i krzyczy', 'danger'],
  ['ojczym chce mnie zabić', 'danger'],
  ['grozi, że mnie zabije', 'danger'],
  ['wzięłam za dużo tabletek', 'danger'],
  ['przedawkowałam leki', 'danger'],
  ['przedawkowalam', 'danger'],
  ['chcę umrzeć', 'suicide'],
  ['chce umrzec', 'suicide'],
  ['CHCĘ UMRZEĆ', 'suicide'],
  ['nie chce mi się żyć', 'suicide'],
  ['myślę o samobójstwie', 'suicide'],
  ['mam myśli samobójcze', 'suicide'],
  ['chcę się zabić', 'suicide'],
  ['zabije sie', 'suicide'],
  ['odbiorę sobie życie', 'suicide'],
  ['lepiej gdybym nie żyła', 'suicide'],
  ['tnę się', 'selfHarm'],
  ['pocięłam się wczoraj', 'selfHarm'],
  ['pocielam sie', 'selfHarm'],
  ['robię sobie krzywdę', 'selfHarm'],
  ['samookaleczenie', 'selfHarm'],
  ['tata mnie bije', 'abuse'],
  ['ojczym znęca się nade mną', 'abuse'],
  ['w domu jest przemoc domowa', 'abuse'],
  ['zostałam zgwałcona', 'abuse'],
  ['zostalam zgwalcona', 'abuse'],
  ['nie jestem bezpieczna w domu', 'abuse'],
  ['molestował mnie wujek', 'abuse'],
  ['moje dziecko zaginęło', 'missing'],
  ['syn uciekł z domu', 'missing'],
  ['córka zaginęła wczoraj', 'missing'],
  ['ktoś mnie szantażuje nagimi zdjęciami', 'missing'],
  ['grozi że opublikuje moje zdjęcia', 'missing'],
  ['porwali moją córkę', 'missing'],
];

/** Harmless sentences and idioms of Polish that must never trigger the crisis layer. */
const NEGATIVES: string[] = [
  'jestem padnięty po szkole',
  'ta praca domowa mnie zabija',
  'umieram z głodu',
  'mama mnie zabije, jak się spóźnię',
  'umarłem ze śmiechu',
  'nudzę się na śmierć',
  'strzelił gola samobójczego',
  'ona bije mnie na głowę z matematyki',
  'na gwałt potrzebuję laptopa',
  'zaginął mi zeszyt',
  'mam porwane spodnie',
  'wziąłem tabletkę na ból głowy',
  'chcę zapisać dziecko do szkoły',
  'zawsze',
  'nigdy',
  'nie',
];

/** Every word list outside the crisis block (yes/no, scale words, menu words…): answers, never alarms. */
function ownAnswerWords(): string[] {
  const out: string[] = [];
  const visit = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      if (!path.startsWith('crisis.')) out.push(...node.map(String));
      return;
    }
    if (node && typeof node === 'object')
      for (const [k, v] of Object.entries(node)) visit(v, path ? `${path}.${k}` : k);
  };
  visit(localeJson(LOCALE), '');
  return out;
}

/** A Polish-speaking user with the crisis layer in front, as `src/app.ts` wires it. */
async function botWithCrisisLayer(): Promise<BotHarness> {
  const data = realData();
  if (!data.locales.supported.includes(LOCALE)) data.locales.supported.push(LOCALE);
  const world = makeTestWorld({ data });
  const bot = new BotHarness({
    world,
    locale: LOCALE,
    interceptors: [
      new CrisisInterceptor(world.deps.messages, world.data.crisisLines, world.handoff),
    ],
  });
  await bot.join();
  return bot;
}

describe('crisis words in Polish (pl)', () => {
  it.each(POSITIVES)('finds "%s" as %s', (text, category) => {
    expect(detectCrisis(text, LISTS)).toBe(category);
  });

  it.each(NEGATIVES)('leaves "%s" alone', (text) => {
    expect(detectCrisis(text, LISTS)).toBeUndefined();
  });

  it('has a list of more than three phrases for every category', () => {
    for (const category of CRISIS_CATEGORIES) expect(OWN[category]?.length).toBeGreaterThan(3);
  });

  it('never matches any negative example with any single phrase of the Polish list', () => {
    for (const text of NEGATIVES) {
      for (const category of CRISIS_CATEGORIES) {
        for (const phrase of OWN[category] ?? []) {
          expect([text, phrase, detectCrisis(text, [{ [category]: [phrase] }])]).toEqual([
            text,
            phrase,
            undefined,
          ]);
        }
      }
    }
  });

  it('never takes a word of the Polish answer lists (yes, no, never, always…) for a crisis', () => {
    const words = ownAnswerWords();
    expect(words.length).toBeGreaterThan(50);
    expect(words.filter((w) => normalizeText(w) && detectCrisis(w, LISTS))).toEqual([]);
  });

  it('answers a Polish-speaking user at once, in Polish, with the lines and numbers', async () => {
    const bot = await botWithCrisisLayer();
    {
      const reply = await bot.sayText('nie chcę już żyć');
      for (const expected of [
        '1813',
        'w dzień i w nocy',
        'Awel pod numer 102',
        'Tele-Onthaal pod numer 106',
      ])
        expect(reply).toContain(expected);
    }
    {
      const reply = await bot.sayText('mama mnie bije');
      for (const expected of ['1712', '101', '112']) expect(reply).toContain(expected);
    }
    {
      const reply = await bot.sayText('moje dziecko zaginęło');
      for (const expected of ['116 000']) expect(reply).toContain(expected);
    }
    expect(bot.world.handoff.requests[0]).toEqual(
      expect.objectContaining({ topic: 'crisis', priority: 'crisis', reason: 'crisis' }),
    );
  });

  it('lets a Polish idiom through to the dialogs without a hand-off', async () => {
    const bot = await botWithCrisisLayer();
    expect(await bot.sayText('ta praca domowa mnie zabija')).not.toContain('1813');
    expect(bot.world.handoff.requests).toHaveLength(0);
  });
});
