import { PupilConcernDialog } from '../../dialogs/pupilConcern/pupilConcernDialog';
import { pupilDuplicateKey } from '../../dialogs/pupilConcern/duplicateKey';
import { PupilConcernSchema } from '../../dialogs/pupilConcern/pupilConcern.schema';
import { stopRecognizers } from '../../dialogs/shared/recognizers';
import type { CaseStore } from '../../src/cases/caseStore';
import { MemoryCaseStore } from '../../src/cases/memoryCaseStore';
import { CrisisInterceptor } from '../../src/safety/crisisInterceptor';
import { FixedClock } from '../fakes/fixedClock';
import { BotHarness } from '../helpers/botHarness';
import { makeTestWorld } from '../helpers/testDeps';

const CONCERN_MENU_NUMBER = '3';

/**
 * A reporter's conversation with the crisis layer in front; reporters may share one case store.
 * Every message carries `from`, because the TestAdapter takes the user from its template, not
 * from the harness's `userId`.
 */
async function startReport(locale: string, userId = 'user-1', caseStore: CaseStore = new MemoryCaseStore(), clock?: FixedClock) {
  const world = makeTestWorld({ caseStore, clock });
  const crisis = new CrisisInterceptor(world.deps.messages, world.data.crisisLines, world.handoff);
  const harness = new BotHarness({
    world,
    locale,
    conversationId: `conv-${userId}`,
    interceptors: [crisis],
    forms: (deps) => ({ concern: new PupilConcernDialog(deps) }),
  });
  const from = { id: userId, name: userId };
  await harness.send({ type: 'conversationUpdate', membersAdded: [from], from });
  const bot = {
    world: harness.world,
    say: (text: string) => harness.say(text, { from }),
    sayText: async (text: string) => (await harness.say(text, { from })).map((r) => r.text).join('\n'),
  };
  const intro = await bot.sayText(CONCERN_MENU_NUMBER);
  return { bot, intro, caseStore };
}
type Reporter = Awaited<ReturnType<typeof startReport>>['bot'];

/** Sends each answer; returns every reply text of all turns, joined. */
async function fill(bot: Reporter, answers: readonly string[]): Promise<string> {
  const texts: string[] = [];
  for (const answer of answers) texts.push(await bot.sayText(answer));
  return texts.join('\n');
}

const SCHOOL_REPORTER = ['1', 'Sint-Ursula Instituut', 'An Peeters', 'zorgcoördinator', '0470 12 34 56', 'an.peeters@school.be'];
const JONAS = ['Jonas', 'Janssens', 'ja', '15-03-2012'];
/** From the level question to the urgency (school reporter: the school is not asked again). */
const REST = ['3', 'Arabisch en Nederlands', 'nee', '1', '1, 3, 9', 'Hij zorgt voor zijn broertjes', '1 en 4', 'ja'];

