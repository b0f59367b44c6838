import { MemoryStorage } from 'botbuilder';
import { LaptopRequestSchema } from '../../dialogs/laptopRequest/laptopRequest.schema';
import { MemoryCaseStore } from '../../src/cases/memoryCaseStore';
import { answer, laptopBot, PARENT_GIFT } from './laptopRequestFlow';

/** The answers after the menu choice, in English, for a professional asking for a family. */
const PROFESSIONAL_LOAN = [
  '2', // menu: laptop
  '2', // professional
  'CLB Mechelen',
  'Sara Peeters',
  'social worker',
  '015 12 34 56',
  'Sara@Example.be',
  '2801',
  '1',
  '4', // secondary
  '3', // school device: don't know
  'no', // computer at home
  'no', // internet
  'yes', // laptop before
  '4', // residence: rather not say
  'Kerkstraat',
  '7 bus 2',
  '+32 485 11 22 33',
  '1',
] as const;

describe('LaptopRequestDialog', () => {
  it('nl: a parent’s first request becomes a gift advice, is stored with a LAP reference, and its status can be asked', async () => {
    const bot = await laptopBot({ locale: 'nl' });
    const beforeConsent = await answer(bot, PARENT_GIFT);
    expect(beforeConsent).toContain('Soort: geeflaptop (geschenk)');
    expect(beforeConsent).toContain('U betaalt geen waarborg.');
    const done = await bot.sayText('ja');
    const reference = /LAP-[0-9A-Z]{5}/.exec(done)?.[0];
    expect(reference).toBeDefined();
    expect(done).toContain('Kan ik nog iets voor u doen?');

    const [record] = await bot.world.caseStore.list({ kind: 'laptop-request' });
    expect(record).toMatchObject({ reference, status: 'new', locale: 'nl', channelId: 'test' });
    expect(record!.ownerKey).toMatch(/^test:/);
    expect(record!.conversationRef).toMatchObject({ conversation: { id: 'conv-1' }, channelId: 'test' });
    const data = LaptopRequestSchema.parse(record!.data);
    expect(data).toMatchObject({
      requester: 'parent',
      knownBy: 'Basisschool De Regenboog',
      postcode: '2800',
      pupils: 2,
      levels: ['primaryLower', 'primaryUpper'],
      schoolProvidesDevice: 'no',
      internetNeeded: 'yes',
      advice: 'gift',
      street: 'Grote Markt',
      houseNumber: '12',
      phone: '+32470123456',
      ictHelpLanguage: 'en',
      agreementAccepted: true,
    });

    expect(await bot.sayText(`status ${reference!}`)).toContain(`Uw aanvraag ${reference!}: ontvangen`);
    // Another user asking for the same reference learns nothing.
    const stranger = await laptopBot({ locale: 'nl', world: bot.world, userId: 'someone-else', conversationId: 'conv-2' });
    const answerToStranger = await stranger.sayText(`status ${reference!}`);
    expect(answerToStranger).toContain(`Ik vind geen aanvraag met referentie ${reference!}`);
    expect(answerToStranger).not.toContain('ontvangen');
  });

  it('en: a professional’s request records the organisation and becomes a loan advice', async () => {
    const bot = await laptopBot({ locale: 'en' });
    const text = await answer(bot, PROFESSIONAL_LOAN.slice(0, 15));
    expect(text).toContain("It will probably be a loan laptop ('leenlaptop'), because the family has had a laptop before.");
    expect(text).toContain('Where do we bring the laptop?'); // a professional is not asked who knows the family
    await answer(bot, PROFESSIONAL_LOAN.slice(15));
    expect(await bot.sayText('yes')).toMatch(/Your reference is LAP-[0-9A-Z]{5}/);
    const [record] = await bot.world.caseStore.list();
    expect(record!.locale).toBe('en');
    expect(LaptopRequestSchema.parse(record!.data)).toMatchObject({
      requester: 'professional',
      professional: { organisation: 'CLB Mechelen', name: 'Sara Peeters', role: 'social worker', phone: '+3215123456', email: 'sara@example.be' },
      legalResidence: 'ratherNotSay',
      advice: 'loan',
      houseNumber: '7 bus 2',
      phone: '+32485112233',
      ictHelpLanguage: 'nl',
    });
  });

  it('en: "rather not say" about residence gives a loan and never a refusal', async () => {
    const bot = await laptopBot({ locale: 'en' });
    const text = await answer(bot, [...PARENT_GIFT.slice(0, 9), '4']);
    expect(text).toContain('A gift laptop is only possible with confirmed legal residence.');
    expect(text).toContain('Which school or organisation knows your family?');
  });

  it.each([
    ['nl', ['2', '1', '2000'], 'aanbod van de stad Mechelen'],
    ['en', ['2', '1', '2000'], 'offered by the city of Mechelen'],
    ['nl', ['2', '1', '2800', '0'], 'minstens één kind'],
    ['en', ['2', '1', '2800', '1', '4', 'yes'], 'Good that the school already gives a laptop.'],
    ['nl', ['2', '1', '2800', '1', '1', 'ja'], 'gezinnen zonder computer thuis'],
    ['en', ['2', '1', '2800', '1', '1', 'yes'], 'families without a computer at home'],
  ])('%s: not eligible after %j explains kindly and offers a person', async (locale, answers, expected) => {
    const bot = await laptopBot({ locale });
    const text = await answer(bot, answers);
    expect(text).toContain(expected);
    expect(text).toMatch(/Wilt u met een medewerker praten\?|Would you like to talk to a staff member\?/);
    const handed = await bot.sayText('1');
    expect(handed).toContain('[handoff laptop-request normal form]');
    expect(typeof bot.world.handoff.requests[0]?.formData?.notEligible).toBe('string');
    expect(await bot.world.caseStore.list()).toEqual([]);
  });

  it('nl: not eligible and no person wanted ends kindly and shows the menu', async () => {
    const bot = await laptopBot({ locale: 'nl' });
    await answer(bot, ['2', '1', '2800', '1', '1', 'ja']);
    const text = await bot.sayText('nee');
    expect(text).toContain('Veel succes');
    expect(text).toContain('Kan ik nog iets voor u doen?');
  });

  it('explains invalid answers, asks again, and offers a person after three', async () => {
    const bot = await laptopBot({ locale: 'nl' });
    await answer(bot, ['2', '1']);
    expect(await bot.sayText('Mechelen')).toContain('Een Belgische postcode heeft 4 cijfers');
    expect(await bot.sayText('2800')).toContain('Hoeveel kinderen');
    expect(await bot.sayText('veel')).toContain('getal van 0 tot 12');
    await answer(bot, ['2', '1', 'nee', 'nee', 'nee', 'ja', 'Sint-Ursula']);
    expect(await bot.sayText('12')).toContain('Dat lijkt geen straatnaam');
    expect(await bot.sayText('Grote Markt')).toContain('huisnummer');
    expect(await bot.sayText('hier')).toContain('Dat lijkt geen huisnummer');
    await bot.say('12');
    expect(await bot.sayText('123')).toContain('Belgisch telefoonnummer');
    await bot.say('abc');
    expect(await bot.sayText('nog steeds fout')).toContain('Wilt u met een medewerker praten?');
    expect(await bot.sayText('ja')).toContain('[handoff laptop-request normal too-many-invalid]');
    expect(bot.world.handoff.requests[0]?.formData).toMatchObject({ postcode: '2800', street: 'Grote Markt', houseNumber: '12' });
  });

  it('does not send when consent is refused', async () => {
    const bot = await laptopBot({ locale: 'en' });
    await answer(bot, PARENT_GIFT);
    expect(await bot.sayText('no')).toContain('I will not send the request');
    expect(await bot.world.caseStore.list()).toEqual([]);
  });

  it('gives the existing reference for a second request with the same phone or the same address', async () => {
    const bot = await laptopBot({ locale: 'nl' });
    await answer(bot, PARENT_GIFT);
    const first = /LAP-[0-9A-Z]{5}/.exec(await bot.sayText('ja'))![0];

    await answer(bot, PARENT_GIFT);
    expect(await bot.sayText('ja')).toContain(`Er is al een open aanvraag voor dit gezin: ${first}`);

    const otherPhone = [...PARENT_GIFT.slice(0, 13), '0499 99 88 77', '1'];
    await answer(bot, otherPhone);
    expect(await bot.sayText('ja')).toContain(`Er is al een open aanvraag voor dit gezin: ${first}`);

    const otherAddress = [...PARENT_GIFT.slice(0, 11), 'Bruul', '5', '0499 99 88 77', '1'];
    await answer(bot, otherAddress);
    expect(await bot.sayText('ja')).not.toContain(first);
    expect(await bot.world.caseStore.list()).toHaveLength(2);
  });

  it('en: after "menu" the form resumes where it was, or starts over', async () => {
    const bot = await laptopBot({ locale: 'en' });
    await answer(bot, ['2', '1', '2800', '2']);
    expect(await bot.sayText('menu')).toContain('Can I help you with anything else?');
    expect(await bot.sayText('2')).toContain('You had already started this');
    const resumed = await bot.sayText('1');
    expect(resumed).toContain('Which school level are they in?');
    await bot.say('menu');
    await bot.say('2');
    expect(await bot.sayText('2')).toContain('Who is asking for the laptop?');
  });

  it('nl: resumes after a restart (new adapter, same storage and case store) and completes the request', async () => {
    const storage = new MemoryStorage();
    const caseStore = new MemoryCaseStore();
    const first = await laptopBot({ locale: 'nl', storage, caseStore });
    await answer(first, PARENT_GIFT.slice(0, 8));
    await first.say('menu');

    const second = await laptopBot({ locale: 'nl', storage, caseStore });
    expect(await second.sayText('2')).toContain('U was al bezig met deze vraag');
    expect(await second.sayText('1')).toContain('Kreeg het gezin al eens een laptop');
    await answer(second, PARENT_GIFT.slice(8));
    expect(await second.sayText('ja')).toMatch(/Uw referentie is LAP-/);
    expect(await caseStore.list({ kind: 'laptop-request' })).toHaveLength(1);
  });

  it('nl: "help" inside the form explains and asks the same question again', async () => {
    const bot = await laptopBot({ locale: 'nl' });
    await answer(bot, ['2', '1']);
    const text = await bot.sayText('help');
    expect(text).toContain('Ik noteer een aanvraag voor een laptop');
    expect(text).toContain('Wat is de postcode van het gezin?');
  });
});
