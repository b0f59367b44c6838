import { buildFormDialogs } from '../../dialogs/formDialogs';
import { LaptopRequestSchema } from '../../dialogs/laptopRequest/laptopRequest.schema';
import { WellbeingCheckInDialog } from '../../dialogs/wellbeingCheckIn/wellbeingCheckInDialog';
import type { HelplineData } from '../../src/helplineData';
import { CrisisInterceptor } from '../../src/safety/crisisInterceptor';
import { BotHarness } from '../helpers/botHarness';
import { makeTestWorld, realData } from '../helpers/testDeps';

const LOCALE = 'fr';

/** The real data file, with French among the supported locales (until the data file lists it). */
function dataWithLocale(): HelplineData {
  const data = realData();
  if (!data.locales.supported.includes(LOCALE)) data.locales.supported.push(LOCALE);
  return data;
}

/** Sends each answer in turn; returns the text of the last turn. */
async function answerAll(bot: BotHarness, answers: readonly string[]): Promise<string> {
  let last = '';
  for (const text of answers) last = await bot.sayText(text);
  return last;
}

/** A French-speaking parent with every form plugged in, greeted and at the menu. */
async function formsBot(): Promise<{ bot: BotHarness; greeting: string }> {
  const bot = new BotHarness({ locale: LOCALE, forms: buildFormDialogs, data: dataWithLocale() });
  const greeting = (await bot.join()).map((r) => r.text).join('\n');
  return { bot, greeting };
}

/** A pupil's check-in in French, with the crisis layer in front as in production. */
async function checkInBot(): Promise<BotHarness> {
  const world = makeTestWorld({ data: dataWithLocale() });
  const crisis = new CrisisInterceptor(world.deps.messages, world.data.crisisLines, world.handoff);
  const bot = new BotHarness({ world, locale: LOCALE, interceptors: [crisis], forms: (deps) => ({ wellbeing: new WellbeingCheckInDialog(deps) }) });
  await bot.join();
  return bot;
}

const storedCheckIns = (bot: BotHarness) => bot.world.services.anonymous!.list('wellbeing-checkin');

