import { buildMenuForms } from '../../dialogs/forms';
import { LaptopRequestSchema } from '../../dialogs/laptopRequest/laptopRequest.schema';
import { WellbeingCheckInDialog } from '../../dialogs/wellbeingCheckIn/wellbeingCheckInDialog';
import type { HelplineData } from '../../src/helplineData';
import { CrisisInterceptor } from '../../src/safety/crisisInterceptor';
import { BotHarness } from '../helpers/botHarness';
import { makeTestWorld, realData } from '../helpers/testDeps';
import { WALK_CASES, type Step, type WalkCase } from './localeWalkCases';

/** The real data file, with the locale among the supported ones (until the data file lists it). */
function dataWithLocale(locale: string): HelplineData {
  const data = realData();
  if (!data.locales.supported.includes(locale)) data.locales.supported.push(locale);
  return data;
}

/** Direction marks and isolates that right-to-left replies carry around inserted values. */
const BIDI_MARKS = /[\u200e\u200f\u2066-\u2069]/g;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A user of the case's language, greeted and at the menu. `laptop`: with every form (and, for
 * `bots: 'together'`, the crisis layer); `checkIn`: with the crisis layer in front as in production.
 */
async function startBot(c: WalkCase, purpose: 'laptop' | 'checkIn') {
  const world = makeTestWorld({ data: dataWithLocale(c.locale) });
  const crisis = new CrisisInterceptor(world.deps.messages, world.data.crisisLines, world.handoff);
  const bot =
    c.bots === 'together'
      ? new BotHarness({ world, locale: c.locale, forms: buildMenuForms, interceptors: [crisis] })
      : purpose === 'laptop'
        ? new BotHarness({ world, locale: c.locale, forms: buildMenuForms })
        : new BotHarness({
            world,
            locale: c.locale,
            interceptors: [crisis],
            forms: (deps) => ({ wellbeing: new WellbeingCheckInDialog(deps) }),
          });
  const plain = (text: string): string => (c.rtl ? text.replace(BIDI_MARKS, '') : text);
  const greeting = plain((await bot.join()).map((r) => r.text).join('\n'));
  /** Sends one message; returns the turn's replies as text (without bidi marks for rtl). */
  const say = async (text: string): Promise<string> => plain(await bot.sayText(text));
  /** Sends each step in turn, checking each reply; returns the text of the last turn. */
  const walk = async (steps: readonly Step[], ref = ''): Promise<string> => {
    let last = '';
    for (const step of steps) {
      const [text, ...expected] = parts(step);
      last = await say(text.replaceAll('{ref}', ref));
      expectFragments(last, expected, ref);
    }
    return last;
  };
  return { bot, greeting, say, walk };
}

const parts = (step: Step): readonly [string, ...string[]] =>
  typeof step === 'string' ? [step] : step;

function expectFragments(reply: string, fragments: readonly string[], ref = ''): void {
  for (const fragment of fragments) expect(reply).toContain(fragment.replaceAll('{ref}', ref));
}

const storedCheckIns = (bot: BotHarness) => bot.world.services.anonymous!.list('wellbeing-checkin');

describe.each(WALK_CASES)('walk in $language ($locale)', (c) => {
  it(`laptop request: greeting to reference with ${c.language} words, then its status`, async () => {
    const { bot, greeting, say, walk } = await startBot(c, 'laptop');
    for (const fragment of c.greeting) expect(greeting).toContain(fragment);
    await walk(c.laptop.steps);

    const [agree, ...agreed] = parts(c.laptop.confirm);
    const done = await say(agree);
    const reference = /LAP-[0-9A-Z]{5}/.exec(done)?.[0];
    expect(reference).toBeDefined();
    expectFragments(done, [c.reference, ...agreed], reference);

    const [record] = await bot.world.caseStore.list({ kind: 'laptop-request' });
    expect(record).toMatchObject({ reference, locale: c.locale });
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
      knownBy: c.laptop.knownBy,
      street: 'Grote Markt',
      houseNumber: '12',
      phone: '+32470123456',
      ictHelpLanguage: c.laptop.ictHelpLanguage,
      agreementAccepted: true,
    });
    await walk([c.laptop.status], reference);
    expect(bot.world.handoff.requests).toEqual([]);
  });
  it(`wellbeing check-in: greeting to the end with the ${c.language} scale words, kept anonymously`, async () => {
    const { bot, walk } = await startBot(c, 'checkIn');
    const result = await walk(c.checkIn);
    expect(result).not.toMatch(c.noScore);
    expect(await storedCheckIns(bot)).toEqual([
      expect.objectContaining({
        ageBand: '13to15',
        gender: 'girl',
        place: 'home',
        swemwbsAnswers: [4, 4, 3, 2, 5, 4, 3],
        happyAnswer: 5,
        raw: 25,
        language: c.locale,
      }),
    ]);
    expect(bot.world.handoff.requests).toEqual([]);
  });

  const goodbye = parts(c.lowBand[c.lowBand.length - 1]!)[0];
  it(
    c.crisisMidway
      ? `wellbeing check-in: ${c.language} crisis words mid-way answer at once, then the statements go on; low band offers support`
      : `wellbeing check-in, low band: nothing kept, support offered, "${goodbye}" says goodbye`,
    async () => {
      const { bot, say, walk } = await startBot(c, 'checkIn');
      const crisisAt = c.crisisMidway?.afterSteps ?? c.lowBand.length;
      await walk(c.lowBand.slice(0, crisisAt));
      if (c.crisisMidway) {
        const crisis = await say(c.crisisMidway.say);
        expectFragments(crisis, c.crisisMidway.reply);
        expect(crisis).not.toContain('4/8');
        expect(bot.world.handoff.requests).toEqual([
          expect.objectContaining({ priority: 'crisis', reason: 'crisis' }),
        ]);
      }
      await walk(c.lowBand.slice(crisisAt));
      expect(await storedCheckIns(bot)).toEqual([]);
      if (!c.crisisMidway) expect(bot.world.handoff.requests).toEqual([]);
    },
  );

  it('switches language mid-form with the language word and keeps the answers', async () => {
    const { bot, walk } = await startBot(c, 'laptop');
    const s = c.switchLanguage;
    await walk(s.before);
    // The Dutch word for "language" works in every locale; languages are named in themselves.
    await walk([['taal', ...s.choice, 'Nederlands']]);
    await walk([
      [
        'Nederlands',
        'Ik spreek nu Nederlands met u.',
        'Hoeveel kinderen in het gezin gaan naar school?',
      ],
      ['1', 'In welk onderwijs zitten ze?'],
      // Back with the language's own word for "language".
      [s.word, 'Kies uw taal / Choose your language:'],
      s.back,
    ]);
    // Secondary → Digisprong: no; computer: no; internet: yes; laptop before: no; residence: don't know.
    await walk([...s.answers, 'Sint-Romboutscollege', 'Bruul', '5', '0485 11 22 33']);
    await walk([['1', ...s.summary]]);
    const prefix = escapeRegExp(c.reference.split('{ref}')[0]!);
    expect(await walk([s.confirm])).toMatch(new RegExp(`${prefix}LAP-[0-9A-Z]{5}`));
    const [record] = await bot.world.caseStore.list({ kind: 'laptop-request' });
    expect(record!.locale).toBe(c.locale);
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
