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

const LOCALE = 'ar';

function localeJson(
  locale: string,
): { crisis: { words: Record<CrisisCategory, string[]> } } & Record<string, unknown> {
  return JSON.parse(readFileSync(join(LOCALES_DIR, `${locale}.json`), 'utf8')) as never;
}
/** The word lists straight from the locale files, as the interceptor reads them. */
const listOf = (locale: string): CrisisWordList => localeJson(locale).crisis.words;
const OWN = listOf(LOCALE);
/** What the interceptor checks for a Arabic-speaking user: Arabic, then Dutch and English. */
const LISTS = [OWN, listOf('nl'), listOf('en')];

/** True positives: what young people and parents really type, also without diacritics. */
const POSITIVES: [string, CrisisCategory][] = [
  ['أنا في خطر', 'danger'],
  ['انا في خطر ساعدوني', 'danger'],
  ['معه سكين ويهددني', 'danger'],
  ['زوج أمي يريد قتلي', 'danger'],
  ['أخذت حبوب كثيرة', 'danger'],
  ['بلعت الحبوب كلها', 'danger'],
  ['بغا يقتلني', 'danger'],
  ['أريد أن أموت', 'suicide'],
  ['اريد ان اموت', 'suicide'],
  ['لا أريد أن أعيش بعد اليوم', 'suicide'],
  ['أفكر في الانتحار', 'suicide'],
  ['سأنتحر الليلة', 'suicide'],
  ['سأقتل نفسي', 'suicide'],
  ['بغيت نموت', 'suicide'],
  ['انتحار', 'suicide'],
  ['أجرح نفسي كل ليلة', 'selfHarm'],
  ['أؤذي نفسي', 'selfHarm'],
  ['اوذي نفسي', 'selfHarm'],
  ['إيذاء النفس', 'selfHarm'],
  ['أبي يضربني كل يوم', 'abuse'],
  ['تعرضت للتحرش', 'abuse'],
  ['لست في أمان في البيت', 'abuse'],
  ['اغتصبني', 'abuse'],
  ['عنف أسري في بيتنا', 'abuse'],
  ['ابني مفقود منذ أمس', 'missing'],
  ['ابنتي هربت من البيت', 'missing'],
  ['شخص يبتزني بصوري', 'missing'],
  ['يهددني بنشر صوري', 'missing'],
  ['خطفوا ابني', 'missing'],
  ['ولدي تلف', 'missing'],
];

/** Harmless sentences and idioms of Arabic that must never trigger the crisis layer. */
const NEGATIVES: string[] = [
  'أنا ميت من التعب',
  'هذا الواجب يقتلني',
  'أموت من الجوع',
  'أمي ستقتلني إذا تأخرت',
  'متت من الضحك',
  'راسي كيضربني',
  'غادي نموت بالجوع',
  'ضاع كتابي',
  'أخذت حبة دواء للصداع',
  'اختلفوا في الرأي',
  'أنا في قائمة الانتظار',
  'أريد الانتظار قليلا',
  'حملة ضد التحرش في المدرسة',
  'أبدا',
  'دائما',
  'لا',
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

/** A Arabic-speaking user with the crisis layer in front, as `src/app.ts` wires it. */
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

describe('crisis words in Arabic (ar)', () => {
  it.each(POSITIVES)('finds "%s" as %s', (text, category) => {
    expect(detectCrisis(text, LISTS)).toBe(category);
  });

  it.each(NEGATIVES)('leaves "%s" alone', (text) => {
    expect(detectCrisis(text, LISTS)).toBeUndefined();
  });

  it('has a list of more than three phrases for every category', () => {
    for (const category of CRISIS_CATEGORIES) expect(OWN[category]?.length).toBeGreaterThan(3);
  });

  it('never matches any negative example with any single phrase of the Arabic list', () => {
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

  it('never takes a word of the Arabic answer lists (yes, no, never, always…) for a crisis', () => {
    const words = ownAnswerWords();
    expect(words.length).toBeGreaterThan(50);
    expect(words.filter((w) => normalizeText(w) && detectCrisis(w, LISTS))).toEqual([]);
  });

  it('answers a Arabic-speaking user at once, in Arabic, with the lines and numbers', async () => {
    const bot = await botWithCrisisLayer();
    {
      const reply = await bot.sayText('لا أريد أن أعيش');
      for (const expected of ['1813', 'ليلًا ونهارًا', 'Awel', '102', 'Tele-Onthaal', '106'])
        expect(reply).toContain(expected);
    }
    {
      const reply = await bot.sayText('أمي تضربني');
      for (const expected of ['1712', '101', '112']) expect(reply).toContain(expected);
    }
    {
      const reply = await bot.sayText('ابني مفقود');
      for (const expected of ['116 000']) expect(reply).toContain(expected);
    }
    expect(bot.world.handoff.requests[0]).toEqual(
      expect.objectContaining({ topic: 'crisis', priority: 'crisis', reason: 'crisis' }),
    );
  });

  it('lets a Arabic idiom through to the dialogs without a hand-off', async () => {
    const bot = await botWithCrisisLayer();
    expect(await bot.sayText('هذا الواجب يقتلني')).not.toContain('1813');
    expect(bot.world.handoff.requests).toHaveLength(0);
  });
});
