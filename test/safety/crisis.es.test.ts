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
const OWN = listOf('es');
/** What the interceptor checks for a Spanish-speaking user: Spanish, then Dutch and English. */
const LISTS = [OWN, listOf('nl'), listOf('en')];

/** True positives: what young people and parents really type, with typos, caps, missing accents and spacing. */
const POSITIVES: [string, CrisisCategory][] = [
  ['Estoy en peligro, ayuda', 'danger'],
  ['tiene un cuchillo', 'danger'],
  ['mi padrastro me quiere matar', 'danger'],
  ['me amenaza de muerte', 'danger'],
  ['me tome muchas pastillas', 'danger'],
  ['creo que es una sobredosis', 'danger'],
  ['quiero morirme', 'suicide'],
  ['Ya no quiero vivir', 'suicide'],
  ['pienso en el SUICIDIO', 'suicide'],
  ['pienso en el sucidio', 'suicide'],
  ['tengo pensamientos suicidas', 'suicide'],
  ['me quiero suicidar', 'suicide'],
  ['quiero quitarme la vida', 'suicide'],
  ['estaría mejor muerta', 'suicide'],
  ['quiero acabar con mi vida', 'suicide'],
  ['me corto los brazos por la noche', 'selfHarm'],
  ['me hago daño a mi mismo', 'selfHarm'],
  ['tengo autolesiones', 'selfHarm'],
  ['a veces me autolesiono', 'selfHarm'],
  ['mi padre me pega', 'abuse'],
  ['mi papa me pega todos los dias', 'abuse'],
  ['me pegan en casa', 'abuse'],
  ['la violaron', 'abuse'],
  ['me violaron', 'abuse'],
  ['hay violencia doméstica en casa', 'abuse'],
  ['no estoy segura en casa', 'abuse'],
  ['sufro maltrato', 'abuse'],
  ['mi hija ha desaparecido', 'missing'],
  ['mi hijo se escapó de casa', 'missing'],
  ['alguien me chantajea con fotos', 'missing'],
  ['amenaza con publicar mis fotos', 'missing'],
  ['me piden nudes', 'missing'],
];

/** Idioms and harmless sentences that must never trigger the crisis layer. */
const NEGATIVES: string[] = [
  'estoy muerto de cansancio',
  'estos deberes me están matando',
  'me muero de hambre',
  'mi madre me va a matar si llego tarde',
  'me muero de risa',
  'me aburro como una ostra',
  'la batería de mi móvil está muerta',
  'mi hermano siempre me gana al FIFA',
  'me corto el pelo mañana',
  'se me pega el sueño en clase',
  'se fue de casa a las ocho para ir al colegio',
  'perdí la clase de mates',
  'tengo que tomar pastillas para la alergia',
  'me toca a mí',
  'Ayuda con la inscripción en la escuela',
  'Nunca',
  'A menudo',
  'Siempre',
  'me quemé con el sol en la playa',
];

describe('crisis words, Spanish', () => {
  it.each(POSITIVES)('finds "%s" as %s', (text, category) => {
    expect(detectCrisis(text, LISTS)).toBe(category);
  });

  it.each(NEGATIVES)('leaves "%s" alone', (text) => {
    expect(detectCrisis(text, LISTS)).toBeUndefined();
  });

  it('has a list of more than three phrases for every category', () => {
    for (const category of CRISIS_CATEGORIES) expect(OWN[category]?.length).toBeGreaterThan(3);
  });

  it('never matches any negative example with any single Spanish phrase', () => {
    for (const text of NEGATIVES) {
      for (const category of CRISIS_CATEGORIES) {
        for (const phrase of OWN[category] ?? []) {
          expect([text, phrase, detectCrisis(text, [{ [category]: [phrase] }])]).toEqual([text, phrase, undefined]);
        }
      }
    }
  });

  it('answers a Spanish-speaking user at once, in Spanish, with the lines and numbers', async () => {
    const data = realData();
    if (!data.locales.supported.includes('es')) data.locales.supported.push('es');
    const world = makeTestWorld({ data });
    const bot = new BotHarness({ world, locale: 'es', interceptors: [new CrisisInterceptor(world.deps.messages, world.data.crisisLines, world.handoff)] });
    await bot.join();
    const reply = await bot.sayText('no quiero seguir viviendo');
    for (const expected of ['1813', 'de día y de noche', 'Awel', '102', 'Tele-Onthaal', '106']) expect(reply).toContain(expected);
    expect(world.handoff.requests).toEqual([expect.objectContaining({ topic: 'crisis', priority: 'crisis', reason: 'crisis' })]);
    const abuse = await bot.sayText('mi madre me pega');
    for (const expected of ['1712', '101', '112']) expect(abuse).toContain(expected);
    expect(await bot.sayText('mi hijo ha desaparecido')).toContain('116 000');
  });

  it('lets a Spanish idiom through to the dialogs without a hand-off', async () => {
    const world = makeTestWorld();
    const bot = new BotHarness({ world, locale: 'es', interceptors: [new CrisisInterceptor(world.deps.messages, world.data.crisisLines, world.handoff)] });
    await bot.join();
    expect(await bot.sayText('estos deberes me están matando')).not.toContain('1813');
    expect(world.handoff.requests).toHaveLength(0);
  });
});
