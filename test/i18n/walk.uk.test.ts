import { buildFormDialogs } from '../../dialogs/formDialogs';
import { LaptopRequestSchema } from '../../dialogs/laptopRequest/laptopRequest.schema';
import { WellbeingCheckInDialog } from '../../dialogs/wellbeingCheckIn/wellbeingCheckInDialog';
import type { HelplineData } from '../../src/helplineData';
import { CrisisInterceptor } from '../../src/safety/crisisInterceptor';
import { BotHarness } from '../helpers/botHarness';
import { makeTestWorld, realData } from '../helpers/testDeps';

const LOCALE = 'uk';

/** The real data file, with Ukrainian among the supported locales (until the data file lists it). */
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

/** A Ukrainian-speaking parent with every form plugged in, greeted and at the menu. */
async function formsBot(): Promise<{ bot: BotHarness; greeting: string }> {
  const bot = new BotHarness({ locale: LOCALE, forms: buildFormDialogs, data: dataWithLocale() });
  const greeting = (await bot.join()).map((r) => r.text).join('\n');
  return { bot, greeting };
}

/** A pupil's check-in in Ukrainian, with the crisis layer in front as in production. */
async function checkInBot(): Promise<BotHarness> {
  const world = makeTestWorld({ data: dataWithLocale() });
  const crisis = new CrisisInterceptor(world.deps.messages, world.data.crisisLines, world.handoff);
  const bot = new BotHarness({ world, locale: LOCALE, interceptors: [crisis], forms: (deps) => ({ wellbeing: new WellbeingCheckInDialog(deps) }) });
  await bot.join();
  return bot;
}

const storedCheckIns = (bot: BotHarness) => bot.world.services.anonymous!.list('wellbeing-checkin');

