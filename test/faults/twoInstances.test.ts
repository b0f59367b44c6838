import type Redis from 'ioredis';
import { FakeConnector } from '../helpers/fakeConnector';
import { messageActivity, post, startApp, type RunningApp } from '../helpers/appServer';
import { realMessages } from '../helpers/testDeps';
import { startPrivateRedis, type PrivateRedis } from '../helpers/testRedis';
import { createRedisClient } from '../../src/state/redisClient';

const nl = (key: string): string => realMessages().t('nl', key);

describe('two instances on one Redis', () => {
  let server: PrivateRedis;
  const clients: Redis[] = [];
  let a: RunningApp;
  let b: RunningApp;
  const connector = new FakeConnector();

  beforeAll(async () => {
    server = await startPrivateRedis();
    clients.push(createRedisClient(server.url), createRedisClient(server.url));
    a = await startApp({ redis: clients[0], keyPrefix: 'two:' });
    b = await startApp({ redis: clients[1], keyPrefix: 'two:' });
    await connector.start();
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    clients.forEach((c) => c.disconnect());
    await server?.stop();
    await connector.stop();
  });

  it('handles an activity delivered to both (channel retry) once', async () => {
    const activity = messageActivity(connector.url, 'dup-1', 'hallo');
    const statuses = await Promise.all([post(`${a.url}/api/messages`, activity), post(`${b.url}/api/messages`, activity)]);
    expect(statuses.every((s) => s >= 200 && s < 300)).toBe(true);
    await connector.waitFor(() => connector.texts('dup-1').some((t) => t.includes('Waarmee kan ik helpen?')));
    await new Promise((r) => setTimeout(r, 200));
    expect(connector.texts('dup-1').filter((t) => t.includes('Waarmee kan ik helpen?'))).toHaveLength(1);
  });

  it('runs concurrent turns of one conversation one at a time, so no answer is lost', async () => {
    await post(`${a.url}/api/messages`, messageActivity(connector.url, 'race-1', 'hallo'));
    await connector.waitFor(() => connector.texts('race-1').some((t) => t.includes('Waarmee kan ik helpen?')));
    const before = connector.texts('race-1').length;
    // Three invalid menu answers at once, over both instances. The menu counts them and offers a
    // person after the third. botbuilder saves state with eTag '*' (last writer wins), so without
    // the turn lock the turns read the same count and overwrite each other: no offer ever comes.
    const statuses = await Promise.all(
      ['banaan', '99', 'blabla'].map((text, i) => post(`${(i % 2 ? a : b).url}/api/messages`, messageActivity(connector.url, 'race-1', text))),
    );
    expect(statuses.every((s) => s >= 200 && s < 300)).toBe(true);
    const replies = connector.texts('race-1').slice(before);
    expect(replies).not.toContain(nl('errors.generic'));
    expect(replies.filter((t) => t.includes('Wilt u met een medewerker praten?'))).toHaveLength(1);
  });
});
