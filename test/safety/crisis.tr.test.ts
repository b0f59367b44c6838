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

const LOCALE = 'tr';

function localeJson(
  locale: string,
): { crisis: { words: Record<CrisisCategory, string[]> } } & Record<string, unknown> {
  return JSON.parse(readFileSync(join(LOCALES_DIR, `${locale}.json`), 'utf8')) as never;
}
/** The word lists straight from the locale files, as the interceptor reads them. */
const listOf = (locale: string): CrisisWordList => localeJson(locale).crisis.words;
const OWN = listOf(LOCALE);
/** What the interceptor checks for a Turkish-speaking user: Turkish, then Dutch and English. */
const LISTS = [OWN, listOf('nl'), listOf('en')];

/** True positives: what young people and parents really type, also without diacritics. */
const POSITIVES: [string, CrisisCategory][] = [
  ['Tehlikedeyim, yardım edin', 'danger'],
  ['babamın elinde bıçak var', 'danger'],
  ['üvey babam beni öldürmek istiyor', 'danger'],
  ['beni öldürmekle tehdit ediyor', 'danger'],
  ['cok fazla hap ictim', 'danger'],
  ['aşırı doz aldım galiba', 'danger'],
  ['ölmek istiyorum', 'suicide'],
  ['ÖLMEK İSTİYORUM', 'suicide'],
  ['olmek istiyom', 'suicide'],
  ['Artık yaşamak istemiyorum', 'suicide'],
  ['intihar etmeyi düşünüyorum', 'suicide'],
  ['intihar edicem', 'suicide'],
  ['intihar düşüncelerim var', 'suicide'],
  ['kendimi öldüreceğim', 'suicide'],
  ['kendimi oldurecegim', 'suicide'],
  ['keşke ölsem', 'suicide'],
  ['canıma kıyacağım', 'suicide'],
  ['kendime zarar veriyorum', 'selfHarm'],
  ['jilet atıyorum', 'selfHarm'],
  ['kollarımı kesiyorum', 'selfHarm'],
  ['bazen kendimi kesiyorum', 'selfHarm'],
  ['babam beni dövüyor', 'abuse'],
  ['evde dayak yiyorum', 'abuse'],
  ['evde güvende değilim', 'abuse'],
  ['amcam bana tecavüz etti', 'abuse'],
  ['cinsel istismara uğradım', 'abuse'],
  ['öğretmen beni taciz etti', 'abuse'],
  ['kızım kayıp', 'missing'],
  ['oğlum kayboldu dünden beri', 'missing'],
  ['oğlum evden kaçtı', 'missing'],
  ['kızımı kaçırdılar', 'missing'],
  ['biri çıplak fotoğraflarımı yaymakla tehdit ediyor', 'missing'],
  ['bana şantaj yapıyor', 'missing'],
];

/** Harmless sentences and idioms of Turkish that must never trigger the crisis layer. */
const NEGATIVES: string[] = [
  'yorgunluktan ölüyorum',
  'bu ödev beni öldürüyor',
  'açlıktan ölüyorum',
  'geç kalırsam annem beni öldürür',
  'gülmekten öldüm',
  'sıkıntıdan patlıyorum',
  'doktor olmak istiyorum',
  'oğlumla iftihar ediyorum',
  'kitabım kayboldu',
  'otobüsü kaçırdık',
  'instagramda beni takip ediyor',
  'baş ağrısı için bir hap içtim',
  'bu sınav beni bitirdi',
  'okula kayıt için yardım istiyorum',
  'bekleme listesindeyiz',
  'hiçbir zaman',
  'her zaman',
  'hayır',
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

/** A Turkish-speaking user with the crisis layer in front, as `src/app.ts` wires it. */
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

describe('crisis words in Turkish (tr)', () => {
  it.each(POSITIVES)('finds "%s" as %s', (text, category) => {
    expect(detectCrisis(text, LISTS)).toBe(category);
  });

  it.each(NEGATIVES)('leaves "%s" alone', (text) => {
    expect(detectCrisis(text, LISTS)).toBeUndefined();
  });

  it('has a list of more than three phrases for every category', () => {
    for (const category of CRISIS_CATEGORIES) expect(OWN[category]?.length).toBeGreaterThan(3);
  });

  it('never matches any negative example with any single phrase of the Turkish list', () => {
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

  it('never takes a word of the Turkish answer lists (yes, no, never, always…) for a crisis', () => {
    const words = ownAnswerWords();
    expect(words.length).toBeGreaterThan(50);
    expect(words.filter((w) => normalizeText(w) && detectCrisis(w, LISTS))).toEqual([]);
  });

  it('answers a Turkish-speaking user at once, in Turkish, with the lines and numbers', async () => {
    const bot = await botWithCrisisLayer();
    {
      const reply = await bot.sayText('artık yaşamak istemiyorum');
      for (const expected of ['1813', 'gece gündüz', 'Awel’i 102', 'Tele-Onthaal’ı 106'])
        expect(reply).toContain(expected);
    }
    {
      const reply = await bot.sayText('annem beni dövüyor');
      for (const expected of ['1712', '101', '112']) expect(reply).toContain(expected);
    }
    {
      const reply = await bot.sayText('kızım kayıp');
      for (const expected of ['116 000']) expect(reply).toContain(expected);
    }
    expect(bot.world.handoff.requests[0]).toEqual(
      expect.objectContaining({ topic: 'crisis', priority: 'crisis', reason: 'crisis' }),
    );
  });

  it('lets a Turkish idiom through to the dialogs without a hand-off', async () => {
    const bot = await botWithCrisisLayer();
    expect(await bot.sayText('bu ödev beni öldürüyor')).not.toContain('1813');
    expect(bot.world.handoff.requests).toHaveLength(0);
  });
});
