import { Agent, request } from 'node:http';
import type { Socket } from 'node:net';
import { FakeConnector } from '../helpers/fakeConnector';
import { messageActivity, post, startApp, type RunningApp } from '../helpers/appServer';
import { createRedisClient } from '../../src/state/redisClient';
import { startPrivateRedis } from '../helpers/testRedis';

describe('HTTP surface (memory mode)', () => {
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

  it('answers a message posted to /api/messages at the fake connector, in Dutch', async () => {
    const status = await post(`${running.url}/api/messages`, messageActivity(connector.url, 'http-1', 'hallo'));
    expect([200, 201, 202]).toContain(status);
    await connector.waitFor(() => connector.texts('http-1').some((t) => t.includes('Waarmee kan ik helpen?')));
    expect(connector.texts('http-1')[0]).toContain('Centraal Meldpunt');
  });

  it('handles the same activity id only once (channel retries)', async () => {
    const activity = messageActivity(connector.url, 'http-2', 'hallo');
    await post(`${running.url}/api/messages`, activity);
    await connector.waitFor(() => connector.texts('http-2').length >= 2);
    const count = connector.texts('http-2').length;
    await post(`${running.url}/api/messages`, activity);
    await post(`${running.url}/api/messages`, messageActivity(connector.url, 'http-2', '6'));
    await connector.waitFor(() => connector.texts('http-2').some((t) => t.includes('referentie')));
    expect(connector.texts('http-2').length).toBe(count + 1);
  });

  it('answers 400 to malformed JSON and to a body that is not an activity', async () => {
    expect(await post(`${running.url}/api/messages`, '{"type": "message",', true)).toBe(400);
    expect(await post(`${running.url}/api/messages`, { hello: 'world' })).toBe(400);
    expect(await post(`${running.url}/api/messages`, { type: 'message', text: 'no conversation' })).toBe(400);
  });

  it('answers an invoke with 200 and a message with string timestamps as usual', async () => {
    const invoke = { ...messageActivity(connector.url, 'http-4', ''), type: 'invoke', name: 'unknown/test' };
    expect(await post(`${running.url}/api/messages`, invoke)).toBe(200);
    const stamped = messageActivity(connector.url, 'http-5', 'hallo', { timestamp: '2026-12-02T10:00:00.000Z', localTimestamp: '2026-12-02T11:00:00.000+01:00' });
    expect([200, 201, 202]).toContain(await post(`${running.url}/api/messages`, stamped));
    await connector.waitFor(() => connector.texts('http-5').some((t) => t.includes('Waarmee kan ik helpen?')));
  });

  it('answers 413 to a body over the limit', async () => {
    const huge = messageActivity(connector.url, 'http-3', 'x'.repeat(400 * 1024));
    expect(await post(`${running.url}/api/messages`, huge)).toBe(413);
  });

  it('reports the memory store on /healthz', async () => {
    const response = await fetch(`${running.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', store: 'memory' });
  });

  it('keeps an idle keep-alive connection open past Node\'s 5-second default (channels reuse theirs)', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const get = (): Promise<Socket> =>
      new Promise((resolve, reject) => {
        const req = request(`${running.url}/healthz`, { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(req.socket as Socket));
        });
        req.on('error', reject);
        req.end();
      });
    try {
      const first = await get();
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      expect(first.destroyed).toBe(false);
      expect(await get()).toBe(first);
    } finally {
      agent.destroy();
    }
  }, 15_000);

  it('serves the browser chat page at /', async () => {
    const response = await fetch(`${running.url}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('webchat');
  });
});

describe('/healthz in Redis mode', () => {
  it('answers 503 when Redis is gone and 200 when it is back', async () => {
    const server = await startPrivateRedis();
    const redis = createRedisClient(server.url);
    const running = await startApp({ redis, keyPrefix: 'health:' });
    try {
      expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
      await server.stop();
      const down = await fetch(`${running.url}/healthz`);
      expect(down.status).toBe(503);
      expect(await down.json()).toEqual({ status: 'unavailable', store: 'redis' });
      await server.restart();
      let status = 0;
      for (let i = 0; i < 50 && status !== 200; i += 1) {
        status = (await fetch(`${running.url}/healthz`)).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 100));
      }
      expect(status).toBe(200);
    } finally {
      await running.stop();
      redis.disconnect();
      await server.stop();
    }
  });
});
