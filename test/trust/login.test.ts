import type { AddressInfo } from 'node:net';
import { buildApp } from '../../src/app';
import { clientAddress } from '../../src/console/clientAddress';
import { LoginLimiter } from '../../src/console/loginLimiter';
import type { StaffUser } from '../../src/console/staffUsers';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/logger';
import { PASSWORD, SECRET, staffAccounts, type Instance } from '../console/helpdeskTestKit';
import { FixedClock } from '../fakes/fixedClock';
import { LOCALES_DIR, realData } from '../helpers/testDeps';

async function start(env: Record<string, string>, staffUsers: StaffUser[]): Promise<Instance> {
  const app = buildApp({ config: loadConfig({ HELPDESK_SESSION_SECRET: SECRET, ...env }), data: realData(), logger: silentLogger, clock: new FixedClock(), localesDir: LOCALES_DIR, staffUsers });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return { app, url, stop: () => new Promise<void>((resolve) => app.server.close(() => resolve())) };
}

const login = async (url: string, username: string, password: string, forwardedFor?: string): Promise<Response> => {
  const res = await fetch(`${url}/api/helpdesk/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
    body: JSON.stringify({ username, password }),
  });
  await res.clone().arrayBuffer();
  return res;
};

describe('login throttling (issue 20)', () => {
  let staff: StaffUser[];
  beforeAll(async () => {
    staff = await staffAccounts();
  });

  it('should throttle one address spraying wrong passwords across many usernames', async () => {
    const instance = await start({}, staff);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 22; i += 1) statuses.push((await login(instance.url, `user${i}`, 'guess')).status);
      expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(20)).toEqual([429, 429]);
      // X-Forwarded-For from an untrusted client changes nothing.
      expect((await login(instance.url, 'user99', 'guess', '203.0.113.9')).status).toBe(429);
    } finally {
      await instance.stop();
    }
  }, 60_000);

  it('should lock a username tried from many addresses, behind a trusted proxy', async () => {
    const instance = await start({ TRUST_PROXY: '127.0.0.1' }, staff);
    try {
      for (let i = 0; i < 5; i += 1) expect((await login(instance.url, 'ann', 'guess', `198.51.100.${i}`)).status).toBe(401);
      const locked = await login(instance.url, 'ann', PASSWORD, '198.51.100.77');
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get('retry-after'))).toBeLessThanOrEqual(30);
      // Another user from the proxy is not locked out by it.
      expect((await login(instance.url, 'bert', PASSWORD, '198.51.100.78')).status).toBe(200);
    } finally {
      await instance.stop();
    }
  }, 60_000);

  it('should let the owner of a locked account in with the right password after the short delay', async () => {
    const limiter = new LoginLimiter(undefined, 'test', { failuresPerUser: 3, lockDelaySeconds: 1 });
    for (let i = 0; i < 3; i += 1) await limiter.failed('ann', `10.0.0.${i}`);
    expect(await limiter.gate('ann', '10.0.0.9')).toMatchObject({ allowed: false });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await limiter.gate('ann', '10.0.0.9')).toEqual({ allowed: true });
    // A wrong password while still over the limit locks it again for the delay.
    await limiter.failed('ann', '10.0.0.9');
    expect(await limiter.gate('ann', '10.0.0.10')).toMatchObject({ allowed: false });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await limiter.succeeded('ann');
    expect(await limiter.gate('ann', '10.0.0.10')).toEqual({ allowed: true });
  });

  it('should take the client from X-Forwarded-For only through a trusted proxy, right-most untrusted hop', () => {
    const req = (remote: string, xff?: string) => ({ socket: { remoteAddress: remote }, headers: xff ? { 'x-forwarded-for': xff } : {} }) as never;
    expect(clientAddress(req('127.0.0.1', '1.2.3.4'), [])).toBe('127.0.0.1');
    expect(clientAddress(req('127.0.0.1', '6.6.6.6, 1.2.3.4'), ['127.0.0.1'])).toBe('1.2.3.4');
    expect(clientAddress(req('::ffff:10.0.0.2', '6.6.6.6, 1.2.3.4, 10.0.0.1'), ['10.0.0.1', '10.0.0.2'])).toBe('1.2.3.4');
    expect(clientAddress(req('10.9.9.9', '1.2.3.4'), ['10.0.0.1'])).toBe('10.9.9.9');
  });

  it('should answer an unknown username about as slowly as a known one with a wrong password', async () => {
    const instance = await start({}, staff);
    try {
      const time = async (username: string): Promise<number> => {
        const started = performance.now();
        await login(instance.url, username, 'wrong password');
        return performance.now() - started;
      };
      await time('ann');
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 4; i += 1) {
        known.push(await time('bert'));
        unknown.push(await time(`nobody${i}`));
      }
      const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      expect(median(unknown) / median(known)).toBeGreaterThan(0.4);
      expect(median(unknown) / median(known)).toBeLessThan(2.5);
    } finally {
      await instance.stop();
    }
  }, 60_000);
});
