import { BotHarness } from '../helpers/botHarness';
import { realData, realMessages } from '../helpers/testDeps';

const messages = realMessages();
const data = realData();
const locales = messages.supported().filter((l) => messages.has(l));

describe('privacy notice', () => {
  it.each(locales)('%s: a short notice at the first conversation, the full one on the privacy word', async (locale) => {
    const bot = new BotHarness({ locale });
    const welcome = (await bot.join()).map((r) => r.text).join('\n');
    expect(welcome).toContain(messages.t(locale, 'welcome.privacyShort'));

    const word = messages.words(locale, 'words.privacy')[0]!;
    const notice = await bot.sayText(word);
    expect(notice).toContain(
      messages.t(locale, 'privacy.notice', { transcriptDays: data.retention.transcriptDays, email: data.helpline.email }),
    );
  });

  it('is not repeated on later turns', async () => {
    const bot = new BotHarness({ locale: 'nl' });
    await bot.join();
    expect(await bot.sayText('menu')).not.toContain(messages.t('nl', 'welcome.privacyShort'));
  });
});
