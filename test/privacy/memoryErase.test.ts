import { conversationKey } from '../../src/handoff/conversationKey';
import { FakeConnector } from '../helpers/fakeConnector';
import { messageActivity, post, startApp, type RunningApp } from '../helpers/appServer';

/** The embedded default (no Redis) must honour "erase my data" as fully as Redis mode does. */
describe('erase my data in memory mode', () => {
  let running: RunningApp;
  const connector = new FakeConnector();

  beforeAll(async () => {
    await connector.start();
    running = await startApp();
  });
  afterAll(async () => {
    await running.stop();
    await connector.stop();
  });

  it('should remove the chat lines kept for staff and the bot state', async () => {
    const say = (text: string) => post(`${running.url}/api/messages`, messageActivity(connector.url, 'erase-mem', text));
    await say('hallo');
    await say('mijn zoon heet Yassin en mijn nummer is 0470123456');
    await connector.waitFor(() => connector.texts('erase-mem').length >= 3);
    const id = conversationKey({ channelId: 'test', conversation: { id: 'erase-mem' } as never });
    const { queue } = running.app.handoff;
    const kept = await queue.takeRecent(id);
    expect(JSON.stringify(kept)).toContain('Yassin');
    await queue.appendRecent(id, kept);

    await say('wis mijn gegevens');
    await say('ja');
    await connector.waitFor(() => connector.texts('erase-mem').some((t) => t.includes('Uw gegevens zijn gewist')));
    await expect(queue.takeRecent(id)).resolves.toEqual([]);
    const state = await running.app.storage.read([`test/conversations/erase-mem`, `test/users/user-erase-mem`]);
    expect(state).toEqual({});
  });
});
