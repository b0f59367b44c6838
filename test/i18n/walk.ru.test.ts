import { buildFormDialogs } from '../../dialogs/formDialogs';
import { LaptopRequestSchema } from '../../dialogs/laptopRequest/laptopRequest.schema';
import { WellbeingCheckInDialog } from '../../dialogs/wellbeingCheckIn/wellbeingCheckInDialog';
import type { HelplineData } from '../../src/helplineData';
import { CrisisInterceptor } from '../../src/safety/crisisInterceptor';
import { BotHarness } from '../helpers/botHarness';
import { makeTestWorld, realData } from '../helpers/testDeps';

const LOCALE = 'ru';

/** The real data file, with Russian among the supported locales (until the data file lists it). */
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

/** A Russian-speaking parent with every form plugged in, greeted and at the menu. */
async function formsBot(): Promise<{ bot: BotHarness; greeting: string }> {
  const bot = new BotHarness({ locale: LOCALE, forms: buildFormDialogs, data: dataWithLocale() });
  const greeting = (await bot.join()).map((r) => r.text).join('\n');
  return { bot, greeting };
}

/** A pupil's check-in in Russian, with the crisis layer in front as in production. */
async function checkInBot(): Promise<BotHarness> {
  const world = makeTestWorld({ data: dataWithLocale() });
  const crisis = new CrisisInterceptor(world.deps.messages, world.data.crisisLines, world.handoff);
  const bot = new BotHarness({ world, locale: LOCALE, interceptors: [crisis], forms: (deps) => ({ wellbeing: new WellbeingCheckInDialog(deps) }) });
  await bot.join();
  return bot;
}

const storedCheckIns = (bot: BotHarness) => bot.world.services.anonymous!.list('wellbeing-checkin');