describe('walk in Ukrainian (uk)', () => {
  it('laptop request: greeting to reference with Ukrainian words, then its status', async () => {
    const { bot, greeting } = await formsBot();
    expect(greeting).toContain('Вітаю! Я чат-бот Центральної служби підтримки (Centraal Meldpunt)');
    expect(greeting).toContain('Чим я можу допомогти? Відповідайте номером.');
    expect(greeting).toContain('2. Попросити ноутбук');

    expect(await bot.sayText('ноутбук')).toContain('Хто просить ноутбук?');
    expect(await bot.sayText('мама')).toContain('Який поштовий індекс сім\'ї?');
    expect(await bot.sayText('2800')).toContain('Скільки дітей у сім\'ї ходять до школи? Вкажіть число від 0 до 12.');
    const levels = await bot.sayText('2');
    expect(levels).toContain('У якій школі вони навчаються?');
    expect(levels).toContain('2. Початкова школа, 1–4 клас');
    expect(levels).toContain('3. Початкова школа, 5 або 6 клас');
    expect(await bot.sayText('2 і 3')).toContain('З 5 класу багато шкіл дають кожному учневі ноутбук (Digisprong).');
    expect(await bot.sayText('ні')).toContain('Удома є комп\'ютер чи ноутбук?');
    expect(await bot.sayText('Ні')).toContain('Сім\'ї потрібен також інтернет?');
    expect(await bot.sayText('так')).toContain('Сім\'я вже отримувала ноутбук від міста Мехелен?');
    expect(await bot.sayText('нє')).toContain('Чи має сім\'я законне право на проживання в Бельгії?');
    const decision = await bot.sayText('звісно');
    expect(decision).toContain('Найімовірніше, це буде ноутбук у подарунок (geeflaptop)');
    expect(decision).toContain('Яка школа чи організація знає вашу сім\'ю?');
    expect(await bot.sayText('Basisschool De Regenboog')).toContain('Куди привезти ноутбук?');
    expect(await bot.sayText('Grote Markt')).toContain('Який номер будинку?');
    expect(await bot.sayText('12')).toContain('За яким номером телефону вам зателефонувати');
    const language = await bot.sayText('0470 12 34 56');
    expect(language).toContain('До ноутбука додається допомога телефоном. Якою мовою?');
    expect(language).toContain('3. Англійська (English)');
    const summary = await bot.sayText('англійська');
    expect(summary).toContain('Вид: ноутбук у подарунок (geeflaptop)');
    expect(summary).toContain('Адреса: Grote Markt 12, 2800');
    expect(summary).toContain('Мова допомоги: Англійська (English)');
    expect(summary).toContain('Ви не платите застави.');
    expect(summary).toContain('Ви згодні з цими умовами');

    const done = await bot.sayText('так');
    const reference = /LAP-[0-9A-Z]{5}/.exec(done)?.[0];
    expect(reference).toBeDefined();
    expect(done).toContain(`Номер вашої заявки: ${reference!}`);
    expect(done).toContain('Чи можу я ще чимось допомогти?');

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
    expect(await bot.sayText(`статус ${reference!}`)).toContain(`Ваша заявка ${reference!}: отримана`);
  });

  it('wellbeing check-in: greeting to the end with the Ukrainian scale words, kept anonymously', async () => {
    const bot = await checkInBot();
    const intro = await bot.sayText('4');
    expect(intro).toContain('останні 2 тижні');
    expect(intro).toContain('© NHS Health Scotland, University of Warwick and University of Edinburgh, 2008, all rights reserved');
    expect(intro).toContain('Скільки тобі років?');
    expect(intro).toContain('1. Менше 13');

    const first = await bot.sayText('2');
    expect(first).toContain('1/8 – Я з оптимізмом дивився(-лася) в майбутнє.');
    expect(first).toContain('1. Ніколи');
    expect(first).toContain('5. Завжди');
    // часто(4), 4, іноді(3), майже ніколи(2), завжди(5), зазвичай(4), час від часу(3) = 25 → not low.
    expect(await bot.sayText('часто')).toContain('2/8 – Я почувався(-лася) корисним(-ою).');
    await answerAll(bot, ['4', 'іноді', 'майже ніколи', 'завжди', 'зазвичай', 'час від часу']);
    expect(await bot.sayText('постійно')).toContain('Ти хлопець, дівчина чи інше?');
    expect(await bot.sayText('дівчина')).toContain('Де ти це заповнюєш?');
    expect(await bot.sayText('вдома')).toContain('Хочеш ще щось нам розповісти?');
    expect(await bot.sayText('ні')).toContain('Чи можна нам зберегти твої відповіді анонімно?');
    const result = await bot.sayText('ага');
    expect(result).toContain('Твої відповіді збережено анонімно.');
    expect(result).toContain('непогано або добре');
    expect(result).toContain('Чи можу я ще чимось допомогти?');
    expect(result).not.toMatch(/22[.,]35|\b25\b/);
    expect(await storedCheckIns(bot)).toEqual([
      expect.objectContaining({ ageBand: '13to15', gender: 'girl', place: 'home', swemwbsAnswers: [4, 4, 3, 2, 5, 4, 3], happyAnswer: 5, raw: 25, language: LOCALE }),
    ]);
    expect(bot.world.handoff.requests).toEqual([]);
  });

  it('wellbeing check-in, low band: nothing kept, support offered, "не зараз" says goodbye', async () => {
    const bot = await checkInBot();
    await bot.say('4');
    await bot.say('3');
    await answerAll(bot, ['рідко', 'ніколи', 'рідко', 'рідко', 'іноді', 'рідко', 'рідко', 'рідко', 'хлопець', 'у школі', 'ні']);
    const result = await bot.sayText('ні');
    expect(result).toContain('ми не зберігаємо твої відповіді');
    expect(result).toContain('були не дуже легкими');
    expect(result).toContain('1. Поговорити з кимось із нас зараз');
    expect(await bot.sayText('не зараз')).toContain('Бережи себе.');
    expect(await storedCheckIns(bot)).toEqual([]);
    expect(bot.world.handoff.requests).toEqual([]);
  });

  it('switches language mid-form with the language word and keeps the answers', async () => {
    const { bot } = await formsBot();
    await answerAll(bot, ['2', 'тато']);
    expect(await bot.sayText('2800')).toContain('Скільки дітей');
    // "taal" (a word of another locale) opens the choice; languages are named in themselves.
    const choice = await bot.sayText('taal');
    expect(choice).toContain('Виберіть мову / Kies uw taal:');
    expect(choice).toContain('Українська');
    expect(choice).toContain('Nederlands');
    const dutch = await bot.sayText('Nederlands');
    expect(dutch).toContain('Ik spreek nu Nederlands met u.');
    expect(dutch).toContain('Hoeveel kinderen in het gezin gaan naar school?');
    expect(await bot.sayText('1')).toContain('In welk onderwijs zitten ze?');
    // Back to Ukrainian with the Ukrainian word for "language".
    expect(await bot.sayText('мова')).toContain('Kies uw taal / Choose your language:');
    const ukrainian = await bot.sayText('українська');
    expect(ukrainian).toContain('Тепер я розмовляю з вами українською.');
    expect(ukrainian).toContain('У якій школі вони навчаються?');
    // Secondary → Digisprong question: no; computer: no; internet: yes; laptop before: no; residence: don't know.
    await answerAll(bot, ['середня школа', 'ні', 'ні', 'так', 'ні', 'не знаю', 'Sint-Romboutscollege', 'Bruul', '5', '0485 11 22 33']);
    const summary = await bot.sayText('1');
    expect(summary).toContain('Вид: ноутбук у тимчасове користування (leenlaptop)');
    expect(summary).toContain('Мова допомоги: Нідерландська (Nederlands)');
    const done = await bot.sayText('так');
    expect(done).toMatch(/Номер вашої заявки: LAP-[0-9A-Z]{5}/);
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
