import { MemoryStorage } from 'botbuilder';
import { BotHarness } from '../helpers/botHarness';

describe('MainDialog through the turn pipeline', () => {
  it('welcomes on conversationUpdate in Dutch and shows the numbered menu with buttons', async () => {
    const bot = new BotHarness({ locale: 'nl-BE' });
    const replies = await bot.join();
    expect(replies[0]?.text).toContain('Centraal Meldpunt');
    const menu = replies[1]!;
    expect(menu.text).toContain('Waarmee kan ik helpen?');
    expect(menu.text).toContain('1. Hulp bij aanmelden');
    expect(menu.text).toContain('7. Taal / Language');
    expect(menu.text).toContain('8. Welke hulp kunnen we krijgen?');
    expect(menu.text).toContain('9. Onbetaalde schoolrekeningen (voor scholen)');
    expect(menu.buttons).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('stores no user document for a newcomer who has chosen nothing (one state write per greeting)', async () => {
    const storage = new MemoryStorage();
    const write = jest.spyOn(storage, 'write');
    const bot = new BotHarness({ locale: 'nl-BE', storage });
    await bot.sayText('hallo');
    const writtenKeys = write.mock.calls.flatMap(([changes]) => Object.keys(changes));
    expect(writtenKeys).toEqual([expect.stringContaining('/conversations/')]);
    await bot.sayText('7');
    await bot.sayText('English');
    expect(write.mock.calls.flatMap(([changes]) => Object.keys(changes))).toContainEqual(expect.stringContaining('/users/'));
  });

  it('welcomes on a first message when the channel sent no conversationUpdate', async () => {
    const bot = new BotHarness({ locale: 'en-US' });
    const text = await bot.sayText('hello');
    expect(text).toContain('Central Helpline');
    expect(text).toContain('How can I help?');
  });

  it('asks the language first when the channel locale is not supported, names each in itself', async () => {
    const bot = new BotHarness({ locale: 'xx' });
    const text = (await bot.join()).map((r) => r.text).join('\n');
    expect(text).toContain('Kies uw taal / Choose your language:');
    expect(text).toContain('Nederlands');
    expect(text).toContain('English');
    const after = await bot.sayText('English');
    expect(after).toContain('I will speak English with you now.');
    expect(after).toContain('How can I help?');
  });

  it.each([
    ['nl', '6', 'Wat is uw referentie?'],
    ['nl', 'Mijn aanvraag opvolgen', 'Wat is uw referentie?'],
    ['en', '6', 'What is your reference?'],
    ['en', 'follow up my request', 'What is your reference?'],
  ])('in %s, "%s" selects status', async (locale, answer, expected) => {
    const bot = new BotHarness({ locale });
    await bot.join();
    expect(await bot.sayText(answer)).toContain(expected);
  });

  it('re-asks with a clear hint after an invalid answer, and offers a person after three', async () => {
    const bot = new BotHarness({ locale: 'nl' });
    await bot.join();
    expect(await bot.sayText('banaan')).toContain('Antwoord met een nummer van 1 tot 9');
    await bot.say('99');
    const third = await bot.sayText('blabla');
    expect(third).toContain('Wilt u met een medewerker praten?');
    const handed = await bot.sayText('ja');
    expect(handed).toContain('[handoff general normal too-many-invalid]');
    expect(bot.world.handoff.requests).toHaveLength(1);
  });

  it('understands Arabic-Indic digits as menu numbers', async () => {
    const bot = new BotHarness({ locale: 'en' });
    await bot.join();
    expect(await bot.sayText('٦')).toContain('What is your reference?');
  });

  it('handles global words in the middle of a prompt: help re-asks, menu returns, person hands off', async () => {
    const bot = new BotHarness({ locale: 'nl' });
    await bot.join();
    await bot.say('6');
    const help = await bot.sayText('help');
    expect(help).toContain("'menu', 'stop', 'taal'");
    expect(await bot.sayText('menu')).toContain('Waarmee kan ik helpen?');
    expect(await bot.sayText('ik wil een mens spreken')).toContain('[handoff general normal asked]');
  });

  it('answers "status REF" for an unknown reference without revealing anything', async () => {
    const bot = new BotHarness({ locale: 'en' });
    await bot.join();
    const text = await bot.sayText('status LAP-7K3Q9');
    expect(text).toContain('I cannot find a request with reference LAP-7K3Q9');
    expect(text).toContain('What is your reference?'.slice(0, 0));
  });

  it('switches language mid-conversation with the "language" word of another locale', async () => {
    const bot = new BotHarness({ locale: 'nl' });
    await bot.join();
    const text = await bot.sayText('language');
    expect(text).toContain('Choose your language');
    const switched = await bot.sayText('English');
    expect(switched).toContain('I will speak English with you now.');
    // The menu question the user was at is asked again, now in English.
    expect(switched).toContain('How can I help?');
    expect(await bot.sayText('6')).toContain('What is your reference?');
  });

  it('shows the privacy notice on "privacy" and re-asks the menu', async () => {
    const bot = new BotHarness({ locale: 'en' });
    await bot.join();
    const text = await bot.sayText('privacy');
    expect(text).toContain('national register number');
    expect(text).toContain('How can I help?');
  });
});

describe('offering to switch language', () => {
  it('asks in English when a Dutch user answers the menu with an English sentence, and switches on yes', async () => {
    const bot = new BotHarness({ locale: 'nl' });
    await bot.join();
    const offer = await bot.sayText('I would like to ask for a laptop please');
    expect(offer).toContain('Shall we continue in English?');
    const switched = await bot.sayText('yes');
    expect(switched).toContain('I will speak English with you now.');
    expect(switched).toContain('How can I help?');
  });

  it('does not ask again after a no, and keeps the language', async () => {
    const bot = new BotHarness({ locale: 'nl' });
    await bot.join();
    await bot.say('I would like to ask for a laptop please');
    expect(await bot.sayText('no')).toContain('Waarmee kan ik helpen?');
    expect(await bot.sayText('I would like to ask for a laptop please')).toContain('Dat begreep ik niet');
  });
});

describe('erase my data from the menu', () => {
  it('confirms, erases, says goodbye and does not ask the menu question again', async () => {
    const bot = new BotHarness({ locale: 'nl' });
    await bot.join();
    expect(await bot.sayText('wis mijn gegevens')).toContain('Wilt u echt al uw gegevens');
    const done = await bot.sayText('ja');
    expect(done).toContain('Uw gegevens zijn gewist');
    expect(done).not.toContain('Waarmee kan ik helpen?');
  });
});
