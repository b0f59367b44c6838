import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeText } from '../../src/i18n/normalize';
import {
  CRISIS_CATEGORIES,
  detectCrisis,
  type CrisisCategory,
  type CrisisWordList,
} from '../../src/safety/crisisDetector';
import { CrisisInterceptor } from '../../src/safety/crisisInterceptor';
import { BotHarness } from '../helpers/botHarness';
import { LOCALES_DIR, makeTestWorld, realData } from '../helpers/testDeps';
import { CRISIS_LOCALE_CASES } from './crisisLocaleCases';

function localeJson(
  locale: string,
): { crisis: { words: Record<CrisisCategory, string[]> } } & Record<string, unknown> {
  return JSON.parse(readFileSync(join(LOCALES_DIR, `${locale}.json`), 'utf8')) as never;
}
/** The word lists straight from the locale files, as the interceptor reads them. */
const listOf = (locale: string): CrisisWordList => localeJson(locale).crisis.words;

/** Every word list outside the crisis block (yes/no, scale words, menu words…): answers, never alarms. */
function ownAnswerWords(locale: string): string[] {
  const out: string[] = [];
  const visit = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      if (!path.startsWith('crisis.')) out.push(...node.map(String));
      return;
    }
    if (node && typeof node === 'object')
      for (const [k, v] of Object.entries(node)) visit(v, path ? `${path}.${k}` : k);
  };
  visit(localeJson(locale), '');
  return out;
}

/** A user of the locale with the crisis layer in front, as `src/app.ts` wires it. */
async function botWithCrisisLayer(locale: string): Promise<BotHarness> {
  const data = realData();
  if (!data.locales.supported.includes(locale)) data.locales.supported.push(locale);
  const world = makeTestWorld({ data });
  const bot = new BotHarness({
    world,
    locale,
    interceptors: [
      new CrisisInterceptor(world.deps.messages, world.data.crisisLines, world.handoff),
    ],
  });
  await bot.join();
  return bot;
}

describe.each(CRISIS_LOCALE_CASES)('crisis words in $language ($locale)', (c) => {
  const own = listOf(c.locale);
  /** What the interceptor checks for a user of this locale: its own list, then Dutch and English. */
  const lists = [own, listOf('nl'), listOf('en')];
  const positives = CRISIS_CATEGORIES.flatMap((category) =>
    c.positives[category].map((text): [string, CrisisCategory] => [text, category]),
  );

  it.each(positives)('finds "%s" as %s', (text, category) => {
    expect(detectCrisis(text, lists)).toBe(category);
  });

  it.each([...c.negatives])('leaves "%s" alone', (text) => {
    expect(detectCrisis(text, lists)).toBeUndefined();
  });

  it('has a list of more than three phrases for every category', () => {
    for (const category of CRISIS_CATEGORIES) expect(own[category]?.length).toBeGreaterThan(3);
  });

  it(`never matches any negative example with any single phrase of the ${c.language} list`, () => {
    for (const text of c.negatives) {
      for (const category of CRISIS_CATEGORIES) {
        for (const phrase of own[category] ?? []) {
          expect([text, phrase, detectCrisis(text, [{ [category]: [phrase] }])]).toEqual([
            text,
            phrase,
            undefined,
          ]);
        }
      }
    }
  });

  it(`never takes a word of the ${c.language} answer lists (yes, no, never, always…) for a crisis`, () => {
    const words = ownAnswerWords(c.locale);
    expect(words.length).toBeGreaterThan(50);
    expect(words.filter((w) => normalizeText(w) && detectCrisis(w, lists))).toEqual([]);
  });

  it(`answers a ${c.language}-speaking user at once, in ${c.language}, with the lines and numbers`, async () => {
    const bot = await botWithCrisisLayer(c.locale);
    for (const [index, [text, ...expected]] of c.pipeline.entries()) {
      const reply = await bot.sayText(text);
      for (const fragment of expected) expect(reply).toContain(fragment);
      // The first crisis message hands the conversation off, once.
      if (index === 0)
        expect(bot.world.handoff.requests).toEqual([
          expect.objectContaining({ topic: 'crisis', priority: 'crisis', reason: 'crisis' }),
        ]);
    }
  });

  it(`lets a ${c.language} idiom through to the dialogs without a hand-off`, async () => {
    const bot = await botWithCrisisLayer(c.locale);
    expect(await bot.sayText(c.idiom)).not.toContain('1813');
    expect(bot.world.handoff.requests).toHaveLength(0);
  });
});
