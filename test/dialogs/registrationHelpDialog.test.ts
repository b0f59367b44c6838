import { MemoryStorage } from 'botbuilder';
import { CallbackSchema } from '../../dialogs/callback/callbackForm';
import { registrationCycle, registrationFacts } from '../../dialogs/registrationHelp/registrationContent';
import { MemoryCaseStore } from '../../src/cases/memoryCaseStore';
import { FixedClock } from '../fakes/fixedClock';
import { realData, realMessages } from '../helpers/testDeps';
import { answer, laptopBot as formsBot } from './laptopRequestFlow';

/** 15:00 on a Monday: the helpline (09:00–12:00) is closed. */
const CLOSED = '2026-11-23T15:00:00+01:00';

describe('registration content from the data file', () => {
  it('knows which cycle runs: in November the next-but-one school year, in March the next one', () => {
    expect(registrationCycle(new Date('2026-11-23T10:00:00Z'))).toBe('2027-2028');
    expect(registrationCycle(new Date('2026-03-10T10:00:00Z'))).toBe('2026-2027');
    expect(registrationCycle(new Date('2026-08-31T10:00:00Z'))).toBe('2026-2027');
  });

  it('quotes no period, platform or help desk of another school year', () => {
    const facts = registrationFacts(realData(), 'secondary', new Date('2026-11-23T10:00:00Z'));
    expect(facts.period).toBeUndefined();
    expect(facts.platform).toBeUndefined();
    expect(facts.helpdesk).toEqual({ phone: realData().helpline.phoneDisplay, email: realData().helpline.email });
    expect(registrationFacts(realData(), 'secondary', new Date('2026-03-10T10:00:00Z')).period?.validForSchoolYear).toBe('2026-2027');
  });

  it('has a label in nl and en for every call-back and ICT-help language of the data file', () => {
    const data = realData();
    for (const locale of ['nl', 'en']) {
      for (const code of [...data.registration.callbackLanguages, ...data.laptop.ictHelpLanguages, 'other']) {
        expect(realMessages().hasKey(locale, `callback.languages.${code}`)).toBe(true);
      }
    }
  });
});

