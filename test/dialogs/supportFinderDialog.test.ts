import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { buildMenuForms } from '../../dialogs/forms';
import { LaptopRequestDialog } from '../../dialogs/laptopRequest/laptopRequestDialog';
import type { FormOutcome } from '../../dialogs/shared/formOutcome';
import { SupportFinderDialog, type PrefillOptions } from '../../dialogs/supportFinder/supportFinderDialog';
import { BotHarness } from '../helpers/botHarness';

/** Menu option 8: "What help can we get?". */
const FINDER_OPTION = '8';

/** Stands in for a form: records the begin options it got and ends at once. */
class RecordingForm extends Dialog {
  readonly begun: PrefillOptions[] = [];
  override async beginDialog(dc: DialogContext, options?: PrefillOptions): Promise<DialogTurnResult> {
    this.begun.push(options!);
    await dc.context.sendActivity(`[${this.id} started]`);
    return dc.endDialog({ outcome: 'completed', reference: 'LAP-TEST2' } satisfies FormOutcome);
  }
}

function finderBot(locale: string): { bot: BotHarness; laptop: RecordingForm } {
  const laptop = new RecordingForm('laptopRequestDialog');
  const bot = new BotHarness({ locale, forms: (deps) => ({ support: new SupportFinderDialog(deps, { laptop }) }) });
  return { bot, laptop };
}

async function walk(bot: BotHarness, answers: string[]): Promise<string[]> {
  const texts: string[] = [];
  for (const answer of answers) texts.push(await bot.sayText(answer));
  return texts;
}

describe('SupportFinderDialog', () => {
  it('in Dutch: every question can be skipped, then everything that may fit is shown and nothing is kept', async () => {
    const { bot } = finderBot('nl');
    await bot.join();
    const first = await bot.sayText(FINDER_OPTION);
    expect(first).toContain('Ik bewaar uw antwoorden niet');
    expect(first).toContain('Wat is uw postcode?');
    expect(first).toContain('1. 2800 (Mechelen)');
    expect(first).toContain('6. Zeg ik liever niet');
    // Skip by number and by words, one of each kind of question.
    const replies = await walk(bot, ['6', 'zeg ik liever niet', '5', '4', 'liever niet zeggen', '3', 'zeg ik liever niet']);
    expect(replies[0]).toContain('In welk onderwijs zitten uw kinderen?');
    expect(replies[1]).toContain('computer (laptop of pc) en internet');
    expect(replies[2]).toContain('schoolrekeningen');
    expect(replies[3]).toContain('schooltoeslag');
    expect(replies[4]).toContain('huiswerk');
    expect(replies[5]).toContain('zorgen');
    const results = replies[6]!;
    expect(results).toContain('Dit kan bij uw situatie passen:');
    expect(results).toContain('Laptop voor thuis');
    expect(results).toContain('u kunt dit meteen hier in de chat aanvragen');
    expect(results).toContain('Past misschien');
    expect(results).toContain('Let op: informatie van schooljaar 2020-2021');
    expect(results).toContain('Awel');
    expect(results).toContain('Bel 102 of ga naar https://www.awel.be.');
    expect(results).toContain('Laptop voor thuis (geef- of leenlaptop) aanvragen');
    expect(results).toContain('Nu chatten met een medewerker');
    expect(results).toContain('Laten terugbellen');

    expect(await bot.sayText('Niets meer, bedankt')).toContain('Uw antwoorden heb ik niet bewaard.');
    expect(await bot.world.caseStore.list()).toEqual([]);
    expect(bot.world.handoff.requests).toEqual([]);
  });

  it('in English: a family without a computer sees the laptop first and jumps into the laptop form with its answers', async () => {
    const { bot, laptop } = finderBot('en');
    await bot.join();
    await bot.say(FINDER_OPTION);
    const replies = await walk(bot, ['3', '2,4', 'Neither', 'no', "I don't know", 'no', 'no']);
    const results = replies[6]!;
    expect(results).toContain('This may fit your situation:');
    expect(results.indexOf('1. A laptop for home')).toBeGreaterThan(-1);
    expect(results).toContain('Digibank Mechelen');
    expect(results).toContain('Sociaal Huis, Huis van de Mechelaar');
    expect(results).toContain('School allowance');
    expect(results).not.toContain('Awel');
    expect(results).not.toContain('May fit');
    expect(results).toContain('1. Ask for: A laptop for home (gift or loan laptop)');

    expect(await bot.sayText('1')).toContain('[laptopRequestDialog started]');
    expect(laptop.begun).toEqual([
      { prefill: { postcode: '2811', levels: ['primaryLower', 'secondary'], computerAtHome: 'no', internetNeeded: 'yes' } },
    ]);
  });

  it('passes only what was answered to the form (skipped questions are asked there)', async () => {
    const { bot, laptop } = finderBot('en');
    await bot.join();
    await bot.say(FINDER_OPTION);
    await walk(bot, ["I'd rather not say", '5', '3', '4', '4', '3', '3']);
    await bot.say('1');
    expect(laptop.begun).toEqual([{ prefill: { computerAtHome: 'no', internetNeeded: 'no' } }]);
  });

  it('a call-back hands the answers to staff, with the name and number given', async () => {
    const { bot } = finderBot('en');
    await bot.join();
    await bot.say(FINDER_OPTION);
    await walk(bot, ['1', '4', '1', 'yes', 'no', 'no', 'yes']);
    expect(await bot.sayText('Have someone call me back')).toContain('What is your first name?');
    expect(await bot.sayText('Samira')).toContain('call you back');
    expect(await bot.sayText('0470 11 22 33')).toContain('[handoff general normal callback]');
    expect(bot.world.handoff.requests[0]?.formData).toEqual({
      supportFinder: { municipality: 'mechelen', levels: ['secondary'], computerAtHome: 'yes', internetAtHome: 'yes', unpaidBills: 'yes', allowance: 'no', studyHelp: 'no', worries: 'yes' },
      firstName: 'Samira',
      phone: '+32470112233',
    });
  });

  it('a chat with a person now carries no answers', async () => {
    const { bot } = finderBot('nl');
    await bot.join();
    await bot.say(FINDER_OPTION);
    await walk(bot, ['1', '4', '1', 'nee', 'ja', 'nee', 'ja']);
    expect(await bot.sayText('Nu chatten met een medewerker')).toContain('[handoff general normal asked]');
    expect(bot.world.handoff.requests[0]?.formData).toBeUndefined();
  });

  it('"menu" in the middle leaves without a draft: the next start asks from the beginning', async () => {
    const { bot } = finderBot('nl');
    await bot.join();
    await bot.say(FINDER_OPTION);
    await walk(bot, ['1', '4']);
    expect(await bot.sayText('menu')).toContain('Kan ik nog iets voor u doen?');
    const again = await bot.sayText(FINDER_OPTION);
    expect(again).not.toContain('verdergaan waar u was');
    expect(again).toContain('Wat is uw postcode?');
  });

  it('says when nothing fits and still offers a person', async () => {
    const { bot } = finderBot('en');
    await bot.join();
    await bot.say(FINDER_OPTION);
    const replies = await walk(bot, ['5', '2', '1', 'no', 'yes', 'no', 'no']);
    expect(replies[6]).toContain('I found no scheme that fits your answers.');
    expect(replies[6]).toContain('1. Chat with a staff member now');
  });
});

