import { CrisisInterceptor } from '../../src/safety/crisisInterceptor';
import { BotHarness } from '../helpers/botHarness';
import { makeTestWorld } from '../helpers/testDeps';

/** The whole pipeline with the crisis layer in front, as `src/app.ts` wires it. */
function botWithCrisisLayer(locale: string): BotHarness {
  const world = makeTestWorld();
  const crisis = new CrisisInterceptor(world.deps.messages, world.data.crisisLines, world.handoff);
  return new BotHarness({ world, locale, interceptors: [crisis] });
}

describe('CrisisInterceptor in the turn pipeline', () => {
  it.each([
    ['nl', 'ik wil dood', ['1813', 'dag en nacht', 'Awel op 102', 'Tele-Onthaal op 106']],
    ['nl', 'mijn papa slaat mij', ['1712', '101', '112']],
    ['nl', 'hij heeft een mes', ['112', '101']],
    ['nl', 'mijn dochter is vermist', ['116 000']],
    ['nl', 'ik snijd mezelf', ['1813', '112']],
    ['en', 'I want to kill myself', ['1813', 'day and night', 'Awel on 102']],
    ['en', 'my dad hits me', ['1712']],
    ['en', 'someone is blackmailing me with nudes', ['116 000']],
    ['en', 'ik wil dood', ['1813', 'Zelfmoordlijn']],
  ])('in %s, "%s" answers at once with the fitting lines', async (locale, text, expected) => {
    const bot = botWithCrisisLayer(locale);
    await bot.join();
    const reply = await bot.sayText(text);
    for (const line of expected) expect(reply).toContain(line);
    expect(bot.world.handoff.requests).toEqual([
      expect.objectContaining({ topic: 'crisis', priority: 'crisis', reason: 'crisis' }),
    ]);
  });

  it('answers outside opening hours too, without depending on staff', async () => {
    const bot = botWithCrisisLayer('nl');
    bot.world.clock.set('2026-11-23T23:30:00+01:00');
    await bot.join();
    expect(await bot.sayText('ik denk aan zelfmoord')).toContain('1813');
  });

  it('does not treat the message as an answer: the menu is still waiting afterwards', async () => {
    const bot = botWithCrisisLayer('nl');
    await bot.join();
    const reply = await bot.sayText('ik wil niet meer leven');
    expect(reply).toContain('typ je antwoord opnieuw');
    expect(reply).not.toContain('Dat begreep ik niet');
    expect(await bot.sayText('6')).toContain('Wat is uw referentie?');
  });

  it.each([
    ['nl', 'ik ben doodmoe'],
    ['en', 'this homework is killing me'],
    ['en', 'je meurs de faim'],
  ])('in %s, lets "%s" through to the dialogs', async (locale, text) => {
    const bot = botWithCrisisLayer(locale);
    await bot.join();
    const reply = await bot.sayText(text);
    expect(reply).not.toContain('1813');
    expect(bot.world.handoff.requests).toHaveLength(0);
  });

  it('ignores activities that are not messages', async () => {
    const world = makeTestWorld();
    const crisis = new CrisisInterceptor(world.deps.messages, world.data.crisisLines, world.handoff);
    const bot = new BotHarness({ world, locale: 'nl', interceptors: [crisis] });
    await bot.send({ type: 'conversationUpdate', membersAdded: [{ id: 'user-1', name: 'ik wil dood' }] });
    expect(world.handoff.requests).toHaveLength(0);
  });
});
