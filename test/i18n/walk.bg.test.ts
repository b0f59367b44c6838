import { buildFormDialogs } from '../../dialogs/formDialogs';
import { LaptopRequestSchema } from '../../dialogs/laptopRequest/laptopRequest.schema';
import { WellbeingCheckInDialog } from '../../dialogs/wellbeingCheckIn/wellbeingCheckInDialog';
import type { HelplineData } from '../../src/helplineData';
import { CrisisInterceptor } from '../../src/safety/crisisInterceptor';
import { BotHarness } from '../helpers/botHarness';
import { makeTestWorld, realData } from '../helpers/testDeps';

const LOCALE = 'bg';

/** The real data file, with Bulgarian among the supported locales (until the data file lists it). */
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

/** A Bulgarian-speaking parent with every form plugged in, greeted and at the menu. */
async function formsBot(): Promise<{ bot: BotHarness; greeting: string }> {
  const bot = new BotHarness({ locale: LOCALE, forms: buildFormDialogs, data: dataWithLocale() });
  const greeting = (await bot.join()).map((r) => r.text).join('\n');
  return { bot, greeting };
}

/** A pupil's check-in in Bulgarian, with the crisis layer in front as in production. */
async function checkInBot(): Promise<BotHarness> {
  const world = makeTestWorld({ data: dataWithLocale() });
  const crisis = new CrisisInterceptor(world.deps.messages, world.data.crisisLines, world.handoff);
  const bot = new BotHarness({ world, locale: LOCALE, interceptors: [crisis], forms: (deps) => ({ wellbeing: new WellbeingCheckInDialog(deps) }) });
  await bot.join();
  return bot;
}

const storedCheckIns = (bot: BotHarness) => bot.world.services.anonymous!.list('wellbeing-checkin');

