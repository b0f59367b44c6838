import { FakeConnector } from '../helpers/fakeConnector';
import { messageActivity, post } from '../helpers/appServer';
import { realMessages } from '../helpers/testDeps';
import { startPrivateRedis, type PrivateRedis } from '../helpers/testRedis';
import { buildBot, freePort, startBot, type BotProcess } from './botProcess';

const nl = (key: string, vars?: Record<string, unknown>): string => realMessages().t('nl', key, vars);

describe('the compiled bot as a process, on a private Redis', () => {
  let redis: PrivateRedis;
  const connector = new FakeConnector();
  let bot: BotProcess | undefined;

  beforeAll(async () => {
    buildBot();
    redis = await startPrivateRedis();
    await connector.start();
  }, 90_000);
  afterAll(async () => {
    bot?.child.kill('SIGKILL');
    await connector.stop();
    await redis?.stop();
  });

  it('continues a form where the user was after a SIGKILL and a restart', async () => {
    const port = await freePort();
    bot = await startBot(port, redis.url);
    const endpoint = `${bot.url}/api/messages`;
    await post(endpoint, messageActivity(connector.url, 'kill-1', 'hallo'));
    await connector.waitFor(() => connector.texts('kill-1').some((t) => t.includes('Waarmee kan ik helpen?')));
    await post(endpoint, messageActivity(connector.url, 'kill-1', '6'));
    await connector.waitFor(() => connector.texts('kill-1').includes(nl('status.askReference')));

    bot.child.kill('SIGKILL');
    expect(await bot.exited).toBe('SIGKILL');
    bot = await startBot(port, redis.url);

    const before = connector.texts('kill-1').length;
    await post(`${bot.url}/api/messages`, messageActivity(connector.url, 'kill-1', 'LAP-23456'));
    await connector.waitFor(() => connector.texts('kill-1').length > before);
    // The answer to the question asked before the crash, not a fresh welcome.
    expect(connector.texts('kill-1')[before]).toBe(nl('status.notFound', { reference: 'LAP-23456' }));
  }, 40_000);

  it('on SIGTERM finishes the turn in flight, closes Redis and exits 0 within 10 s', async () => {
    bot ??= await startBot(await freePort(), redis.url);
    const running = bot;
    const inFlight = post(`${running.url}/api/messages`, messageActivity(connector.url, 'term-1', 'hallo'));
    await new Promise((r) => setTimeout(r, 20));
    const started = Date.now();
    running.child.kill('SIGTERM');
    expect([200, 201, 202]).toContain(await inFlight);
    const code = await Promise.race([running.exited, new Promise((r) => setTimeout(() => r('timeout'), 10_000))]);
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(connector.texts('term-1').some((t) => t.includes('Waarmee kan ik helpen?'))).toBe(true);
    expect(running.output()).toContain('"msg":"stopped"');
    bot = undefined;
  }, 20_000);
});
