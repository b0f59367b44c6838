import { request, type IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { BenchConnector } from './connector';
import { summarize } from './stats';

/** The staff account the bot under test is started with (bench/botProcess.ts). */
export const BENCH_STAFF = { username: 'bench', password: 'bench-relay-password' } as const;

/** Relay latency both ways at light load: one message at a time. */
export interface RelayFigures {
  measured: true;
  samples: { staffToUser: number; userToStaff: number };
  staffToUserMs: ReturnType<typeof summarize>;
  userToStaffMs: ReturnType<typeof summarize>;
}

const CONVERSATION = 'relay-1';
const USER_SAMPLES = 25;

/**
 * Puts one conversation with a staff member and measures both directions:
 * staff → user: from the POST of `/api/helpdesk/conversations/:id/messages` to the user's
 * connector receiving the text; user → staff: from the POST of the user's message to
 * `/api/messages` to the console's event stream delivering it.
 * @remarks A crisis sentence queues the conversation at any hour (an ordinary "person" request
 * outside opening hours becomes a call-back offer instead).
 */
export async function measureRelay(url: string, serviceUrl: string, connector: BenchConnector, samples = 200): Promise<RelayFigures> {
  const staff = await login(url);
  const events = await openEvents(url, staff.cookie);
  try {
    const arrivals = new Map<string, number>();
    connector.listen(CONVERSATION, (reply) => arrivals.set(reply.text, reply.at));
    await userSays(url, serviceUrl, 'hallo');
    await userSays(url, serviceUrl, 'ik wil zelfmoord plegen');
    const queue = (await staffCall(url, staff, 'GET', '/queue')) as { id: string }[];
    const id = queue[0]?.id;
    if (!id) throw new Error('measureRelay(): the crisis message did not reach the queue');
    await staffCall(url, staff, 'POST', `/conversations/${id}/claim`, {});

    const toUser: number[] = [];
    for (let i = 0; i < samples; i++) {
      const text = `staff message ${i}`;
      const started = performance.now();
      await staffCall(url, staff, 'POST', `/conversations/${id}/messages`, { text });
      await waitUntil(() => arrivals.has(text));
      toUser.push(arrivals.get(text)! - started);
    }
    const toStaff: number[] = [];
    // The user side is rate-limited per conversation (data file: limits.messagesPerMinute), as a
    // real user is: stay under it rather than measure the "slow down" path.
    for (let i = 0; i < USER_SAMPLES; i++) {
      const text = `user message ${i}`;
      const started = performance.now();
      const seen = events.next((data) => data.includes(text));
      await userSays(url, serviceUrl, text);
      toStaff.push((await seen) - started);
    }
    await staffCall(url, staff, 'POST', `/conversations/${id}/close`, { outcome: 'solved' });
    return { measured: true, samples: { staffToUser: samples, userToStaff: USER_SAMPLES }, staffToUserMs: summarize(toUser), userToStaffMs: summarize(toStaff) };
  } finally {
    connector.listen(CONVERSATION);
    events.close();
  }
}

interface Staff {
  cookie: string;
  csrf: string;
}

async function login(url: string): Promise<Staff> {
  const res = await fetch(`${url}/api/helpdesk/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(BENCH_STAFF),
  });
  if (!res.ok) throw new Error(`measureRelay(): staff login answered ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

async function staffCall(url: string, staff: Staff, method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${url}/api/helpdesk${path}`, {
    method,
    headers: { 'content-type': 'application/json', cookie: staff.cookie, 'x-csrf-token': staff.csrf },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`measureRelay(): ${method} ${path} answered ${res.status}`);
  return res.json();
}

let seq = 0;
async function userSays(url: string, serviceUrl: string, text: string): Promise<void> {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      id: `relay-${++seq}`,
      channelId: 'bench',
      serviceUrl,
      conversation: { id: CONVERSATION },
      from: { id: 'relay-user', name: 'Parent' },
      recipient: { id: 'bot', name: 'Bot' },
      locale: 'nl-BE',
      text,
    }),
  });
  await res.arrayBuffer();
}

async function waitUntil(done: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline) throw new Error('measureRelay(): a relayed message did not arrive in 5 s');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The console's server-sent event stream, read raw; `next` resolves at the first matching event. */
function openEvents(url: string, cookie: string): Promise<{ next(match: (data: string) => boolean): Promise<number>; close(): void }> {
  return new Promise((resolve, reject) => {
    let waiter: { match: (data: string) => boolean; resolve: (at: number) => void } | undefined;
    let buffer = '';
    const req = request(`${url}/api/helpdesk/events`, { headers: { cookie, accept: 'text/event-stream' } }, (res: IncomingMessage) => {
      if (res.statusCode !== 200) return reject(new Error(`measureRelay(): event stream answered ${res.statusCode}`));
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const at = performance.now();
        buffer += chunk;
        const events = buffer.split('\n\n');
        buffer = events.pop() ?? '';
        for (const event of events) {
          if (waiter && waiter.match(event)) {
            const { resolve: done } = waiter;
            waiter = undefined;
            done(at);
          }
        }
      });
      resolve({
        next: (match) =>
          new Promise<number>((done, fail) => {
            const timer = setTimeout(() => fail(new Error('measureRelay(): a user message did not reach the console in 5 s')), 5_000);
            waiter = { match, resolve: (at) => (clearTimeout(timer), done(at)) };
          }),
        close: () => req.destroy(),
      });
    });
    req.on('error', (error) => (error.message === 'socket hang up' ? undefined : reject(error)));
    req.end();
  });
}
