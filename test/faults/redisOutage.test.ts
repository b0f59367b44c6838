import { FakeConnector } from '../helpers/fakeConnector';
import { messageActivity, post, startApp, type RunningApp } from '../helpers/appServer';
import { realMessages } from '../helpers/testDeps';
import { startPrivateRedis, type PrivateRedis } from '../helpers/testRedis';
import { createRedisClient } from '../../src/state/redisClient';
import type Redis from 'ioredis';

const nl = (key: string): string => realMessages().t('nl', key);

describe('Redis goes away and comes back', () => {
  let server: PrivateRedis;
  let redis: Redis;
  let running: RunningApp;
  const connector = new FakeConnector();

  beforeAll(async () => {
    server = await startPrivateRedis();
    redis = createRedisClient(server.url);
    running = await startApp({ redis, keyPrefix: 'outage:' });
    await connector.start();
  });
  afterAll(async () => {
    await running?.stop();
    redis?.disconnect();
    await server?.stop();
    await connector.stop();
  });

  it('tells the user about a technical problem quickly, reports 503, and recovers by itself', async () => {
    const endpoint = `${running.url}/api/messages`;
    await post(endpoint, messageActivity(connector.url, 'out-1', 'hallo'));
    await connector.waitFor(() => connector.texts('out-1').some((t) => t.includes('Waarmee kan ik helpen?')));

    await server.stop();
    const started = Date.now();
    const status = await post(endpoint, messageActivity(connector.url, 'out-1', '6'));
    await connector.waitFor(() => connector.texts('out-1').includes(nl('errors.storeDown')), 8_000);
    // Bounded by the client's 2 s command timeout, not hanging until Redis returns.
    expect(Date.now() - started).toBeLessThan(6_000);
    expect(status).toBeLessThan(600);
    expect((await fetch(`${running.url}/healthz`)).status).toBe(503);

    await server.restart();
    let healthy = 0;
    for (let i = 0; i < 60 && healthy !== 200; i += 1) {
      healthy = (await fetch(`${running.url}/healthz`)).status;
      if (healthy !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(healthy).toBe(200);
    // The restarted test Redis is empty (no AOF here), so the bot greets anew: it works again.
    await post(endpoint, messageActivity(connector.url, 'out-2', 'hallo'));
    await connector.waitFor(() => connector.texts('out-2').some((t) => t.includes('Waarmee kan ik helpen?')));
  }, 30_000);
});