describe('RegistrationHelpDialog', () => {
  it.each([
    ['nl', '1', 'Voor een kleuter meldt u eerst online aan', 'schooljaar 2027-2028 ken ik nog niet'],
    ['nl', '2', 'Voor de lagere school', 'schooljaar 2027-2028 ken ik nog niet'],
    ['nl', '3', 'Voor het eerste jaar secundair', 'afstand speelt geen rol'],
    ['en', '1', 'For a toddler, you first register online', 'school year 2027-2028 yet'],
    ['en', '2', 'For primary school', 'distance between home and school'],
    ['en', '3', 'For the first year of secondary school', 'Distance does not matter'],
  ])('%s: situation %s explains the steps without inventing dates (now is Nov 2026)', async (locale, choice, intro, detail) => {
    const bot = await formsBot({ locale });
    expect(await bot.sayText('1')).toMatch(/1\. (Een eerste school voor mijn kleuter|A first school for my toddler)/);
    const text = await bot.sayText(choice);
    expect(text).toContain(intro);
    expect(text).toContain(detail);
    expect(text).toContain('rijksregisternummer');
    expect(text).toMatch(/Ik vraag dit nummer nooit|I never ask for this number/);
    expect(text).not.toMatch(/2027 (om|at) \d|maart 2027|March 2027/);
    expect(text).toMatch(/Heeft u nog een vraag\?|Do you have another question\?/);
  });

  it.each([
    ['nl', '4', 'Neem contact op met de nieuwe school'],
    ['en', '4', 'Contact the new school'],
    ['nl', '5', 'Er zijn twee mogelijkheden'],
    ['en', '5', 'There are two possibilities'],
  ])('%s: situation %s answers from the same content', async (locale, choice, expected) => {
    const bot = await formsBot({ locale });
    await bot.say('1');
    expect(await bot.sayText(choice)).toContain(expected);
  });

  it('en: in March 2026 it quotes the secondary dates of the data file', async () => {
    const bot = await formsBot({ locale: 'en', clock: new FixedClock(new Date('2026-03-10T10:00:00+01:00')) });
    await bot.say('1');
    const text = await bot.sayText('3');
    expect(text).toContain("You can register ('aanmelden') for school year 2026-2027 from 31 March 2026 at 14:00 until 24 April 2026 at 14:00.");
    expect(text).toContain('You get the result on 18 May 2026 at 12:00.');
  });

  it('nl: in March 2026 the dates are in Dutch', async () => {
    const bot = await formsBot({ locale: 'nl', clock: new FixedClock(new Date('2026-03-10T10:00:00+01:00')) });
    await bot.say('1');
    expect(await bot.sayText('secundair')).toContain('van 31 maart 2026 om 14:00 tot 24 april 2026 om 14:00');
  });

  it('nl: follow-ups "periode gemist" and "resultaat" answer and ask again', async () => {
    const bot = await formsBot({ locale: 'nl' });
    await answer(bot, ['1', '2']);
    const missed = await bot.sayText('2');
    expect(missed).toContain('vrije inschrijvingen');
    expect(missed).toContain('Heeft u nog een vraag?');
    expect(await bot.sayText('3')).toContain('Er zijn twee mogelijkheden');
    const done = await bot.sayText('klaar');
    expect(done).toContain('Veel succes met het aanmelden!');
    expect(done).toContain('Kan ik nog iets voor u doen?');
  });

  it('en: "no computer" offers the laptop form and starts it', async () => {
    const bot = await formsBot({ locale: 'en' });
    await answer(bot, ['1', '3']);
    const text = await bot.sayText('1');
    expect(text).toContain('You can ask for a laptop');
    expect(text).toContain('Would you like to ask for a laptop now?');
    expect(await bot.sayText('yes')).toContain('Who is asking for the laptop?');
  });

  it('nl: "no computer" without the laptop form goes back to the questions', async () => {
    const bot = await formsBot({ locale: 'nl' });
    await answer(bot, ['1', '3', '1']);
    expect(await bot.sayText('nee')).toContain('Heeft u nog een vraag?');
  });

  it.each([
    // The call-back is offered on the next opening days only (issue #17: a declared form, CBK-).
    ['nl', ['Fatima El Amrani', '0470 11 22 33', '4', '3'], 'ja', 'Uw terugbelvraag is genoteerd', 'ar', '2026-11-25T08:00:00.000Z'],
    ['en', ['John Smith', '+32 470 99 88 77', 'English', '1'], 'yes', 'Your call-back request is noted', 'en', '2026-11-23T09:00:00.000Z'],
  ])('%s: books a call-back as a callback case with a CBK reference', async (locale, answers, yes, expected, language, slot) => {
    const bot = await formsBot({ locale });
    await answer(bot, ['1', '2']);
    expect(await bot.sayText('4')).toMatch(/Wat is uw naam\?|What is your name\?/);
    const confirm = await answer(bot, answers);
    expect(confirm).toContain(answers[0]!);
    const text = await bot.sayText(yes);
    expect(text).toContain(expected);
    const reference = /CBK-[0-9A-Z]{5}/.exec(text)?.[0];
    const [record] = await bot.world.caseStore.list({ kind: 'callback' });
    expect(record?.reference).toBe(reference);
    expect(record?.locale).toBe(locale);
    expect(record?.conversationRef).toBeDefined();
    expect(CallbackSchema.parse(record!.data)).toMatchObject({ topic: 'registration-help', situation: 'primary', name: answers[0], language, slot });
    expect(bot.world.handoff.requests).toHaveLength(1);
    expect(bot.world.handoff.requests[0]).toMatchObject({ topic: 'registration-help', reason: 'callback' });
    expect(bot.world.handoff.requests[0]?.formData?.reference).toBe(reference);
  });

  it('nl: a second call-back with the same phone gives the open reference', async () => {
    const bot = await formsBot({ locale: 'nl' });
    await answer(bot, ['1', '2', '4', 'An', '0470 11 22 33', '1', '1']);
    const first = /CBK-[0-9A-Z]{5}/.exec(await bot.sayText('ja'))![0];
    await answer(bot, ['1', '2', '4', 'An', '0470 11 22 33', '1', '2']);
    expect(await bot.sayText('ja')).toContain(`U heeft al een open terugbelvraag: ${first}`);
    expect(await bot.world.caseStore.list()).toHaveLength(1);
    expect(bot.world.handoff.requests).toHaveLength(1);
  });

  it('en: a refused confirmation books nothing', async () => {
    const bot = await formsBot({ locale: 'en' });
    await answer(bot, ['1', '2', '4', 'An', '0470 11 22 33', '1', '1']);
    expect(await bot.sayText('no')).toContain('I will not book a call-back');
    expect(await bot.world.caseStore.list()).toEqual([]);
  });

  it('within opening hours offers a live hand-off to staff', async () => {
    const bot = await formsBot({ locale: 'en' });
    await answer(bot, ['1', '2']);
    expect(await bot.sayText('talk now')).toContain('[handoff registration-help normal asked]');
    expect(bot.world.handoff.requests[0]?.formData).toEqual({ situation: 'primary' });
  });

  it('outside opening hours shows no live option, and "person" books a call-back instead', async () => {
    const bot = await formsBot({ locale: 'nl', clock: new FixedClock(new Date(CLOSED)) });
    await bot.say('1');
    const followUps = await bot.sayText('2');
    expect(followUps).not.toContain('Nu met een medewerker praten');
    const text = await bot.sayText('medewerker');
    expect(text).toContain('Er is nu geen medewerker');
    expect(text).toContain('Wat is uw naam?');
    expect(bot.world.handoff.requests).toEqual([]);
  });

  it('nl: explains an invalid answer, and offers a person after three', async () => {
    const bot = await formsBot({ locale: 'nl' });
    await bot.say('1');
    expect(await bot.sayText('banaan')).toContain('Antwoord met een nummer van 1 tot 5');
    await bot.say('9');
    expect(await bot.sayText('xyz')).toContain('Wilt u met een medewerker praten?');
    expect(await bot.sayText('ja')).toContain('[handoff registration-help normal too-many-invalid]');
  });

  it('en: an invalid phone in the call-back is explained and asked again', async () => {
    const bot = await formsBot({ locale: 'en' });
    await answer(bot, ['1', '2', '4', 'An']);
    expect(await bot.sayText('12345')).toContain('does not look like a Belgian phone number');
    expect(await bot.sayText('0470 11 22 33')).toContain('In which language');
  });

  it('nl: resumes a half-booked call-back after a restart on the same storage, or starts over', async () => {
    const storage = new MemoryStorage();
    const caseStore = new MemoryCaseStore();
    const first = await formsBot({ locale: 'nl', storage, caseStore });
    await answer(first, ['1', '2', '4', 'An']);
    expect(await first.sayText('menu')).toContain('Kan ik nog iets voor u doen?');

    const second = await formsBot({ locale: 'nl', storage, caseStore });
    expect(await second.sayText('1')).toContain('U was al bezig met deze vraag');
    expect(await second.sayText('1')).toContain('Op welk telefoonnummer');
    await answer(second, ['0470 11 22 33', '1', '1']);
    expect(await second.sayText('ja')).toMatch(/CBK-[0-9A-Z]{5}/);
    expect(await caseStore.list()).toHaveLength(1);

    await second.say('menu');
    await answer(second, ['1', '3']);
    await second.say('menu');
    await second.say('1');
    expect(await second.sayText('2')).toContain('Voor welke situatie zoekt u hulp?');
  });
});