describe('PupilConcernDialog', () => {
  it('nl: a school walks the whole form; summary with NAFT note; ZRG reference; conversation reference kept', async () => {
    const { bot, intro, caseStore } = await startReport('nl');
    expect(intro).toContain('Vanuit welke organisatie meldt u?');
    const asked = await fill(bot, [...SCHOOL_REPORTER, ...JONAS, ...REST]);
    expect(asked).toContain('geen achternaam, geen rijksregisternummer, geen diagnoses');
    expect(asked).not.toContain('Op welke school zit de leerling?');
    const summary = await bot.sayText('1');
    expect(summary).toContain('Leerling: Jonas J., 15-03-2012, Sint-Ursula Instituut, Secundair, 1e graad, thuistaal: Arabisch en Nederlands');
    expect(summary).toContain('Zorgen: Niet bereikbaar via telefoon of online, Papieren taken niet opgehaald, Iets anders (Hij zorgt voor zijn broertjes)');
    expect(summary).toContain('Al geprobeerd: Gebeld, Huisbezoek. Ouders weten het: Ja');
    expect(summary).toContain('NAFT-traject start altijd met een aanmelding door het CLB');
    expect(summary).not.toContain('Janssens');
    const done = await bot.sayText('1');
    const reference = /ZRG-[0-9A-Z]{5}/.exec(done)?.[0];
    expect(reference).toBeDefined();
    expect(done).toContain('laat u weten wat er gebeurt');
    const record = await caseStore.get(reference!);
    expect(record?.kind).toBe('pupil-concern');
    expect(record?.conversationRef).toMatchObject({ conversation: { id: 'conv-user-1' } });
    expect(record?.duplicateKey).toMatch(/^[0-9a-f]{32}$/);
    const data = PupilConcernSchema.parse(record?.data);
    expect(data).toMatchObject({ pupilSurnameInitial: 'J', school: 'Sint-Ursula Instituut', reporterPhone: '+32470123456', worries: ['unreachable', 'paperNotCollected', 'other'] });
    expect(JSON.stringify(record)).not.toContain('Janssens');
  });

  it('a second reporter about the same pupil is added to the open case, told only that it is followed up', async () => {
    const caseStore = new MemoryCaseStore();
    const first = await startReport('nl', 'teacher', caseStore);
    const firstDone = await fill(first.bot, [...SCHOOL_REPORTER, ...JONAS, ...REST, '1', '1']);
    const reference = /ZRG-[0-9A-Z]{5}/.exec(firstDone)![0];

    const second = await startReport('en', 'clb-worker', caseStore);
    // A CLB reporter: the CLB question is skipped; the name is typed differently, same pupil.
    const summary = await fill(second.bot, [
      '2', 'CLB Mechelen', 'Sam Wouters', 'psychologist', '+32 471 11 22 33', 'sam@clb.be',
      'JONAS', 'j', 'yes', '15/03/2012', 'sint ursula instituut', '3', 'Arabic', '5', 'Buurtwerk Mechelen', '7', '2', 'no', '2',
    ]);
    expect(summary).not.toContain('Is the CLB already involved');
    expect(summary).not.toContain('NAFT trajectory always starts');
    expect(summary).toContain('Which partner?');
    const done = await second.bot.sayText('1');
    expect(done).toContain('already being followed up');
    expect(done).toContain(reference);
    for (const detail of ['An Peeters', 'Ursula', 'broertjes', 'zorgco', '0470']) expect(done).not.toContain(detail);
    const cases = await caseStore.list({ kind: 'pupil-concern' });
    expect(cases).toHaveLength(1);
    expect(cases[0]?.linkedReports).toEqual([
      expect.objectContaining({ ownerKey: 'test:clb-worker', data: expect.objectContaining({ reporterName: 'Sam Wouters' }) }),
    ]);
  });

  it('the same reporter sending twice gets the existing reference, no second case', async () => {
    const caseStore = new MemoryCaseStore();
    const { bot } = await startReport('nl', 'teacher', caseStore);
    const first = await fill(bot, [...SCHOOL_REPORTER, ...JONAS, ...REST, '1', '1']);
    await bot.say('3');
    const again = await fill(bot, [...SCHOOL_REPORTER, ...JONAS, ...REST, '1', '1']);
    expect(again).toContain('U meldde deze leerling al');
    expect(again).toContain(/ZRG-[0-9A-Z]{5}/.exec(first)![0]);
    expect(await caseStore.list()).toHaveLength(1);
  });

  it('en: age instead of birth date, another partner, "other" attempt; cancel keeps nothing', async () => {
    const { bot, caseStore } = await startReport('en');
    const summary = await fill(bot, [
      '4', 'JAC Mechelen', 'Lore', 'social worker', '015 12 34 56', 'lore@jac.be',
      'Mira', 'D', 'no', '14', 'Atheneum Mechelen', '4', 'Romanian', "I don't know", '5', 'JAC youth service',
      '6', '6', 'we met her at the youth club', '3', '2',
    ]);
    expect(summary).toContain('About how old is the pupil?');
    expect(summary).toContain('Pupil: Mira D., about 14 years old, Atheneum Mechelen, Secondary, 2nd grade');
    expect(summary).toContain('Partner: JAC youth service');
    expect(summary).toContain('Already tried: Something else (we met her at the youth club). Parents know: I don\'t know');
    expect(summary).toContain('NAFT trajectory always starts with a referral by the CLB');
    expect(await bot.sayText('3')).toContain('The report was not sent');
    expect(await caseStore.list()).toEqual([]);
  });

  it('nl: "urgent today" within opening hours hands the conversation to staff at once', async () => {
    const { bot } = await startReport('nl');
    const text = await fill(bot, [...SCHOOL_REPORTER, ...JONAS, ...REST.slice(0, -1), 'ja', '3', '1']);
    expect(text).toContain('ZRG-');
    expect(text).toContain('[handoff pupil-concern urgent form]');
    expect(bot.world.handoff.requests[0]?.formData).toMatchObject({ urgency: 'urgentToday' });
  });

  it('en: "urgent today" outside opening hours says so and gives the crisis lines', async () => {
    const { bot } = await startReport('en', 'user-1', new MemoryCaseStore(), new FixedClock(new Date('2026-11-23T19:30:00+01:00')));
    const text = await fill(bot, [...SCHOOL_REPORTER, 'Jonas', 'Janssens', 'yes', '15-03-2012', '3', 'Arabic', 'no', '1', '2', '1', 'yes', '3', '1']);
    expect(text).toContain('The helpline is closed now (open 09:00–12:00)');
    for (const line of ['112', '101', '1712', '102']) expect(text).toContain(line);
    expect(bot.world.handoff.requests).toHaveLength(0);
  });

  it('en: a birth date in words ("15 March 2012") is read by the recognizers and the form goes on', async () => {
    const { bot } = await startReport('en');
    await fill(bot, [...SCHOOL_REPORTER, 'Jonas', 'Janssens', 'yes']);
    const next = await bot.sayText('15 March 2012');
    expect(next).toContain('Which level of education is the pupil in?');
    expect(next).not.toContain('For example: 15-03-2012');
    await stopRecognizers();
  }, 20_000);

  it('nl: invalid answers get a hint: phone, surname initial, at least one attempt', async () => {
    const { bot } = await startReport('nl');
    await fill(bot, SCHOOL_REPORTER.slice(0, 4));
    expect(await bot.sayText('12345')).toContain('geen Belgisch telefoonnummer');
    await fill(bot, ['0470 12 34 56', 'an@school.be', 'Jonas']);
    expect(await bot.sayText('1')).toContain('alleen de eerste letter');
    await fill(bot, ['J', 'ja', '15-03-2012', ...REST.slice(0, 6)]);
    expect(await bot.sayText('niets')).toContain('Antwoord met een nummer van 1 tot 6');
    expect(await bot.sayText('2')).toContain('Weten de ouders');
  });

  it('nl: crisis words in the middle of the form answer with the lines; the form goes on', async () => {
    const { bot } = await startReport('nl');
    await fill(bot, [...SCHOOL_REPORTER, ...JONAS, ...REST.slice(0, 4)]);
    const crisis = await bot.sayText('ik vermoed kindermishandeling thuis');
    expect(crisis).toContain('1712');
    expect(bot.world.handoff.requests).toEqual([expect.objectContaining({ priority: 'crisis', reason: 'crisis' })]);
    expect(await bot.sayText('5')).toContain('Wat deed u of uw organisatie al');
  });

  it('nl: "menu" keeps a draft; coming back resumes at the same question', async () => {
    const { bot } = await startReport('nl');
    await fill(bot, [...SCHOOL_REPORTER, ...JONAS]);
    expect(await bot.sayText('menu')).toContain('Kan ik nog iets voor u doen?');
    expect(await bot.sayText(CONCERN_MENU_NUMBER)).toContain('verdergaan waar u was');
    expect(await bot.sayText('1')).toContain('In welk onderwijsniveau zit de leerling?');
  });
});

describe('pupilDuplicateKey', () => {
  const base = { pupilFirstName: 'Jonas', pupilSurnameInitial: 'J', pupilBirthDate: '2012-03-15', school: 'Sint-Ursula Instituut' };

  it('ignores case, accents, spaces and punctuation in name and school', () => {
    expect(pupilDuplicateKey({ ...base, pupilFirstName: ' JONAS ', school: 'sint ursula instituut' })).toBe(pupilDuplicateKey(base));
    expect(pupilDuplicateKey({ ...base, pupilFirstName: 'Zoë' })).toBe(pupilDuplicateKey({ ...base, pupilFirstName: 'zoe' }));
  });

  it('differs for another initial, birth date or school, and never spells out the pupil', () => {
    const key = pupilDuplicateKey(base);
    expect(pupilDuplicateKey({ ...base, pupilSurnameInitial: 'K' })).not.toBe(key);
    expect(pupilDuplicateKey({ ...base, pupilBirthDate: '2012-03-16' })).not.toBe(key);
    expect(pupilDuplicateKey({ ...base, school: 'Atheneum' })).not.toBe(key);
    expect(key).not.toMatch(/jonas|ursula|2012/i);
  });
});
