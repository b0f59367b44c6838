import { WellbeingCheckInDialog } from '../../dialogs/wellbeingCheckIn/wellbeingCheckInDialog';
import { CrisisInterceptor } from '../../src/safety/crisisInterceptor';
import { BotHarness } from '../helpers/botHarness';
import { makeTestWorld } from '../helpers/testDeps';

const WELLBEING_MENU_NUMBER = '4';

/** The bot with the check-in in the menu and the crisis layer in front, as in production. */
async function startCheckIn(locale: string): Promise<{ bot: BotHarness; intro: string }> {
  const world = makeTestWorld();
  const crisis = new CrisisInterceptor(world.deps.messages, world.data.crisisLines, world.handoff);
  const bot = new BotHarness({
    world,
    locale,
    interceptors: [crisis],
    forms: (deps) => ({ wellbeing: new WellbeingCheckInDialog(deps) }),
  });
  await bot.join();
  return { bot, intro: await bot.sayText(WELLBEING_MENU_NUMBER) };
}

/** Sends each answer in turn and returns the last turn's text. */
async function answerAll(bot: BotHarness, answers: readonly string[]): Promise<string> {
  let last = '';
  for (const answer of answers) last = await bot.sayText(answer);
  return last;
}

const storedRecords = (bot: BotHarness) => bot.world.services.anonymous!.list('wellbeing-checkin');

