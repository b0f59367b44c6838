import http from 'node:http';
import type { AddressInfo } from 'node:net';
import argon2 from 'argon2';
import type Redis from 'ioredis';
import { buildApp, type App } from '../../src/app';
import type { StaffUser } from '../../src/console/staffUsers';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/logger';
import { FixedClock } from '../fakes/fixedClock';
import { LOCALES_DIR, realData } from '../helpers/testDeps';

export const PASSWORD = 'correct horse battery staple';
export const SECRET = 's'.repeat(48);

/** Two staff accounts (argon2id hashes made once per test file). */
export async function staffAccounts(): Promise<StaffUser[]> {
  const hash = await argon2.hash(PASSWORD, { type: argon2.argon2id });
  return [
    { username: 'ann', name: 'Ann', passwordHash: hash, role: 'agent', teams: ['cmp'], languages: ['nl', 'en'] },
    // Bert works for cmp too: he and Ann race for the same conversations (team walls, issue 20).
    { username: 'bert', name: 'Bert', passwordHash: hash, role: 'agent', teams: ['laptop-desk', 'cmp'], languages: ['nl', 'ber'] },
  ];
}

export interface Instance {
  app: App;
  url: string;
  stop(): Promise<void>;
}

/** One bot instance as src/index.ts builds it, listening on a free port. */
export async function startInstance(options: { redis?: Redis; keyPrefix?: string; staffUsers?: StaffUser[]; clock?: FixedClock }): Promise<Instance> {
  const app = buildApp({
    config: loadConfig({ HELPDESK_SESSION_SECRET: SECRET }),
    data: realData(),
    logger: silentLogger,
    clock: options.clock ?? new FixedClock(),
    localesDir: LOCALES_DIR,
    redis: options.redis,
    keyPrefix: options.keyPrefix,
    staffUsers: options.staffUsers,
  });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return { app, url, stop: () => new Promise<void>((resolve) => app.server.close(() => resolve())) };
}

/** A staff member's HTTP client: keeps the session cookie and the CSRF token. */
export class StaffClient {
  cookie = '';
  csrf = '';

  constructor(public base: string) {}

  async login(username: string, password = PASSWORD): Promise<Response> {
    const res = await fetch(`${this.base}/api/helpdesk/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    if (res.ok) this.csrf = ((await res.clone().json()) as { csrfToken: string }).csrfToken;
    return res;
  }

  get(path: string): Promise<Response> {
    return fetch(`${this.base}/api/helpdesk${path}`, { headers: { cookie: this.cookie } });
  }

  post(path: string, body: unknown = {}, withCsrf = true): Promise<Response> {
    const headers: Record<string, string> = { 'content-type': 'application/json', cookie: this.cookie };
    if (withCsrf) headers['x-csrf-token'] = this.csrf;
    return fetch(`${this.base}/api/helpdesk${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  }

  /** Opens the event stream; resolves once the server says `ready`. */
  events(): Promise<EventTap> {
    return EventTap.open(`${this.base}/api/helpdesk/events`, this.cookie);
  }
}

/** Collects server-sent events from a live stream. */
export class EventTap {
  readonly events: { event: string; data: Record<string, unknown> }[] = [];
  private request?: http.ClientRequest;

  static open(url: string, cookie: string): Promise<EventTap> {
    const tap = new EventTap();
    return new Promise((resolve, reject) => {
      tap.request = http.get(url, { headers: { cookie, accept: 'text/event-stream' } }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`events: HTTP ${res.statusCode}`));
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (event && data) tap.events.push({ event, data: JSON.parse(data) as Record<string, unknown> });
            if (event === 'ready') resolve(tap);
          }
        });
      });
      tap.request.on('error', () => undefined);
    });
  }

  async waitFor(predicate: (e: { event: string; data: Record<string, unknown> }) => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.events.some(predicate)) {
      if (Date.now() > deadline) throw new Error(`EventTap.waitFor(): timed out; got ${JSON.stringify(this.events)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  close(): void {
    this.request?.destroy();
  }
}
