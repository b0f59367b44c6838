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
const OWN = listOf('ro');
/** What the interceptor checks for a Romanian-speaking user: Romanian, then Dutch and English. */
const LISTS = [OWN, listOf('nl'), listOf('en')];

/** True positives: what young people and parents really type, with typos, caps, missing accents and spacing. */
const POSITIVES: [string, CrisisCategory][] = [
  ['Sunt în pericol, ajutor', 'danger'],
  ['are un cutit', 'danger'],
  ['tatăl vitreg vrea să mă omoare', 'danger'],
  ['amenință că mă omoară', 'danger'],
  ['am luat prea multe pastile', 'danger'],
  ['cred ca e o supradoza', 'danger'],
  ['vreau să mor', 'suicide'],
  ['Nu mai vreau să trăiesc', 'suicide'],
  ['mă gândesc la SINUCIDERE', 'suicide'],
  ['ma gandesc la sinucidre', 'suicide'],
  ['am gânduri sinucigașe', 'suicide'],
  ['vreau sa ma sinucid', 'suicide'],
  ['vreau să-mi iau viața', 'suicide'],
  ['mai bine aș fi moartă', 'suicide'],
  ['nu mai vreau sa traiesc', 'suicide'],
  ['mă tai pe mâini seara', 'selfHarm'],
  ['îmi fac rău singură', 'selfHarm'],
  ['fac automutilare', 'selfHarm'],
  ['ma tai cu lama', 'selfHarm'],
  ['tata mă bate', 'abuse'],
  ['tatăl meu mă bate în fiecare zi', 'abuse'],
  ['sunt bătută acasă', 'abuse'],
  ['m-a violat', 'abuse'],
  ['avem violență în familie', 'abuse'],
  ['nu sunt in siguranta acasa', 'abuse'],
  ['a fost abuz sexual', 'abuse'],
  ['fiica mea a dispărut de ieri', 'missing'],
  ['fiul meu a fugit de acasă', 'missing'],
  ['cineva mă șantajează cu poze', 'missing'],
  ['amenință că îmi publică pozele', 'missing'],
  ['îmi cere nudes', 'missing'],
];

/** Idioms and harmless sentences that must never trigger the crisis layer. */
const NEGATIVES: string[] = [
  'sunt mort de oboseală',
  'tema asta mă omoară',
  'mor de foame',
  'mama o să mă omoare dacă întârzii',
  'am murit de râs',
  'mă omor după ciocolată',
  'mă plictisesc de moarte',
  'bateria telefonului a murit',
  'fratele meu mă bate mereu la FIFA',
  'mă bate gândul să schimb școala',
  'mi-am tăiat părul',
  'mi-a dispărut telefonul',
  'am ratat ora de matematică',
  'trebuie să iau pastile pentru alergie',
  'nu mai vreau să fiu prietena ta',
  'Ajutor la înscrierea la școală',
  'Niciodată',
  'Des',
  'Tot timpul',
];

describe('crisis words, Romanian', () => {
  it.each(POSITIVES)('finds "%s" as %s', (text, category) => {
    expect(detectCrisis(text, LISTS)).toBe(category);
  });

  it.each(NEGATIVES)('leaves "%s" alone', (text) => {
    expect(detectCrisis(text, LISTS)).toBeUndefined();
  });

  it('has a list of more than three phrases for every category', () => {
    for (const category of CRISIS_CATEGORIES) expect(OWN[category]?.length).toBeGreaterThan(3);
  });

  it('never matches any negative example with any single Romanian phrase', () => {
    for (const text of NEGATIVES) {
      for (const category of CRISIS_CATEGORIES) {
        for (const phrase of OWN[category] ?? []) {
          expect([text, phrase, detectCrisis(text, [{ [category]: [phrase] }])]).toEqual([text, phrase, undefined]);
        }
      }
    }
  });

  it('answers a Romanian-speaking user at once, in Romanian, with the lines and numbers', async () => {
    const data = realData();
    if (!data.locales.supported.includes('ro')) data.locales.supported.push('ro');
    const world = makeTestWorld({ data });
    const bot = new BotHarness({ world, locale: 'ro', interceptors: [new CrisisInterceptor(world.deps.messages, world.data.crisisLines, world.handoff)] });
    await bot.join();
    const reply = await bot.sayText('nu mai vreau să trăiesc');
    for (const expected of ['1813', 'zi și noapte', 'Awel', '102', 'Tele-Onthaal', '106']) expect(reply).toContain(expected);
    expect(world.handoff.requests).toEqual([expect.objectContaining({ topic: 'crisis', priority: 'crisis', reason: 'crisis' })]);
    const abuse = await bot.sayText('mama mă bate');
    for (const expected of ['1712', '101', '112']) expect(abuse).toContain(expected);
    expect(await bot.sayText('copilul meu a dispărut')).toContain('116 000');
  });

  it('lets a Romanian idiom through to the dialogs without a hand-off', async () => {
    const world = makeTestWorld();
    const bot = new BotHarness({ world, locale: 'ro', interceptors: [new CrisisInterceptor(world.deps.messages, world.data.crisisLines, world.handoff)] });
    await bot.join();
    expect(await bot.sayText('tema asta mă omoară')).not.toContain('1813');
    expect(world.handoff.requests).toHaveLength(0);
  });
});
