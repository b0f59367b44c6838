import type { BotHarness } from '../helpers/botHarness';
import { PARENT_GIFT, answer, laptopBot } from './laptopRequestFlow';

/**
 * Issue #16: erase, consent, keep and send act only on a clear yes. Each case checks the store
 * (cases, anonymous records, conversation state), not only the reply, and ends with a positive
 * control where it matters, so a test that never acts could not pass.
 */

/** "of course not" and friends: a yes-word inside a no, per language of the conversation. */
const NEGATED = [
  ['en', 'of course not'],
  ['en', 'not ok'],
  ['es', 'claro que no'],
  ['ru', 'конечно нет'],
  ['fr', "pas d'accord"],
  ['nl', 'natuurlijk niet'],
  ['tr', 'tabii ki hayır'],
] as const;

/** Hedges and garbage: never a yes; asked once more, and a second unclear answer is a no. */
const UNCLEAR_TWICE = [
  ['en', 'not sure', 'maybe'],
  ['nl', 'ja maar wacht even', 'weet ik niet'],
  ['fr', 'peut-être', 'je sais pas'],
  ['nl', 'asdfgh', 'qwerty'],
  ['ar', 'ممكن', 'ما عرفتش'],
] as const;

async function caseCount(bot: BotHarness): Promise<number> {
  return (await bot.world.caseStore.list()).length;
}

/** A laptop request in `locale`, filled in up to the consent question (yes/no buttons). */
async function atLaptopConsent(locale: string): Promise<BotHarness> {
  const bot = await laptopBot({ locale });
  await answer(bot, PARENT_GIFT.slice(0, -1));
  const consent = await bot.say(PARENT_GIFT.at(-1)!);
  expect(consent.at(-1)?.buttons).toEqual(['1', '2']);
  return bot;
}

describe('laptop consent', () => {
  it.each(NEGATED)('%s "%s" files nothing and says so', async (locale, text) => {
    const bot = await atLaptopConsent(locale);
    const reply = await bot.sayText(text);
    expect(reply).not.toMatch(/LAP-[0-9A-Z]{5}/);
    expect(await caseCount(bot)).toBe(0);
  });

  it.each(UNCLEAR_TWICE)('%s "%s" then "%s": asked once more, then nothing is filed', async (locale, first, second) => {
    const bot = await atLaptopConsent(locale);
    const again = await bot.say(first);
    expect(again.at(-1)?.buttons).toEqual(['1', '2']);
    expect(await caseCount(bot)).toBe(0);
    const reply = await bot.sayText(second);
    expect(reply).not.toMatch(/LAP-[0-9A-Z]{5}/);
    expect(await caseCount(bot)).toBe(0);
  });

  it('a clear yes after an unclear answer files the request (the control)', async () => {
    const bot = await atLaptopConsent('nl');
    await bot.sayText('misschien');
    expect(await bot.sayText('ja, akkoord')).toMatch(/LAP-[0-9A-Z]{5}/);
    expect(await caseCount(bot)).toBe(1);
  });
});

describe('erase my data', () => {
  /** A user with a filed laptop request and a chosen language, at the erase question. */
  async function atEraseQuestion(locale: string): Promise<BotHarness> {
    const bot = await atLaptopConsent(locale);
    expect(await bot.sayText('1')).toMatch(/LAP-[0-9A-Z]{5}/);
    const question = await bot.say('erase my data');
    expect(question.at(-1)?.buttons).toEqual(['1', '2']);
    return bot;
  }

  const personalDataKept = async (bot: BotHarness): Promise<void> => {
    const [record] = await bot.world.caseStore.list();
    expect(record?.data).toMatchObject({ phone: '+32470123456', street: 'Grote Markt' });
  };

  it.each(NEGATED)('%s "%s" erases nothing', async (locale, text) => {
    const bot = await atEraseQuestion(locale);
    await bot.sayText(text);
    await personalDataKept(bot);
  });

  it.each(UNCLEAR_TWICE)('%s "%s" then "%s" erases nothing', async (locale, first, second) => {
    const bot = await atEraseQuestion(locale);
    await bot.sayText(first);
    await personalDataKept(bot);
    await bot.sayText(second);
    await personalDataKept(bot);
  });

  it('nl: says plainly that nothing was erased', async () => {
    const bot = await atEraseQuestion('nl');
    expect(await bot.sayText('nee hoor')).toContain('ik wis niets');
  });

  it('a clear yes erases (the control)', async () => {
    const bot = await atEraseQuestion('en');
    expect(await bot.sayText('yes please')).toContain('Your data has been erased');
    const [record] = await bot.world.caseStore.list();
    expect(record?.data).not.toMatchObject({ phone: '+32470123456' });
  });
});

describe('worry report: "Klopt alles?"', () => {
  const REPORT = [
    '3', // menu: worry about a pupil
    '1', 'Sint-Ursula Instituut', 'An Peeters', 'zorgcoördinator', '0470 12 34 56', 'an.peeters@school.be',
    'Jonas', 'Janssens', 'ja', '15-03-2012',
    '3', 'Arabisch en Nederlands', 'nee', '1', '1, 3, 9', 'Hij zorgt voor zijn broertjes', '1 en 4', 'ja',
    '1', // urgency
  ];

  it.each([['nee, toch niet'], ['of course not'], ['misschien']])('"%s" sends nothing', async (text) => {
    const bot = await laptopBot({ locale: 'nl' });
    expect(await answer(bot, REPORT)).toContain('Klopt alles?');
    await bot.sayText(text);
    expect(await caseCount(bot)).toBe(0);
  });

  it('"ja" sends the report (it was refused before)', async () => {
    const bot = await laptopBot({ locale: 'nl' });
    await answer(bot, REPORT);
    expect(await bot.sayText('ja')).toMatch(/ZRG-[0-9A-Z]{5}/);
    expect(await caseCount(bot)).toBe(1);
  });

  it('"ja, 14/03/2011" at "do you know the birth date?" keeps the yes and the date', async () => {
    const bot = await laptopBot({ locale: 'nl' });
    const untilBirthDate = REPORT.slice(0, REPORT.indexOf('ja'));
    await answer(bot, untilBirthDate);
    const next = await bot.sayText('ja, 14/03/2011');
    expect(next).not.toContain('dag-maand-jaar');
    const rest = REPORT.slice(REPORT.indexOf('15-03-2012') + 1);
    expect(await answer(bot, rest)).toContain('14-03-2011');
  });
});

describe('wellbeing: "may we keep your answers?"', () => {
  const CHECK_IN = ['4', '2', '4', '4', '3', '3', '4', '3', '3', '5', '2', '1', '-'];

  it.each([['of course not', 'en'], ['not sure', 'en'], ['pas sûr', 'fr'], ['bilmiyorum', 'tr']])(
    '"%s" keeps nothing',
    async (text, locale) => {
      const bot = await laptopBot({ locale });
      await answer(bot, CHECK_IN);
      await bot.sayText(text);
      await bot.sayText(text);
      expect(await bot.world.services.anonymous!.list('wellbeing-checkin')).toEqual([]);
    },
  );

  it('"ja hoor" keeps the record (the control)', async () => {
    const bot = await laptopBot({ locale: 'nl' });
    await answer(bot, CHECK_IN);
    await bot.sayText('ja hoor');
    expect(await bot.world.services.anonymous!.list('wellbeing-checkin')).toHaveLength(1);
  });
});