describe('WellbeingCheckInDialog', () => {
  it('nl: explains, shows the licence line, asks the age band first', async () => {
    const { intro } = await startCheckIn('nl');
    expect(intro).toContain('laatste 2 weken');
    expect(intro).toContain('anoniem');
    expect(intro).toContain('© NHS Health Scotland, University of Warwick and University of Edinburgh, 2008, all rights reserved.');
    expect(intro).toContain('Hoe oud ben je?');
    expect(intro).toContain('1. Jonger dan 13');
  });

  it('nl: statements one by one with progress, five numbered options and buttons', async () => {
    const { bot } = await startCheckIn('nl');
    const replies = await bot.say('2');
    const statement = replies[replies.length - 1]!;
    expect(statement.text).toContain('1/8 – Ik was optimistisch over de toekomst.');
    expect(statement.text).toContain('1. Nooit');
    expect(statement.text).toContain('5. Altijd');
    expect(statement.buttons).toEqual(['1', '2', '3', '4', '5']);
    expect(await bot.sayText('vaak')).toContain('2/8 – Ik voelde me nuttig.');
    expect(await bot.sayText('4')).toContain('3/8 – Ik voelde me ontspannen.');
  });

  it('nl, stored: keeps an anonymous record only after yes, and replies warmly without a score', async () => {
    const { bot } = await startCheckIn('nl');
    await bot.say('2');
    // 4,vaak(4),3,soms(3),4,3,3 = 24 → metric 21.54 (not low); statement 8 = altijd (5).
    await answerAll(bot, ['4', 'vaak', '3', 'soms', '4', '3', '3', 'Altijd']);
    expect(await bot.sayText('2')).toContain('Waar vul je dit in?');
    expect(await bot.sayText('1')).toContain('Is er nog iets');
    expect(await bot.sayText('nee')).toContain('Mogen we je antwoorden anoniem bewaren?');
    const result = await bot.sayText('ja');
    expect(result).toContain('anoniem bewaard');
    expect(result).toContain('redelijk tot goed');
    expect(result).toContain('Kan ik nog iets voor u doen?');
    expect(result).not.toMatch(/21[.,]54|\b24\b|score|laag|depress/i);
    expect(await storedRecords(bot)).toEqual([
      {
        date: '2026-11-23',
        place: 'school',
        ageBand: '13to15',
        gender: 'girl',
        swemwbsAnswers: [4, 4, 3, 3, 4, 3, 3],
        happyAnswer: 5,
        raw: 24,
        metric: 21.54,
        language: 'nl',
      },
    ]);
  });

  it('en, not stored, low band: offers to talk now and hands over with priority', async () => {
    const { bot, intro } = await startCheckIn('en');
    expect(intro).toContain('all rights reserved');
    await bot.say('3');
    // All "rarely" = 14 → metric 15.32, low.
    await answerAll(bot, ['2', 'rarely', '2', '2', '2', '2', '2', '3', '4', '2']);
    expect(await bot.sayText('no')).toContain('May we keep your answers anonymously?');
    const result = await bot.sayText('no');
    expect(result).toContain("we won't keep your answers");
    expect(result).toContain('were not so easy');
    expect(result).toContain('1. Talk to one of us now');
    expect(result).not.toMatch(/15[.,]32|score|low|depress/i);
    expect(await bot.sayText('1')).toContain('[handoff wellbeing urgent asked]');
    expect(await storedRecords(bot)).toEqual([]);
    expect(bot.world.handoff.requests[0]?.formData).toEqual({ ageBand: '16to18', message: undefined });
  });

  it('nl, contact request: first name and phone go to the hand-off only, never into the record', async () => {
    const { bot } = await startCheckIn('nl');
    await bot.say('2');
    await answerAll(bot, ['1', '1', '2', '1', '2', '1', '1', '1', '3', '2']);
    await bot.say('Het gaat niet zo goed op school');
    expect(await bot.sayText('ja')).toContain('Wat wil je nu doen?');
    expect(await bot.sayText('2')).toContain('Hoe mogen we je noemen?');
    expect(await bot.sayText('Lina')).toContain('Op welk telefoonnummer');
    expect(await bot.sayText('0470 12 34 56')).toContain('[handoff wellbeing urgent callback]');
    expect(bot.world.handoff.requests[0]?.formData).toEqual({
      ageBand: '13to15',
      message: 'Het gaat niet zo goed op school',
      firstName: 'Lina',
      phone: '+32470123456',
    });
    const records = await storedRecords(bot);
    expect(records).toHaveLength(1);
    const stored = JSON.stringify(records);
    for (const secret of ['Lina', '470', 'school op', 'niet zo goed', 'conv-1', 'user-1']) expect(stored).not.toContain(secret);
    expect(Object.keys(records[0]!).sort()).toEqual(
      ['ageBand', 'date', 'gender', 'happyAnswer', 'language', 'metric', 'place', 'raw', 'swemwbsAnswers'].sort(),
    );
  });

  it('en: a message in the good band is thanked with an offer to talk; "not now" says goodbye', async () => {
    const { bot } = await startCheckIn('en');
    await bot.say('2');
    await answerAll(bot, ['5', 'often', 'All of the time', '4', '4', '4', '4', '4', '1', '2']);
    await bot.say('my cat died last week');
    const offer = await bot.sayText('yes');
    expect(offer).toContain('fairly well');
    expect(offer).toContain('Would you like to talk about it with someone?');
    expect(await bot.sayText('4')).toContain('Take good care of yourself');
    expect(bot.world.handoff.requests).toHaveLength(0);
  });

  it.each([
    ['nl', '2', 'bel 102', 'Kan ik nog iets voor u doen?'],
    ['en', '2', 'Awel', 'call 102'],
    ['en', '1', '[handoff wellbeing normal asked]', ''],
  ])('%s, under 13: explains kindly and offers a person or the children\'s lines (%s)', async (locale, choice, expected, after) => {
    const { bot } = await startCheckIn(locale);
    const younger = await bot.sayText('1');
    expect(younger).toMatch(/vanaf 13 jaar|from 13/);
    expect(younger).not.toContain('1/8');
    const text = await bot.sayText(choice);
    expect(text).toContain(expected);
    expect(text).toContain(after);
  });

  it('nl: crisis words in the middle of the check-in answer at once, then the form goes on', async () => {
    const { bot } = await startCheckIn('nl');
    await bot.say('2');
    await answerAll(bot, ['3', '3']);
    const crisis = await bot.sayText('ik wil niet meer leven');
    expect(crisis).toContain('1813');
    expect(crisis).not.toContain('4/8');
    expect(bot.world.handoff.requests).toEqual([expect.objectContaining({ priority: 'crisis', reason: 'crisis' })]);
    expect(await bot.sayText('3')).toContain('4/8');
  });

  it('en: crisis words in the free-text question are caught before the form stores them', async () => {
    const { bot } = await startCheckIn('en');
    await bot.say('2');
    await answerAll(bot, ['3', '3', '3', '3', '3', '3', '3', '3', '1', '1']);
    expect(await bot.sayText('I cut myself sometimes')).toContain('1813');
    expect(await bot.sayText('no')).toContain('May we keep your answers anonymously?');
  });

  it('nl: invalid answers get a clear hint, three offer a person', async () => {
    const { bot } = await startCheckIn('nl');
    await bot.say('2');
    expect(await bot.sayText('banaan')).toContain('Antwoord met een nummer van 1 tot 5');
    await bot.say('9');
    expect(await bot.sayText('xyz')).toContain('Wilt u met een medewerker praten?');
    expect(await bot.sayText('ja')).toContain('[handoff wellbeing normal too-many-invalid]');
    expect(bot.world.handoff.requests[0]?.formData).toEqual({ ageBand: '13to15' });
  });

  it('nl: "menu" keeps a draft; coming back offers to resume at the same statement', async () => {
    const { bot } = await startCheckIn('nl');
    await bot.say('2');
    await answerAll(bot, ['3', '4']);
    expect(await bot.sayText('menu')).toContain('Kan ik nog iets voor u doen?');
    expect(await bot.sayText(WELLBEING_MENU_NUMBER)).toContain('verdergaan waar u was');
    expect(await bot.sayText('1')).toContain('3/8');
    // Statements 3–8, gender, place, no message.
    await answerAll(bot, ['3', '3', '3', '3', '3', '3', '2', '1', 'nee']);
    expect(await bot.sayText('ja')).toContain('anoniem bewaard');
    expect((await storedRecords(bot))[0]?.swemwbsAnswers).toEqual([3, 4, 3, 3, 3, 3, 3]);
  });

  it('en: "stop" leaves the check-in and keeps nothing', async () => {
    const { bot } = await startCheckIn('en');
    await bot.say('2');
    await bot.say('3');
    expect(await bot.sayText('stop')).toContain('Can I help you with anything else?');
    expect(await storedRecords(bot)).toEqual([]);
  });
});
