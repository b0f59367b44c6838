import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type Redis from 'ioredis';
import { buildApp } from '../../src/app';
import type { StaffUser } from '../../src/console/staffUsers';
import { loadConfig } from '../../src/config';
import { conversationKey } from '../../src/handoff/conversationKey';
import { silentLogger } from '../../src/logger';
import { createRedisClient } from '../../src/state/redisClient';
import { SECRET, StaffClient, staffAccounts, type EventTap, type Instance } from '../console/helpdeskTestKit';
import { FixedClock } from '../fakes/fixedClock';
import { messageActivity, post } from '../helpers/appServer';
import { FakeConnector } from '../helpers/fakeConnector';
import { startPrivateRedis, type PrivateRedis } from '../helpers/testRedis';
import { LOCALES_DIR, realData } from '../helpers/testDeps';

/** One instance as src/index.ts builds it, with the environment and staff the test gives. */
async function start(env: Record<string, string>, staffUsers: StaffUser[], redis?: Redis, keyPrefix?: string): Promise<Instance> {
  const app = buildApp({
    config: loadConfig({ HELPDESK_SESSION_SECRET: SECRET, ...env }),
    data: realData(),
    logger: silentLogger,
    clock: new FixedClock(),
    localesDir: LOCALES_DIR,
    staffUsers,
    redis,
    keyPrefix,
  });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return { app, url, stop: () => new Promise<void>((resolve) => app.server.close(() => resolve())) };
}

/** Resolves with how long the stream took to end, or rejects after `ms`. */
function ended(tap: EventTap, ms: number): Promise<number> {
  const started = Date.now();
  const request = (tap as unknown as { request: import('node:http').ClientRequest }).request;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('event stream still open')), ms);
    const done = (): void => {
      clearTimeout(timer);
      resolve(Date.now() - started);
    };
    request.once('response', (res) => res.once('end', done));
    request.once('close', done);
  });
}

describe('server-side staff sessions (issue 20)', () => {
  let staff: StaffUser[];
  let dir: string;
  beforeAll(async () => {
    const [ann, bert] = await staffAccounts();
    staff = [ann!, bert!, { ...ann!, username: 'lea', name: 'Lea', teams: ['leerrecht'] }, { ...ann!, username: 'cora', name: 'Cora', role: 'coordinator' }];
    dir = mkdtempSync(path.join(tmpdir(), 'sessions-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should refuse a copied cookie after logout, and close the event stream within 30 s', async () => {
    const instance = await start({}, staff);
    try {
      const ann = new StaffClient(instance.url);
      expect((await ann.login('ann')).status).toBe(200);
      const copy = ann.cookie;
      const tap = await ann.events();
      const closing = ended(tap, 30_000);
      expect((await ann.post('/logout')).status).toBe(200);
      expect(await closing).toBeLessThan(30_000);
      const thief = new StaffClient(instance.url);
      thief.cookie = copy;
      expect((await thief.get('/me')).status).toBe(401);
    } finally {
      await instance.stop();
    }
  });

  it('should send a stream only the events of its member\'s teams', async () => {
    const connector = new FakeConnector();
    await connector.start();
    const instance = await start({}, staff);
    try {
      const clients = Object.fromEntries(
        await Promise.all(['ann', 'lea', 'cora'].map(async (name) => {
          const client = new StaffClient(instance.url);
          expect((await client.login(name)).status).toBe(200);
          return [name, await client.events()] as const;
        })),
      );
      await post(`${instance.url}/api/messages`, messageActivity(connector.url, 'walls-1', 'hallo'));
      await post(`${instance.url}/api/messages`, messageActivity(connector.url, 'walls-1', 'medewerker'));
      const key = conversationKey({ channelId: 'test', conversation: { id: 'walls-1' } as never });
      const about = (e: { data: Record<string, unknown> }) => e.data.id === key;
      await clients.ann!.waitFor(about);
      await clients.cora!.waitFor(about);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(clients.lea!.events.filter(about)).toEqual([]);
      Object.values(clients).forEach((tap) => tap.close());
    } finally {
      await instance.stop();
      await connector.stop();
    }
  });

  it('should end the sessions of a staff member removed from the staff file, and apply a demotion, without a restart', async () => {
    const file = path.join(dir, 'users.json');
    writeFileSync(file, JSON.stringify(staff));
    const instance = await start({ HELPDESK_USERS_FILE: file }, staff);
    try {
      const [bert, cora] = [new StaffClient(instance.url), new StaffClient(instance.url)];
      expect((await bert.login('bert')).status).toBe(200);
      expect((await cora.login('cora')).status).toBe(200);
      expect((await cora.get('/stats')).status).toBe(200);
      const tap = await bert.events();
      const closing = ended(tap, 15_000);
      writeFileSync(file, JSON.stringify(staff.filter((u) => u.username !== 'bert').map((u) => (u.username === 'cora' ? { ...u, role: 'agent' } : u))));
      await closing;
      expect((await bert.get('/me')).status).toBe(401);
      expect((await cora.get('/stats')).status).toBe(403);
    } finally {
      await instance.stop();
    }
  }, 20_000);

  describe('on Redis, across instances', () => {
    let server: PrivateRedis;
    let redis: Redis;
    beforeAll(async () => {
      server = await startPrivateRedis();
      redis = createRedisClient(server.url);
    });
    afterAll(async () => {
      redis.disconnect();
      await server.stop();
    });

    it('should end a session on every instance at logout (stream on the other within 30 s)', async () => {
      const [a, b] = [await start({}, staff, redis, 'sess:'), await start({}, staff, redis, 'sess:')];
      try {
        const onA = new StaffClient(a.url);
        expect((await onA.login('ann')).status).toBe(200);
        const onB = new StaffClient(b.url);
        onB.cookie = onA.cookie;
        onB.csrf = onA.csrf;
        expect((await onB.get('/me')).status).toBe(200);
        const tap = await onB.events();
        const closing = ended(tap, 30_000);
        expect((await onA.post('/logout')).status).toBe(200);
        expect((await onB.get('/me')).status).toBe(401);
        expect(await closing).toBeLessThan(30_000);
      } finally {
        await a.stop();
        await b.stop();
      }
    }, 40_000);

    it('should answer a login while Redis is down with 503 and no Redis text', async () => {
      const own = await startPrivateRedis();
      const client = createRedisClient(own.url);
      const instance = await start({}, staff, client, 'down:');
      try {
        await own.stop();
        const res = await fetch(`${instance.url}/api/helpdesk/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'ann', password: 'x' }) });
        expect(res.status).toBe(503);
        expect(await res.text()).not.toMatch(/redis|ECONNREFUSED|connect|stream/i);
      } finally {
        await instance.stop();
        client.disconnect();
      }
    });
  });

  it('should require HELPDESK_SESSION_SECRET when REDIS_URL is set', () => {
    expect(() => loadConfig({ REDIS_URL: 'redis://127.0.0.1:1/0' })).toThrow(/HELPDESK_SESSION_SECRET: is required when REDIS_URL is set/);
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:1/0', HELPDESK_SESSION_SECRET: SECRET, PII_KEY_SECRET: 'p'.repeat(40) }).REDIS_URL).toBeDefined();
  });
});