describe('walk in Russian (ru)', () => {
  it('laptop request: greeting to reference with Russian words, then its status', async () => {
    const { bot, greeting } = await formsBot();
    expect(greeting).toContain('Здравствуйте! Я чат-бот Центральной службы поддержки (Centraal Meldpunt)');
    expect(greeting).toContain('Чем я могу помочь? Ответьте номером.');
    expect(greeting).toContain('2. Попросить ноутбук');

    expect(await bot.sayText('ноутбук')).toContain('Кто просит ноутбук?');
    expect(await bot.sayText('мама')).toContain('Какой почтовый индекс у семьи?');
    expect(await bot.sayText('2800')).toContain('Сколько детей в семье ходят в школу? Укажите число от 0 до 12.');
    const levels = await bot.sayText('2');
    expect(levels).toContain('В какой школе они учатся?');
    expect(levels).toContain('2. Начальная школа, 1–4 класс');
    expect(levels).toContain('3. Начальная школа, 5 или 6 класс');
    expect(await bot.sayText('2 и 3')).toContain('С 5 класса многие школы дают каждому ученику ноутбук (Digisprong).');
    expect(await bot.sayText('нет')).toContain('Дома есть компьютер или ноутбук?');
    expect(await bot.sayText('Нет')).toContain('Семье нужен также интернет?');
    expect(await bot.sayText('да')).toContain('Семья уже получала ноутбук от города Мехелен?');
    expect(await bot.sayText('неа')).toContain('У семьи есть законное право проживания в Бельгии?');
    const decision = await bot.sayText('конечно');
    expect(decision).toContain('Скорее всего, это будет ноутбук в подарок (geeflaptop)');
    expect(decision).toContain('Какая школа или организация знает вашу семью?');
    expect(await bot.sayText('Basisschool De Regenboog')).toContain('Куда привезти ноутбук?');
    expect(await bot.sayText('Grote Markt')).toContain('Какой номер дома?');
    expect(await bot.sayText('12')).toContain('По какому номеру телефона вам позвонить');
    const language = await bot.sayText('0470 12 34 56');
    expect(language).toContain('К ноутбуку прилагается помощь по телефону. На каком языке?');
    expect(language).toContain('3. Английский (English)');
    const summary = await bot.sayText('английский');
    expect(summary).toContain('Вид: ноутбук в подарок (geeflaptop)');
    expect(summary).toContain('Адрес: Grote Markt 12, 2800');
    expect(summary).toContain('Язык помощи: Английский (English)');
    expect(summary).toContain('Вы не платите залог.');
    expect(summary).toContain('Вы согласны с этими условиями');

    const done = await bot.sayText('да');
    const reference = /LAP-[0-9A-Z]{5}/.exec(done)?.[0];
    expect(reference).toBeDefined();
    expect(done).toContain(`Ваш номер заявки: ${reference!}`);
    expect(done).toContain('Могу ли я ещё чем-нибудь помочь?');

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
    expect(await bot.sayText(`статус ${reference!}`)).toContain(`Ваша заявка ${reference!}: получена`);
  });

  it('wellbeing check-in: greeting to the end with the Russian scale words, kept anonymously', async () => {
    const bot = await checkInBot();
    const intro = await bot.sayText('4');
    expect(intro).toContain('последние 2 недели');
    expect(intro).toContain('© NHS Health Scotland, University of Warwick and University of Edinburgh, 2008, all rights reserved');
    expect(intro).toContain('Сколько тебе лет?');
    expect(intro).toContain('1. Меньше 13');

    const first = await bot.sayText('2');
    expect(first).toContain('1/8 – Я с оптимизмом смотрел(а) в будущее.');
    expect(first).toContain('1. Никогда');
    expect(first).toContain('5. Всегда');
    // часто(4), 4, иногда(3), почти никогда(2), всегда(5), обычно(4), время от времени(3) = 25 → not low.
    expect(await bot.sayText('часто')).toContain('2/8 – Я чувствовал(а) себя полезным(ой).');
    await answerAll(bot, ['4', 'иногда', 'почти никогда', 'всегда', 'обычно', 'время от времени']);
    expect(await bot.sayText('постоянно')).toContain('Ты мальчик, девочка или другое?');
    expect(await bot.sayText('девочка')).toContain('Где ты это заполняешь?');
    expect(await bot.sayText('дома')).toContain('Хочешь ещё что-нибудь нам рассказать?');
    expect(await bot.sayText('нет')).toContain('Можно мы сохраним твои ответы анонимно?');
    const result = await bot.sayText('ага');
    expect(result).toContain('Твои ответы сохранены анонимно.');
    expect(result).toContain('неплохо или хорошо');
    expect(result).toContain('Могу ли я ещё чем-нибудь помочь?');
    expect(result).not.toMatch(/22[.,]35|\b25\b/);
    expect(await storedCheckIns(bot)).toEqual([
      expect.objectContaining({ ageBand: '13to15', gender: 'girl', place: 'home', swemwbsAnswers: [4, 4, 3, 2, 5, 4, 3], happyAnswer: 5, raw: 25, language: LOCALE }),
    ]);
    expect(bot.world.handoff.requests).toEqual([]);
  });

  it('wellbeing check-in, low band: nothing kept, support offered, "не сейчас" says goodbye', async () => {
    const bot = await checkInBot();
    await bot.say('4');
    await bot.say('3');
    await answerAll(bot, ['редко', 'никогда', 'редко', 'редко', 'иногда', 'редко', 'редко', 'редко', 'мальчик', 'в школе', 'нет']);
    const result = await bot.sayText('нет');
    expect(result).toContain('мы не сохраняем твои ответы');
    expect(result).toContain('были не очень лёгкими');
    expect(result).toContain('1. Поговорить с кем-то из нас сейчас');
    expect(await bot.sayText('не сейчас')).toContain('Береги себя.');
    expect(await storedCheckIns(bot)).toEqual([]);
    expect(bot.world.handoff.requests).toEqual([]);
  });

  it('switches language mid-form with the language word and keeps the answers', async () => {
    const { bot } = await formsBot();
    await answerAll(bot, ['2', 'папа']);
    expect(await bot.sayText('2800')).toContain('Сколько детей');
    // "taal" (a word of another locale) opens the choice; languages are named in themselves.
    const choice = await bot.sayText('taal');
    expect(choice).toContain('Выберите язык / Kies uw taal:');
    expect(choice).toContain('Русский');
    expect(choice).toContain('Nederlands');
    const dutch = await bot.sayText('Nederlands');
    expect(dutch).toContain('Ik spreek nu Nederlands met u.');
    expect(dutch).toContain('Hoeveel kinderen in het gezin gaan naar school?');
    expect(await bot.sayText('1')).toContain('In welk onderwijs zitten ze?');
    // Back to Russian with the Russian word for "language".
    expect(await bot.sayText('язык')).toContain('Kies uw taal / Choose your language:');
    const russian = await bot.sayText('русский');
    expect(russian).toContain('Теперь я говорю с вами по-русски.');
    expect(russian).toContain('В какой школе они учатся?');
    // Secondary → Digisprong question: no; computer: no; internet: yes; laptop before: no; residence: don't know.
    await answerAll(bot, ['средняя школа', 'нет', 'нет', 'да', 'нет', 'не знаю', 'Sint-Romboutscollege', 'Bruul', '5', '0485 11 22 33']);
    const summary = await bot.sayText('1');
    expect(summary).toContain('Вид: ноутбук во временное пользование (leenlaptop)');
    expect(summary).toContain('Язык помощи: Нидерландский (Nederlands)');
    const done = await bot.sayText('да');
    expect(done).toMatch(/Ваш номер заявки: LAP-[0-9A-Z]{5}/);
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