describe('SupportFinderDialog with the real laptop form', () => {
  it('jumps into the laptop form, which skips postcode, levels, computer and internet', async () => {
    const bot = new BotHarness({
      locale: 'en',
      forms: (deps) => ({ support: new SupportFinderDialog(deps, { laptop: new LaptopRequestDialog(deps) }) }),
    });
    await bot.join();
    await bot.say(FINDER_OPTION);
    await walk(bot, ['3', '4', 'Neither', 'no', 'yes', 'no', 'no']);
    expect(await bot.sayText('1')).toContain('Who is asking for the laptop?');
    const afterRequester = await bot.sayText('1');
    expect(afterRequester).not.toContain("What is the family's postcode?");
    expect(afterRequester).toContain('How many children in the family go to school?');
    const afterPupils = await bot.sayText('2');
    expect(afterPupils).not.toContain('Which school level are they in?');
    expect(afterPupils).toContain('Does the school already give your child a laptop?');
    const afterDevice = await bot.sayText('no');
    expect(afterDevice).not.toContain('Is there a computer or laptop at home?');
    expect(afterDevice).not.toContain('Does the family also need internet?');
    expect(afterDevice).toContain('Has the family had a laptop from the city of Mechelen before?');
  });
});

describe('SupportFinderDialog as wired in the menu (buildMenuForms)', () => {
  it('in English: skips every question with the words, offers both forms, and starts registration help', async () => {
    const bot = new BotHarness({ locale: 'en', forms: buildMenuForms });
    await bot.join();
    expect(await bot.sayText('What help can we get?')).toContain('What is your postcode?');
    const skip = "I'd rather not say";
    const replies = await walk(bot, [skip, skip, skip, skip, skip, skip, skip]);
    const results = replies[6]!;
    expect(results.match(/May fit: it depends on a question you skipped\./g)).toHaveLength(8);
    expect(results).toContain('Ask for: A laptop for home (gift or loan laptop)');
    expect(results).toContain('Ask for: Help with registering (aanmelden) at a new school');
    expect(await bot.sayText('Ask for: Help with registering (aanmelden) at a new school')).toContain('Which situation do you need help with?');
  });
});
