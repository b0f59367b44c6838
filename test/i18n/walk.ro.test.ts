import { buildFormDialogs } from '../../dialogs/formDialogs';
import { LaptopRequestSchema } from '../../dialogs/laptopRequest/laptopRequest.schema';
import { WellbeingCheckInDialog } from '../../dialogs/wellbeingCheckIn/wellbeingCheckInDialog';
import type { HelplineData } from '../../src/helplineData';
import { CrisisInterceptor } from '../../src/safety/crisisInterceptor';
import { BotHarness } from '../helpers/botHarness';
import { makeTestWorld, realData } from '../helpers/testDeps';

const LOCALE = 'ro';

/** The real data file, with Romanian among the supported locales (until the data file lists it). */
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

/** A Romanian-speaking parent with every form plugged in, greeted and at the menu. */
async function formsBot(): Promise<{ bot: BotHarness; greeting: string }> {
  const bot = new BotHarness({ locale: LOCALE, forms: buildFormDialogs, data: dataWithLocale() });
  const greeting = (await bot.join()).map((r) => r.text).join('\n');
  return { bot, greeting };
}

/** A pupil's check-in in Romanian, with the crisis layer in front as in production. */
async function checkInBot(): Promise<BotHarness> {
  const world = makeTestWorld({ data: dataWithLocale() });
  const crisis = new CrisisInterceptor(world.deps.messages, world.data.crisisLines, world.handoff);
  const bot = new BotHarness({ world, locale: LOCALE, interceptors: [crisis], forms: (deps) => ({ wellbeing: new WellbeingCheckInDialog(deps) }) });
  await bot.join();
  return bot;
}

const storedCheckIns = (bot: BotHarness) => bot.world.services.anonymous!.list('wellbeing-checkin');

