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
const OWN = listOf('fr');
/** What the interceptor checks for a French-speaking user: French, then Dutch and English. */
const LISTS = [OWN, listOf('nl'), listOf('en')];

/** True positives: what young people and parents really type, with typos, caps, missing accents and spacing. */
const POSITIVES: [string, CrisisCategory][] = [
  ['Je suis en danger, aidez-moi', 'danger'],
  ['il a un couteau dans la cuisine', 'danger'],
  ['mon beau-père veut me tuer', 'danger'],
  ['il menace de me tuer', 'danger'],
  ['j\'ai pris trop de medicaments', 'danger'],
  ['je crois que je fais une overdose', 'danger'],
  ['je veux mourir', 'suicide'],
  ['Je ne veux plus vivre', 'suicide'],
  ['je pense au SUICIDE', 'suicide'],
  ['je pense au sucide', 'suicide'],
  ['j\'ai des idées suicidaires', 'suicide'],
  ['je veux me suicider ce soir', 'suicide'],
  ['je veux en finir', 'suicide'],
  ['je serais mieux morte', 'suicide'],
  ['je veux mettre fin a mes jours', 'suicide'],
  ['jveux plus vivre', 'suicide'],
  ['je me scarifie le soir', 'selfHarm'],
  ['je me fais du mal', 'selfHarm'],
  ['je fais de l\'automutilation', 'selfHarm'],
  ['je me coupe les bras', 'selfHarm'],
  ['mon père me frappe', 'abuse'],
  ['mon pere me frappe tous les jours', 'abuse'],
  ['je suis battue à la maison', 'abuse'],
  ['elle a été violée', 'abuse'],
  ['il y a des violences conjugales chez nous', 'abuse'],
  ['je ne suis pas en sécurité chez moi', 'abuse'],
  ['mon oncle a abusé de moi', 'abuse'],
  ['ma fille a disparu depuis hier soir', 'missing'],
  ['mon fils a fugué', 'missing'],
  ['quelqu\'un me fait du chantage avec des photos', 'missing'],
  ['il menace de publier mes photos', 'missing'],
  ['on me demande des nudes', 'missing'],
];

/** Idioms and harmless sentences that must never trigger the crisis layer. */
const NEGATIVES: string[] = [
  'je suis mort de fatigue',
  'ce devoir me tue',
  'je meurs de faim',
  'ma mère va me tuer si je suis en retard',
  'je suis mort de rire',
  'je m\'ennuie à mourir',
  'la batterie de mon téléphone est morte',
  'mon frère me bat toujours à FIFA',
  'je me suis coupé les cheveux',
  'je me suis brûlé la langue avec la soupe',
  'c\'est abusé ce devoir',
  'mon téléphone a disparu',
  'j\'ai raté le cours de maths',
  'je dois prendre mes médicaments contre l\'allergie',
  'quelqu\'un me suit sur Instagram',
  'Aide pour l\'inscription à l\'école',
  'Jamais',
  'Souvent',
  'Tout le temps',
  'enlève ton manteau',
];

describe('crisis words, French', () => {
  it.each(POSITIVES)('finds "%s" as %s', (text, category) => {
    expect(detectCrisis(text, LISTS)).toBe(category);
  });

  it.each(NEGATIVES)('leaves "%s" alone', (text) => {
    expect(detectCrisis(text, LISTS)).toBeUndefined();
  });

  it('has a list of more than three phrases for every category', () => {
    for (const category of CRISIS_CATEGORIES) expect(OWN[category]?.length).toBeGreaterThan(3);
  });

  it('never matches any negative example with any single French phrase', () => {
    for (const text of NEGATIVES) {
      for (const category of CRISIS_CATEGORIES) {
        for (const phrase of OWN[category] ?? []) {
          expect([text, phrase, detectCrisis(text, [{ [category]: [phrase] }])]).toEqual([text, phrase, undefined]);
        }
      }
    }
  });

  it('answers a French-speaking user at once, in French, with the lines and numbers', async () => {
    const data = realData();
    if (!data.locales.supported.includes('fr')) data.locales.supported.push('fr');
    const world = makeTestWorld({ data });
    const bot = new BotHarness({ world, locale: 'fr', interceptors: [new CrisisInterceptor(world.deps.messages, world.data.crisisLines, world.handoff)] });
    await bot.join();
    const reply = await bot.sayText('je n\'ai plus envie de vivre');
    for (const expected of ['1813', 'jour et nuit', 'Awel', '102', 'Tele-Onthaal', '106']) expect(reply).toContain(expected);
    expect(world.handoff.requests).toEqual([expect.objectContaining({ topic: 'crisis', priority: 'crisis', reason: 'crisis' })]);
    const abuse = await bot.sayText('ma mère me frappe');
    for (const expected of ['1712', '101', '112']) expect(abuse).toContain(expected);
    expect(await bot.sayText('mon enfant a disparu')).toContain('116 000');
  });

  it('lets a French idiom through to the dialogs without a hand-off', async () => {
    const world = makeTestWorld();
    const bot = new BotHarness({ world, locale: 'fr', interceptors: [new CrisisInterceptor(world.deps.messages, world.data.crisisLines, world.handoff)] });
    await bot.join();
    expect(await bot.sayText('ce devoir me tue')).not.toContain('1813');
    expect(world.handoff.requests).toHaveLength(0);
  });
});
