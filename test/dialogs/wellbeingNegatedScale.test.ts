import { answer, laptopBot } from './laptopRequestFlow';

/**
 * Issue #16: a pupil who answered "not often" to every statement was told the weeks "went fairly
 * well" and offered no one. Negated answers now count by their meaning.
 */
const WELLBEING = '4';
const AGE_13_TO_15 = '2';

const NOTHING_TO_TELL: Record<string, string> = { nl: 'nee', en: 'no', fr: 'non' };

async function checkIn(locale: string, scaleAnswer: string): Promise<string> {
  const bot = await laptopBot({ locale });
  await answer(bot, [WELLBEING, AGE_13_TO_15]);
  // Seven scored statements and the extra one, then gender, place, no message, keep: no.
  return answer(bot, [...Array<string>(8).fill(scaleAnswer), '2', '1', NOTHING_TO_TELL[locale]!, '2']);
}

describe('wellbeing check-in answered with negations', () => {
  it.each([
    ['nl', 'niet vaak', 'Nu met iemand van ons praten'],
    ['en', 'not often', 'Talk to one of us now'],
    ['fr', 'pas souvent', "Parler maintenant avec quelqu'un de chez nous"],
  ])('%s "%s" seven times lands in the low band and offers a person', async (locale, scaleAnswer, talkNow) => {
    expect(await checkIn(locale, scaleAnswer)).toContain(talkNow);
  });

  it.each([
    ['nl', 'vaak', 'Nu met iemand van ons praten'],
    ['en', 'often', 'Talk to one of us now'],
    ['fr', 'souvent', "Parler maintenant avec quelqu'un de chez nous"],
  ])('%s "%s" seven times does not', async (locale, scaleAnswer, talkNow) => {
    expect(await checkIn(locale, scaleAnswer)).not.toContain(talkNow);
  });

  it('nl "niet altijd" is debatable: asked again, never rounded', async () => {
    const bot = await laptopBot({ locale: 'nl' });
    await answer(bot, [WELLBEING, AGE_13_TO_15]);
    const reply = await bot.sayText('niet altijd');
    expect(reply).toContain('Dat begreep ik niet');
    expect(reply).toContain('1/8');
  });
});
