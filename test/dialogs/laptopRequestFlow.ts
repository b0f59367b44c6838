import { buildMenuForms } from '../../dialogs/forms';
import { BotHarness, type BotHarnessOptions } from '../helpers/botHarness';

/** A bot with the real forms, joined and at the menu. */
export async function laptopBot(options: BotHarnessOptions = {}): Promise<BotHarness> {
  const bot = new BotHarness({ locale: 'nl', forms: buildMenuForms, ...options });
  await bot.join();
  return bot;
}

/** Sends each answer in turn; returns the text of the last turn. */
export async function answer(bot: BotHarness, answers: readonly string[]): Promise<string> {
  let last = '';
  for (const text of answers) last = await bot.sayText(text);
  return last;
}

/** A parent's answers, menu to consent, for a first request in Mechelen with legal residence. */
export const PARENT_GIFT = [
  '2', // menu: laptop
  '1', // parent
  '2800',
  '2', // pupils
  '2, 3', // primary 1-4 and 5-6
  '2', // school device: no
  '2', // computer at home: no
  '1', // internet: yes
  '2', // laptop before: no
  '1', // legal residence: yes
  'Basisschool De Regenboog',
  'Grote Markt',
  '12',
  '0470 12 34 56',
  '3', // ICT help in English
] as const;