describe('walk in French (fr)', () => {
  it('laptop request: greeting to reference with French words, then its status', async () => {
    const { bot, greeting } = await formsBot();
    expect(greeting).toContain('Bonjour ! Je suis le chatbot du Point de contact central de Malines (Centraal Meldpunt Mechelen).');
    expect(greeting).toContain('Comment puis-je vous aider ? Répondez avec un numéro.');
    expect(greeting).toContain('2. Demander un ordinateur portable');

    expect(await bot.sayText('ordinateur')).toContain("Qui demande l'ordinateur portable ?");
    expect(await bot.sayText('maman')).toContain('Quel est le code postal de la famille ?');
    expect(await bot.sayText('2800')).toContain("Combien d'enfants de la famille vont à l'école ? Donnez un nombre de 0 à 12.");
    const levels = await bot.sayText('2');
    expect(levels).toContain('Dans quel enseignement sont-ils ?');
    expect(levels).toContain('2. École primaire, 1re à 4e année');
    expect(levels).toContain('3. École primaire, 5e ou 6e année');
    expect(await bot.sayText('2 et 3')).toContain("À partir de la 5e année, beaucoup d'écoles donnent un ordinateur portable à chaque élève (Digisprong).");
    expect(await bot.sayText('non')).toContain('Y a-t-il un ordinateur ou un ordinateur portable à la maison ?');
    expect(await bot.sayText('Nan')).toContain("La famille a-t-elle aussi besoin d'internet ?");
    expect(await bot.sayText('ouais')).toContain('La famille a-t-elle déjà reçu un ordinateur portable de la ville de Malines ?');
    expect(await bot.sayText('non')).toContain('La famille a-t-elle un séjour légal en Belgique ?');
    const decision = await bot.sayText('bien sûr');
    expect(decision).toContain('Ce sera probablement un ordinateur portable offert (geeflaptop, un cadeau)');
    expect(decision).toContain('Quelle école ou organisation connaît votre famille ?');
    expect(await bot.sayText('Basisschool De Regenboog')).toContain("Où apportons-nous l'ordinateur portable ?");
    expect(await bot.sayText('Grote Markt')).toContain('Quel est le numéro de la maison ?');
    expect(await bot.sayText('12')).toContain('À quel numéro de téléphone pouvons-nous vous appeler pour la livraison');
    const language = await bot.sayText('0470 12 34 56');
    expect(language).toContain("Avec l'ordinateur portable, il y a de l'aide par téléphone. Dans quelle langue ?");
    expect(language).toContain('3. Anglais (English)');
    const summary = await bot.sayText('anglais');
    expect(summary).toContain('Type : ordinateur portable offert (geeflaptop, cadeau)');
    expect(summary).toContain('Adresse : Grote Markt 12, 2800');
    expect(summary).toContain("Langue pour l'aide : Anglais (English)");
    expect(summary).toContain('Vous ne payez pas de caution.');
    expect(summary).toContain("Êtes-vous d'accord avec ces règles");

    const done = await bot.sayText("d'accord");
    const reference = /LAP-[0-9A-Z]{5}/.exec(done)?.[0];
    expect(reference).toBeDefined();
    expect(done).toContain(`Votre référence est ${reference!}.`);
    expect(done).toContain('Puis-je faire autre chose pour vous ?');

    const [record] = await bot.world.caseStore.list({ kind: 'laptop-request' });
    expect(record).toMatchObject({ reference, locale: LOCALE });
    expect(LaptopRequestSchema.parse(record!.data)).toMatchObject({
      requester: 'parent',
      postcode: '2800',
      pupils: 2,
      levels: ['primaryLower', 'primaryUpper'],
      schoolProvidesDevice: 'no',
      computerAtHome: 'no',
      internetNeeded: 'yes',
      hadLaptopBefore: 'no',
      legalResidence: 'yes',
      advice: 'gift',
      knownBy: 'Basisschool De Regenboog',
      ictHelpLanguage: 'en',
      phone: '+32470123456',
    });
    expect(await bot.sayText(`statut ${reference!}`)).toContain(`Votre demande ${reference!} : reçue`);
  });

  it('wellbeing check-in: greeting to the end with the French scale words, kept anonymously', async () => {
    const bot = await checkInBot();
    const intro = await bot.sayText('4');
    expect(intro).toContain('ces 2 dernières semaines');
    expect(intro).toContain('© NHS Health Scotland, University of Warwick and University of Edinburgh, 2008, all rights reserved');
    expect(intro).toContain('Quel âge as-tu ?');
    expect(intro).toContain('1. Moins de 13 ans');

    const first = await bot.sayText('2');
    expect(first).toContain("1/8 – Je me suis senti(e) optimiste pour l'avenir.");
    expect(first).toContain('1. Jamais');
    expect(first).toContain('5. Tout le temps');
    // souvent(4), 4, parfois(3), presque jamais(2), toujours(5), la plupart du temps(4), de temps en temps(3) = 25 → not low.
    expect(await bot.sayText('souvent')).toContain('2/8 – Je me suis senti(e) utile.');
    await answerAll(bot, ['4', 'parfois', 'presque jamais', 'toujours', 'la plupart du temps', 'de temps en temps']);
    expect(await bot.sayText('tout le temps')).toContain('Tu es un garçon, une fille, ou autre ?');
    expect(await bot.sayText('fille')).toContain('Où est-ce que tu remplis ceci ?');
    expect(await bot.sayText('à la maison')).toContain('Tu veux encore nous dire quelque chose ?');
    expect(await bot.sayText('non')).toContain("Est-ce qu'on peut garder tes réponses de façon anonyme ?");
    const result = await bot.sayText('ouais');
    expect(result).toContain('Tes réponses sont gardées de façon anonyme.');
    expect(result).toContain('assez bien à bien');
    expect(result).toContain('Puis-je faire autre chose pour vous ?');
    expect(result).not.toMatch(/22[.,]35|\b25\b/);
    expect(await storedCheckIns(bot)).toEqual([
      expect.objectContaining({ ageBand: '13to15', gender: 'girl', place: 'home', swemwbsAnswers: [4, 4, 3, 2, 5, 4, 3], happyAnswer: 5, raw: 25, language: LOCALE }),
    ]);
    expect(bot.world.handoff.requests).toEqual([]);
  });

  it('wellbeing check-in, low band: nothing kept, support offered, "pas maintenant" says goodbye', async () => {
    const bot = await checkInBot();
    await bot.say('4');
    await bot.say('3');
    await answerAll(bot, ['rarement', 'jamais', 'rarement', 'rarement', 'parfois', 'rarement', 'rarement', 'rarement', 'garçon', "à l'école", 'non']);
    const result = await bot.sayText('non');
    expect(result).toContain('on ne garde pas tes réponses');
    expect(result).toContain("n'ont pas été faciles");
    expect(result).toContain("1. Parler maintenant avec quelqu'un de chez nous");
    expect(await bot.sayText('pas maintenant')).toContain('Prends bien soin de toi.');
    expect(await storedCheckIns(bot)).toEqual([]);
    expect(bot.world.handoff.requests).toEqual([]);
  });

  it('switches language mid-form with the language word and keeps the answers', async () => {
    const { bot } = await formsBot();
    await answerAll(bot, ['2', 'papa']);
    expect(await bot.sayText('2800')).toContain("Combien d'enfants");
    // "taal" (a word of another locale) opens the choice; languages are named in themselves.
    const choice = await bot.sayText('taal');
    expect(choice).toContain('Choisissez votre langue / Kies uw taal :');
    expect(choice).toContain('Français');
    expect(choice).toContain('Nederlands');
    const dutch = await bot.sayText('Nederlands');
    expect(dutch).toContain('Ik spreek nu Nederlands met u.');
    expect(dutch).toContain('Hoeveel kinderen in het gezin gaan naar school?');
    expect(await bot.sayText('1')).toContain('In welk onderwijs zitten ze?');
    // Back to French with the French word for "language".
    expect(await bot.sayText('langue')).toContain('Kies uw taal / Choose your language:');
    const french = await bot.sayText('français');
    expect(french).toContain('Je vous parle maintenant en français.');
    expect(french).toContain('Dans quel enseignement sont-ils ?');
    // Secondary → Digisprong question: no; computer: no; internet: yes; laptop before: no; residence: don't know.
    await answerAll(bot, ['secondaire', 'non', 'non', 'oui', 'non', 'je ne sais pas', 'Sint-Romboutscollege', 'Bruul', '5', '0485 11 22 33']);
    const summary = await bot.sayText('1');
    expect(summary).toContain('Type : ordinateur portable prêté (leenlaptop, prêt)');
    expect(summary).toContain("Langue pour l'aide : Néerlandais (Nederlands)");
    const done = await bot.sayText('oui');
    expect(done).toMatch(/Votre référence est LAP-[0-9A-Z]{5}/);
    const [record] = await bot.world.caseStore.list({ kind: 'laptop-request' });
    expect(record!.locale).toBe(LOCALE);
    expect(LaptopRequestSchema.parse(record!.data)).toMatchObject({
      requester: 'parent',
      postcode: '2800',
      pupils: 1,
      levels: ['secondary'],
      computerAtHome: 'no',
      internetNeeded: 'yes',
      hadLaptopBefore: 'no',
      legalResidence: 'dontKnow',
      advice: 'loan',
      street: 'Bruul',
      ictHelpLanguage: 'nl',
    });
  });
});