describe('walk in Bulgarian (bg)', () => {
  it('laptop request: greeting to reference with Bulgarian words, then its status', async () => {
    const { bot, greeting } = await formsBot();
    expect(greeting).toContain('Здравейте! Аз съм чатботът на Централната служба за помощ (Centraal Meldpunt)');
    expect(greeting).toContain('С какво мога да помогна? Отговорете с номер.');
    expect(greeting).toContain('2. Заявка за лаптоп');

    expect(await bot.sayText('лаптоп')).toContain('Кой иска лаптопа?');
    expect(await bot.sayText('майка')).toContain('Какъв е пощенският код на семейството?');
    expect(await bot.sayText('2800')).toContain('Колко деца в семейството ходят на училище? Посочете число от 0 до 12.');
    const levels = await bot.sayText('2');
    expect(levels).toContain('В какво училище учат?');
    expect(levels).toContain('2. Основно училище, 1–4 клас');
    expect(levels).toContain('3. Основно училище, 5 или 6 клас');
    expect(await bot.sayText('2 и 3')).toContain('От 5 клас много училища дават на всеки ученик лаптоп (Digisprong).');
    expect(await bot.sayText('не')).toContain('Има ли вкъщи компютър или лаптоп?');
    expect(await bot.sayText('Не')).toContain('Семейството нуждае ли се и от интернет?');
    expect(await bot.sayText('да')).toContain('Семейството получавало ли е вече лаптоп от град Мехелен?');
    expect(await bot.sayText('н')).toContain('Семейството има ли законно пребиваване в Белгия?');
    const decision = await bot.sayText('разбира се');
    expect(decision).toContain('Вероятно ще бъде лаптоп за подарък (geeflaptop)');
    expect(decision).toContain('Кое училище или организация познава семейството Ви?');
    expect(await bot.sayText('Basisschool De Regenboog')).toContain('Къде да донесем лаптопа?');
    expect(await bot.sayText('Grote Markt')).toContain('Какъв е номерът на къщата?');
    expect(await bot.sayText('12')).toContain('На кой телефонен номер можем да Ви се обадим');
    const language = await bot.sayText('0470 12 34 56');
    expect(language).toContain('Към лаптопа има помощ по телефона. На какъв език?');
    expect(language).toContain('3. Английски (English)');
    const summary = await bot.sayText('английски');
    expect(summary).toContain('Вид: лаптоп за подарък (geeflaptop)');
    expect(summary).toContain('Адрес: Grote Markt 12, 2800');
    expect(summary).toContain('Език за помощта: Английски (English)');
    expect(summary).toContain('Не плащате депозит.');
    expect(summary).toContain('Съгласни ли сте с тези условия');

    const done = await bot.sayText('да');
    const reference = /LAP-[0-9A-Z]{5}/.exec(done)?.[0];
    expect(reference).toBeDefined();
    expect(done).toContain(`Номерът на заявката Ви е ${reference!}`);
    expect(done).toContain('Мога ли да помогна с още нещо?');

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
    expect(await bot.sayText(`статус ${reference!}`)).toContain(`Вашата заявка ${reference!}: получена`);
  });

  it('wellbeing check-in: greeting to the end with the Bulgarian scale words, kept anonymously', async () => {
    const bot = await checkInBot();
    const intro = await bot.sayText('4');
    expect(intro).toContain('последните 2 седмици');
    expect(intro).toContain('© NHS Health Scotland, University of Warwick and University of Edinburgh, 2008, all rights reserved');
    expect(intro).toContain('На колко години си?');
    expect(intro).toContain('1. Под 13');

    const first = await bot.sayText('2');
    expect(first).toContain('1/8 – Гледах с оптимизъм към бъдещето.');
    expect(first).toContain('1. Никога');
    expect(first).toContain('5. Винаги');
    // често(4), 4, понякога(3), почти никога(2), винаги(5), обикновено(4), от време на време(3) = 25 → not low.
    expect(await bot.sayText('често')).toContain('2/8 – Чувствах се полезен(на).');
    await answerAll(bot, ['4', 'понякога', 'почти никога', 'винаги', 'обикновено', 'от време на време']);
    expect(await bot.sayText('постоянно')).toContain('Момче ли си, момиче или друго?');
    expect(await bot.sayText('момиче')).toContain('Къде попълваш това?');
    expect(await bot.sayText('вкъщи')).toContain('Искаш ли да ни кажеш още нещо?');
    expect(await bot.sayText('не')).toContain('Можем ли да запазим отговорите ти анонимно?');
    const result = await bot.sayText('аха');
    expect(result).toContain('Отговорите ти са запазени анонимно.');
    expect(result).toContain('сравнително добре до добре');
    expect(result).toContain('Мога ли да помогна с още нещо?');
    expect(result).not.toMatch(/22[.,]35|\b25\b/);
    expect(await storedCheckIns(bot)).toEqual([
      expect.objectContaining({ ageBand: '13to15', gender: 'girl', place: 'home', swemwbsAnswers: [4, 4, 3, 2, 5, 4, 3], happyAnswer: 5, raw: 25, language: LOCALE }),
    ]);
    expect(bot.world.handoff.requests).toEqual([]);
  });

  it('wellbeing check-in, low band: nothing kept, support offered, "не сега" says goodbye', async () => {
    const bot = await checkInBot();
    await bot.say('4');
    await bot.say('3');
    await answerAll(bot, ['рядко', 'никога', 'рядко', 'рядко', 'понякога', 'рядко', 'рядко', 'рядко', 'момче', 'в училище', 'не']);
    const result = await bot.sayText('не');
    expect(result).toContain('няма да пазим отговорите ти');
    expect(result).toContain('не са били лесни');
    expect(result).toContain('1. Да говоря с някого от вас сега');
    expect(await bot.sayText('не сега')).toContain('Грижи се за себе си.');
    expect(await storedCheckIns(bot)).toEqual([]);
    expect(bot.world.handoff.requests).toEqual([]);
  });

  it('switches language mid-form with the language word and keeps the answers', async () => {
    const { bot } = await formsBot();
    await answerAll(bot, ['2', 'татко']);
    expect(await bot.sayText('2800')).toContain('Колко деца');
    // "taal" (a word of another locale) opens the choice; languages are named in themselves.
    const choice = await bot.sayText('taal');
    expect(choice).toContain('Изберете език / Kies uw taal:');
    expect(choice).toContain('Български');
    expect(choice).toContain('Nederlands');
    const dutch = await bot.sayText('Nederlands');
    expect(dutch).toContain('Ik spreek nu Nederlands met u.');
    expect(dutch).toContain('Hoeveel kinderen in het gezin gaan naar school?');
    expect(await bot.sayText('1')).toContain('In welk onderwijs zitten ze?');
    // Back to Bulgarian with the Bulgarian word for "language".
    expect(await bot.sayText('език')).toContain('Kies uw taal / Choose your language:');
    const bulgarian = await bot.sayText('български');
    expect(bulgarian).toContain('Вече говоря с Вас на български.');
    expect(bulgarian).toContain('В какво училище учат?');
    // Secondary → Digisprong question: no; computer: no; internet: yes; laptop before: no; residence: don't know.
    await answerAll(bot, ['средно училище', 'не', 'не', 'да', 'не', 'не знам', 'Sint-Romboutscollege', 'Bruul', '5', '0485 11 22 33']);
    const summary = await bot.sayText('1');
    expect(summary).toContain('Вид: лаптоп назаем (leenlaptop)');
    expect(summary).toContain('Език за помощта: Нидерландски (Nederlands)');
    const done = await bot.sayText('да');
    expect(done).toMatch(/Номерът на заявката Ви е LAP-[0-9A-Z]{5}/);
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
