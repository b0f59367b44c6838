import { FakeConnector } from '../helpers/fakeConnector';
import { messageActivity, post, startApp, type RunningApp } from '../helpers/appServer';
import { realData, realMessages } from '../helpers/testDeps';

const limits = realData().limits;
const nl = (key: string, vars?: Record<string, unknown>): string => realMessages().t('nl', key, vars);

describe('abuse limits at /api/messages (memory mode)', () => {
  let running: RunningApp;
  const connector = new FakeConnector();
  const endpoint = (): string => `${running.url}/api/messages`;

  beforeAll(async () => {
    await connector.start();
    running = await startApp();
  });
  afterAll(async () => {
    await running?.stop();
    await connector.stop();
  });

  it('cuts a message over the limit, says so politely, and still answers the cut text', async () => {
    const text = '😀'.repeat(limits.maxMessageChars + 500);
    expect(await post(endpoint(), messageActivity(connector.url, 'lim-long', text))).toBe(200);
    const texts = connector.texts('lim-long');
    expect(texts).toContain(nl('limits.tooLong', { maxChars: limits.maxMessageChars }));
    // The turn went on: the welcome and the menu follow the note.
    expect(texts.some((t) => t.includes('Waarmee kan ik helpen?'))).toBe(true);
  });

  it('says "slow down" once when a conversation sends more than the per-minute limit, then drops', async () => {
    for (let i = 0; i < limits.messagesPerMinute; i += 1) {
      expect(await post(endpoint(), messageActivity(connector.url, 'lim-rate', 'menu'))).toBe(200);
    }
    const before = connector.texts('lim-rate').length;
    expect(connector.texts('lim-rate')).not.toContain(nl('limits.slowDown'));
    for (let i = 0; i < 5; i += 1) {
      expect(await post(endpoint(), messageActivity(connector.url, 'lim-rate', 'menu'))).toBe(200);
    }
    expect(connector.texts('lim-rate').slice(before)).toEqual([nl('limits.slowDown')]);
    // Other conversations are not affected.
    await post(endpoint(), messageActivity(connector.url, 'lim-other', 'hallo'));
    expect(connector.texts('lim-other').some((t) => t.includes('Waarmee kan ik helpen?'))).toBe(true);
  });

  it('answers an attachment politely that it cannot be handled yet', async () => {
    const activity = messageActivity(connector.url, 'lim-file', '', {
      attachments: [{ contentType: 'image/png', contentUrl: 'https://example.invalid/a.png', name: 'a.png' }],
    });
    expect(await post(endpoint(), activity)).toBe(200);
    expect(connector.texts('lim-file')).toEqual([nl('limits.attachment')]);
  });

  it('ignores unknown activity types with 200 and no reply', async () => {
    for (const type of ['fooBar', 'typing', 'messageReaction', 'endOfConversation', 'installationUpdate']) {
      const activity = { ...messageActivity(connector.url, 'lim-types', ''), type };
      expect(await post(endpoint(), activity)).toBe(200);
    }
    expect(connector.received.filter((r) => r.conversationId === 'lim-types')).toEqual([]);
  });

  it('refuses a body over the data file limit with 413', async () => {
    const huge = messageActivity(connector.url, 'lim-huge', 'x'.repeat(limits.maxBodyBytes + 1));
    expect(await post(endpoint(), huge)).toBe(413);
    expect(connector.texts('lim-huge')).toEqual([]);
  });
});
