import { buildFormDialogs } from '../../dialogs/formDialogs';
import { LaptopRequestSchema } from '../../dialogs/laptopRequest/laptopRequest.schema';
import type { HelplineData } from '../../src/helplineData';
import { CrisisInterceptor } from '../../src/safety/crisisInterceptor';
import { BotHarness } from '../helpers/botHarness';
import { makeTestWorld, realData } from '../helpers/testDeps';

const LOCALE = 'pl';

/** The real data file, with Polish among the supported locales (until the data file lists it). */
function dataWithPolish(): HelplineData {
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

/** A Polish-speaking user with every form and the crisis layer, greeted and at the menu. */
async function polishBot(): Promise<{ bot: BotHarness; greeting: string }> {
  const world = makeTestWorld({ data: dataWithPolish() });
  const crisis = new CrisisInterceptor(world.deps.messages, world.data.crisisLines, world.handoff);
  const bot = new BotHarness({
    world,
    locale: LOCALE,
    forms: buildFormDialogs,
    interceptors: [crisis],
  });
  const greeting = (await bot.join()).map((r) => r.text).join('\n');
  return { bot, greeting };
}

const storedCheckIns = (bot: BotHarness) => bot.world.services.anonymous!.list('wellbeing-checkin');

describe('walk in Polish (pl)', () => {
  it('laptop request: greeting to reference with Polish words, then its status', async () => {
    const { bot, greeting } = await polishBot();
    expect(greeting).toContain(
      'Dzień dobry! Jestem czatbotem Centralnego Punktu Zgłoszeń miasta Mechelen (Centraal Meldpunt).',
    );
    expect(greeting).toContain('W czym mogę pomóc? Proszę odpowiedzieć numerem.');
    expect(greeting).toContain('2. Wniosek o laptopa');

    // "laptop" picks the only menu option that contains it.
    expect(await bot.sayText('laptop')).toContain('Kto składa wniosek o laptopa?');
    expect(await bot.sayText('mama')).toContain('Jaki jest kod pocztowy rodziny?');
    expect(await bot.sayText('2800')).toContain(
      'Ile dzieci w rodzinie chodzi do szkoły? Proszę podać liczbę od 0 do 12.',
    );
    const levels = await bot.sayText('2');
    expect(levels).toContain('Do jakiej szkoły chodzą dzieci?');
    expect(levels).toContain('2. Szkoła podstawowa, klasy 1–4');
    expect(levels).toContain('3. Szkoła podstawowa, klasa 5 lub 6');
    expect(await bot.sayText('2 i 3')).toContain(
      'Od 5. klasy szkoły podstawowej wiele szkół daje każdemu uczniowi laptopa (Digisprong).',
    );
    expect(await bot.sayText('nie')).toContain('Czy w domu jest komputer lub laptop?');
    expect(await bot.sayText('Nie.')).toContain('Czy rodzina potrzebuje też internetu?');
    expect(await bot.sayText('jasne')).toContain(
      'Czy rodzina dostała już kiedyś laptopa od miasta Mechelen?',
    );
    expect(await bot.sayText('raczej nie')).toContain('Czy rodzina ma legalny pobyt w Belgii?');
    const decision = await bot.sayText('tak');
    expect(decision).toContain('Najprawdopodobniej będzie to laptop na własność (geeflaptop)');
    expect(decision).toContain('Jaka szkoła lub organizacja zna Państwa rodzinę?');
    expect(await bot.sayText('Basisschool De Regenboog')).toContain(
      'Dokąd mamy przywieźć laptopa?',
    );
    expect(await bot.sayText('Grote Markt')).toContain('Jaki jest numer domu?');
    expect(await bot.sayText('12')).toContain(
      'Pod jaki numer możemy dzwonić w sprawie dostawy i pomocy?',
    );
    const language = await bot.sayText('+32 470 12 34 56');
    expect(language).toContain('Do laptopa dołączona jest pomoc przez telefon. W jakim języku?');
    expect(language).toContain('3. Angielski (English)');
    expect(language).toContain('6. Inny język');
    // Polish is not among the ICT help languages: "inny język" (another language).
    const summary = await bot.sayText('inny język');
    expect(summary).toContain('Rodzaj: laptop na własność (geeflaptop)');
    expect(summary).toContain('Adres: Grote Markt 12, 2800');
    expect(summary).toContain('Język pomocy: Inny język');
    expect(summary).toContain('Nie płacą Państwo kaucji.');
    expect(summary).toContain('Czy zgadzają się Państwo na te zasady i czy mogę wysłać wniosek?');

    const done = await bot.sayText('Tak, proszę');
    const reference = /LAP-[0-9A-Z]{5}/.exec(done)?.[0];
    expect(reference).toBeDefined();
    expect(done).toContain(`Numer referencyjny: ${reference!}.`);
    expect(done).toContain('Czy mogę jeszcze w czymś pomóc?');

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
      street: 'Grote Markt',
      houseNumber: '12',
      phone: '+32470123456',
      ictHelpLanguage: 'other',
      agreementAccepted: true,
    });
    expect(await bot.sayText(`status ${reference!}`)).toContain(
      `Państwa wniosek ${reference!}: otrzymany, jeszcze nie sprawdzony.`,
    );
    expect(bot.world.handoff.requests).toEqual([]);
  });

  it('wellbeing check-in: greeting to the end with the Polish scale words, kept anonymously', async () => {
    const { bot } = await polishBot();
    const intro = await bot.sayText('jak się masz');
    expect(intro).toContain('w ostatnich 2 tygodniach');
    expect(intro).toContain('anonimowo');
    expect(intro).toContain(
      '© NHS Health Scotland, University of Warwick and University of Edinburgh, 2008, all rights reserved.',
    );
    expect(intro).toContain('Ile masz lat?');
    expect(intro).toContain('1. Mniej niż 13 lat');

    const first = await bot.sayText('2');
    expect(first).toContain('1/8 – Patrzyłem/patrzyłam w przyszłość z optymizmem.');
    expect(first).toContain('1. Nigdy');
    expect(first).toContain('5. Zawsze');
    // często(4), 4, czasami(3), rzadko(2), zawsze(5), przeważnie(4), od czasu do czasu(3) = 25 → not low; 8th: cały czas(5).
    expect(await bot.sayText('często')).toContain('2/8 – Czułem/czułam się przydatny/przydatna.');
    await answerAll(bot, ['4', 'czasami', 'rzadko', 'zawsze', 'przeważnie', 'od czasu do czasu']);
    expect(await bot.sayText('cały czas')).toContain('Jesteś chłopakiem czy dziewczyną, a może określasz się inaczej?');
    expect(await bot.sayText('dziewczyna')).toContain('Gdzie to wypełniasz?');
    expect(await bot.sayText('w domu')).toContain(
      'Czy jest coś jeszcze, co chcesz nam powiedzieć?',
    );
    expect(await bot.sayText('nie')).toContain('Czy możemy anonimowo zachować twoje odpowiedzi?');
    const result = await bot.sayText('tak');
    expect(result).toContain('Twoje odpowiedzi zostały anonimowo zapisane.');
    expect(result).toContain('niezłe albo dobre');
    expect(result).toContain('Czy mogę jeszcze w czymś pomóc?');
    expect(result).not.toMatch(/\b25\b|wynik|punkt/i);
    expect(await storedCheckIns(bot)).toEqual([
      expect.objectContaining({
        ageBand: '13to15',
        gender: 'girl',
        place: 'home',
        swemwbsAnswers: [4, 4, 3, 2, 5, 4, 3],
        happyAnswer: 5,
        raw: 25,
        language: LOCALE,
      }),
    ]);
    expect(bot.world.handoff.requests).toEqual([]);
  });

  it('wellbeing check-in: Polish crisis words mid-way answer at once, then the statements go on; low band offers support', async () => {
    const { bot } = await polishBot();
    await bot.say('jak się masz');
    await answerAll(bot, ['3', 'rzadko', 'rzadko']);
    const crisis = await bot.sayText('nie chce mi sie zyc');
    expect(crisis).toContain(
      'Zadzwoń do Zelfmoordlijn (telefon zaufania w kryzysie samobójczym) pod numer 1813',
    );
    expect(crisis).toContain('Awel pod numer 102');
    expect(crisis).not.toContain('4/8');
    expect(bot.world.handoff.requests).toEqual([
      expect.objectContaining({ priority: 'crisis', reason: 'crisis' }),
    ]);
    expect(await bot.sayText('rzadko')).toContain('4/8');
    await answerAll(bot, [
      'nigdy',
      'rzadko',
      'prawie nigdy',
      'rzadko',
      'czasem',
      'chłopak',
      'w szkole',
      'nie',
    ]);
    const result = await bot.sayText('nie');
    expect(result).toContain('nie zapisujemy twoich odpowiedzi');
    expect(result).toContain('nie były łatwe');
    expect(result).toContain('1. Porozmawiać teraz z kimś z nas');
    expect(await bot.sayText('nie teraz')).toContain('Dbaj o siebie.');
    expect(await storedCheckIns(bot)).toEqual([]);
  });

  it('switches language mid-form with the language word and keeps the answers', async () => {
    const { bot } = await polishBot();
    await answerAll(bot, ['laptop', 'tata']);
    expect(await bot.sayText('2800')).toContain('Ile dzieci w rodzinie chodzi do szkoły?');
    // The Dutch word for "language" works in every locale; languages are named in themselves.
    const choice = await bot.sayText('taal');
    expect(choice).toContain('Proszę wybrać język / Kies uw taal:');
    expect(choice).toContain('Polski');
    expect(choice).toContain('Nederlands');
    const dutch = await bot.sayText('Nederlands');
    expect(dutch).toContain('Ik spreek nu Nederlands met u.');
    expect(dutch).toContain('Hoeveel kinderen in het gezin gaan naar school?');
    expect(await bot.sayText('1')).toContain('In welk onderwijs zitten ze?');
    // Back to Polish with the Polish word for "language", typed without its accent.
    expect(await bot.sayText('jezyk')).toContain('Kies uw taal / Choose your language:');
    const polish = await bot.sayText('polski');
    expect(polish).toContain('Teraz rozmawiam z Państwem po polsku.');
    expect(polish).toContain('Do jakiej szkoły chodzą dzieci?');
    // Secondary ("liceum") → Digisprong: no; computer: no; internet: yes; laptop before: no; residence: don't know.
    await answerAll(bot, [
      'liceum',
      'nie',
      'nie',
      'tak',
      'nie',
      'nie wiem',
      'Sint-Romboutscollege',
      'Bruul',
      '5',
      '0485 11 22 33',
    ]);
    const summary = await bot.sayText('1');
    expect(summary).toContain('Rodzaj: laptop do wypożyczenia (leenlaptop)');
    expect(summary).toContain('Język pomocy: Niderlandzki (Nederlands)');
    expect(await bot.sayText('tak')).toMatch(/Numer referencyjny: LAP-[0-9A-Z]{5}/);
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
      houseNumber: '5',
      ictHelpLanguage: 'nl',
    });
  });
});