describe('walk in Romanian (ro)', () => {
  it('laptop request: greeting to reference with Romanian words, then its status', async () => {
    const { bot, greeting } = await formsBot();
    expect(greeting).toContain('Bună ziua! Sunt chatbotul Punctului Central de Sprijin din Mechelen (Centraal Meldpunt).');
    expect(greeting).toContain('Cu ce vă pot ajuta? Răspundeți cu un număr.');
    expect(greeting).toContain('2. Cerere pentru un laptop');

    expect(await bot.sayText('laptop')).toContain('Cine cere laptopul?');
    expect(await bot.sayText('mama')).toContain('Care este codul poștal al familiei?');
    expect(await bot.sayText('2800')).toContain('Câți copii din familie merg la școală? Scrieți un număr de la 0 la 12.');
    const levels = await bot.sayText('2');
    expect(levels).toContain('La ce nivel de învățământ sunt?');
    expect(levels).toContain('2. Școala primară, clasele 1–4');
    expect(levels).toContain('3. Școala primară, clasa a 5-a sau a 6-a');
    expect(await bot.sayText('2 și 3')).toContain('Din clasa a 5-a, multe școli dau fiecărui elev un laptop (Digisprong).');
    expect(await bot.sayText('nu')).toContain('Există acasă un calculator sau un laptop?');
    expect(await bot.sayText('Nu')).toContain('Familia are nevoie și de internet?');
    expect(await bot.sayText('da')).toContain('Familia a mai primit vreodată un laptop de la orașul Mechelen?');
    expect(await bot.sayText('nu')).toContain('Familia are drept de ședere legal în Belgia?');
    const decision = await bot.sayText('desigur');
    expect(decision).toContain('Probabil va fi un laptop dăruit (geeflaptop, un cadou)');
    expect(decision).toContain('Ce școală sau organizație vă cunoaște familia?');
    expect(await bot.sayText('Basisschool De Regenboog')).toContain('Unde aducem laptopul?');
    expect(await bot.sayText('Grote Markt')).toContain('Care este numărul casei?');
    expect(await bot.sayText('12')).toContain('La ce număr de telefon vă putem suna pentru livrare și ajutor?');
    const language = await bot.sayText('0470 12 34 56');
    expect(language).toContain('Cu laptopul primiți și ajutor la telefon. În ce limbă?');
    expect(language).toContain('3. Engleză (English)');
    const summary = await bot.sayText('engleză');
    expect(summary).toContain('Tip: laptop dăruit (geeflaptop, cadou)');
    expect(summary).toContain('Adresă: Grote Markt 12, 2800');
    expect(summary).toContain('Limba pentru ajutor: Engleză (English)');
    expect(summary).toContain('Nu plătiți garanție.');
    expect(summary).toContain('Sunteți de acord cu această înțelegere');

    const done = await bot.sayText('de acord');
    const reference = /LAP-[0-9A-Z]{5}/.exec(done)?.[0];
    expect(reference).toBeDefined();
    expect(done).toContain(`Referința dumneavoastră este ${reference!}.`);
    expect(done).toContain('Vă mai pot ajuta cu ceva?');

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
    expect(await bot.sayText(`status ${reference!}`)).toContain(`Cererea dumneavoastră ${reference!}: primită`);
  });

  it('wellbeing check-in: greeting to the end with the Romanian scale words, kept anonymously', async () => {
    const bot = await checkInBot();
    const intro = await bot.sayText('4');
    expect(intro).toContain('ultimele 2 săptămâni');
    expect(intro).toContain('© NHS Health Scotland, University of Warwick and University of Edinburgh, 2008, all rights reserved');
    expect(intro).toContain('Câți ani ai?');
    expect(intro).toContain('1. Mai puțin de 13');

    const first = await bot.sayText('2');
    expect(first).toContain('1/8 – M-am simțit optimist(ă) în privința viitorului.');
    expect(first).toContain('1. Niciodată');
    expect(first).toContain('5. Tot timpul');
    // des(4), 4, uneori(3), aproape niciodată(2), mereu(5), adesea(4), din când în când(3) = 25 → not low.
    expect(await bot.sayText('des')).toContain('2/8 – M-am simțit util(ă).');
    await answerAll(bot, ['4', 'uneori', 'aproape niciodată', 'mereu', 'adesea', 'din când în când']);
    expect(await bot.sayText('tot timpul')).toContain('Ești băiat, fată sau altceva?');
    expect(await bot.sayText('fată')).toContain('Unde completezi asta?');
    expect(await bot.sayText('acasă')).toContain('Mai vrei să ne spui ceva?');
    expect(await bot.sayText('nu')).toContain('Putem păstra răspunsurile tale anonim?');
    const result = await bot.sayText('da');
    expect(result).toContain('Răspunsurile tale au fost păstrate anonim.');
    expect(result).toContain('destul de bine sau bine');
    expect(result).toContain('Vă mai pot ajuta cu ceva?');
    expect(result).not.toMatch(/22[.,]35|\b25\b/);
    expect(await storedCheckIns(bot)).toEqual([
      expect.objectContaining({ ageBand: '13to15', gender: 'girl', place: 'home', swemwbsAnswers: [4, 4, 3, 2, 5, 4, 3], happyAnswer: 5, raw: 25, language: LOCALE }),
    ]);
    expect(bot.world.handoff.requests).toEqual([]);
  });

  it('wellbeing check-in, low band: nothing kept, support offered, "nu acum" says goodbye', async () => {
    const bot = await checkInBot();
    await bot.say('4');
    await bot.say('3');
    await answerAll(bot, ['rar', 'niciodată', 'rareori', 'rareori', 'uneori', 'rareori', 'rareori', 'rareori', 'băiat', 'la școală', 'nu']);
    const result = await bot.sayText('nu');
    expect(result).toContain('nu păstrăm răspunsurile tale');
    expect(result).toContain('nu au fost prea ușoare');
    expect(result).toContain('1. Vorbesc acum cu cineva de la voi');
    expect(await bot.sayText('nu acum')).toContain('Ai grijă de tine.');
    expect(await storedCheckIns(bot)).toEqual([]);
    expect(bot.world.handoff.requests).toEqual([]);
  });

  it('switches language mid-form with the language word and keeps the answers', async () => {
    const { bot } = await formsBot();
    await answerAll(bot, ['2', 'tata']);
    expect(await bot.sayText('2800')).toContain('Câți copii');
    // "taal" (a word of another locale) opens the choice; languages are named in themselves.
    const choice = await bot.sayText('taal');
    expect(choice).toContain('Alegeți limba / Kies uw taal:');
    expect(choice).toContain('Română');
    expect(choice).toContain('Nederlands');
    const dutch = await bot.sayText('Nederlands');
    expect(dutch).toContain('Ik spreek nu Nederlands met u.');
    expect(dutch).toContain('Hoeveel kinderen in het gezin gaan naar school?');
    expect(await bot.sayText('1')).toContain('In welk onderwijs zitten ze?');
    // Back to Romanian with the Romanian word for "language".
    expect(await bot.sayText('limba')).toContain('Kies uw taal / Choose your language:');
    const romanian = await bot.sayText('română');
    expect(romanian).toContain('Acum vorbesc cu dumneavoastră în limba română.');
    expect(romanian).toContain('La ce nivel de învățământ sunt?');
    // Secondary → Digisprong question: no; computer: no; internet: yes; laptop before: no; residence: don't know.
    await answerAll(bot, ['liceu', 'nu', 'nu', 'da', 'nu', 'nu știu', 'Sint-Romboutscollege', 'Bruul', '5', '0485 11 22 33']);
    const summary = await bot.sayText('1');
    expect(summary).toContain('Tip: laptop împrumutat (leenlaptop, împrumut)');
    expect(summary).toContain('Limba pentru ajutor: Neerlandeză (Nederlands)');
    const done = await bot.sayText('da');
    expect(done).toMatch(/Referința dumneavoastră este LAP-[0-9A-Z]{5}/);
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
