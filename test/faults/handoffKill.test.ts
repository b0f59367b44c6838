import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import argon2 from 'argon2';
import { conversationKey } from '../../src/handoff/conversationKey';
import { messageActivity, post } from '../helpers/appServer';
import { FakeConnector } from '../helpers/fakeConnector';
import { startPrivateRedis, type PrivateRedis } from '../helpers/testRedis';
import { buildBotIfStale, freePort, startBot, type BotProcess } from './botProcess';

const PASSWORD = 'correct horse battery staple';
// A crisis sentence queues at any hour; an ordinary "medewerker" would become a call-back offer
// outside opening hours, and the child process runs on the real clock.
const CRISIS = 'ik wil zelfmoord plegen';
const idOf = (conversation: string): string => conversationKey({ channelId: 'test', conversation: { id: conversation } as never });

/**
 * SIGKILL while a staff member has a conversation: nothing of the hand-off may live only in the
 * process. After a restart on the same Redis the claim, the relay and the waiting line are as
 * they were.
 */
describe('SIGKILL in the middle of a hand-off (compiled bot, private Redis)', () => {
  let redis: PrivateRedis;
  let dir: string;
  let env: Record<string, string>;
  const connector = new FakeConnector();
  let bot: BotProcess | undefined;

  beforeAll(async () => {
    buildBotIfStale();
    redis = await startPrivateRedis();
    await connector.start();
    dir = mkdtempSync(join(tmpdir(), 'handoff-kill-'));
    const passwordHash = await argon2.hash(PASSWORD, { type: argon2.argon2id });
    const users = [{ username: 'ann', name: 'Ann', passwordHash, role: 'agent', teams: ['cmp'], languages: ['nl'] }];
    writeFileSync(join(dir, 'users.json'), JSON.stringify(users));
    // A fixed secret, as in production: sessions signed before the crash stay valid after it.
    env = { HELPDESK_USERS_FILE: join(dir, 'users.json'), HELPDESK_SESSION_SECRET: 'k'.repeat(48) };
  }, 90_000);
  afterAll(async () => {
    bot?.child.kill('SIGKILL');
    await connector.stop();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the claim, the relay to the user and the waiting queue across a SIGKILL and restart', async () => {
    const port = await freePort();
    bot = await startBot(port, redis.url, env);
    const say = (conversation: string, text: string) => post(`${bot!.url}/api/messages`, messageActivity(connector.url, conversation, text));
    for (const conversation of ['kill-claimed', 'kill-waiting']) {
      expect(await say(conversation, 'hallo')).toBe(200);
      expect(await say(conversation, CRISIS)).toBe(200);
    }

    const login = await fetch(`${bot.url}/api/helpdesk/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ann', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const staff = (method: string, path: string, body?: unknown) =>
      fetch(`${bot!.url}/api/helpdesk${path}`, {
        method,
        headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });

    const before = (await (await staff('GET', '/queue')).json()) as { id: string }[];
    expect(before.map((row) => row.id).sort()).toEqual([idOf('kill-claimed'), idOf('kill-waiting')].sort());
    expect((await staff('POST', `/conversations/${idOf('kill-claimed')}/claim`, {})).status).toBe(200);
    await connector.waitFor(() => connector.texts('kill-claimed').some((t) => t.includes('Ann')));

    bot.child.kill('SIGKILL');
    expect(await bot.exited).toBe('SIGKILL');
    bot = await startBot(port, redis.url, env);

    const detail = (await (await staff('GET', `/conversations/${idOf('kill-claimed')}`)).json()) as { state: string; assignee: string };
    expect(detail).toMatchObject({ state: 'staff', assignee: 'ann' });

    expect((await staff('POST', `/conversations/${idOf('kill-claimed')}/messages`, { text: 'Ik ben er nog, blijf bij mij.' })).status).toBe(200);
    await connector.waitFor(() => connector.texts('kill-claimed').includes('Ik ben er nog, blijf bij mij.'));
    // The other way too: the user's next message goes to Ann's transcript, not to the bot.
    expect(await say('kill-claimed', 'oké, dank u')).toBe(200);
    const transcript = ((await (await staff('GET', `/conversations/${idOf('kill-claimed')}`)).json()) as { transcript: { from: string; text: string }[] }).transcript;
    expect(transcript).toEqual(expect.arrayContaining([expect.objectContaining({ from: 'user', text: 'oké, dank u' })]));

    const after = (await (await staff('GET', '/queue')).json()) as { id: string; state: string }[];
    expect(after.map((row) => row.id)).toContain(idOf('kill-waiting'));
    expect(after.find((row) => row.id === idOf('kill-waiting'))?.state).toBe('waiting');
    expect(after.map((row) => row.id)).not.toContain(idOf('kill-claimed'));
  }, 60_000);
});
