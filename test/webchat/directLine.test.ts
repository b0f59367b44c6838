import type { DirectLineActivity } from '../../src/webchat/directLine';
import { FixedClock } from '../fakes/fixedClock';
import {
  WELCOME,
  cloudAdapterEchoBot,
  handEchoBot,
  startWebChatServer,
  type WebChatTestServer,
} from './webchatTestServer';

const CLIENT = '/directline/v3/directline';
const JSON_HEADERS = { 'Content-Type': 'application/json' };

interface Started {
  conversationId: string;
  token: string;
  expires_in: number;
}

let srv: WebChatTestServer;
afterEach(async () => {
  await srv.close();
});

function create(origin: string, body: unknown = {}) {
  return fetch(`${origin}${CLIENT}/conversations`, {
    method: 'POST',
    headers: { ...JSON_HEADERS, Authorization: 'Bearer local' },
    body: JSON.stringify(body),
  });
}

async function start(origin: string, body: unknown = {}): Promise<Started> {
  const res = await create(origin, body);
  expect(res.status).toBe(201);
  return (await res.json()) as Started;
}

function get(origin: string, conv: Started, watermark = '', token = conv.token) {
  return fetch(`${origin}${CLIENT}/conversations/${conv.conversationId}/activities?watermark=${watermark}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
}

function post(origin: string, conv: Started, body: unknown, token = conv.token) {
  return fetch(`${origin}${CLIENT}/conversations/${conv.conversationId}/activities`, {
    method: 'POST',
    headers: { ...JSON_HEADERS, Authorization: `Bearer ${token}` },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function refresh(origin: string, token: string) {
  return fetch(`${origin}${CLIENT}/tokens/refresh`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
}

/** Polls like Web Chat does, following the watermark, until `done` sees what it waits for. */
async function pollUntil(
  origin: string,
  conv: Started,
  done: (seen: DirectLineActivity[]) => boolean,
  watermark = '',
): Promise<{ seen: DirectLineActivity[]; watermark: string }> {
  const seen: DirectLineActivity[] = [];
  for (let i = 0; i < 100; i += 1) {
    const res = await get(origin, conv, watermark);
    expect(res.status).toBe(200);
    const page = (await res.json()) as { activities: DirectLineActivity[]; watermark: string };
    seen.push(...page.activities);
    watermark = page.watermark;
    if (done(seen)) return { seen, watermark };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`pollUntil(): gave up after seeing ${JSON.stringify(seen.map((a) => a.text))}`);
}

const hasText = (text: string) => (seen: DirectLineActivity[]) => seen.some((a) => a.text === text);

/** The scenario both bots must pass; returns the bot's echo as Web Chat received it. */
async function welcomeThenEcho(): Promise<DirectLineActivity | undefined> {
  const conv = await start(srv.origin);
  expect(conv.expires_in).toBeGreaterThan(0);
  const first = await pollUntil(srv.origin, conv, hasText(WELCOME));
  expect(first.watermark).toBe('1');

  const sent = await post(srv.origin, conv, {
    type: 'message',
    text: 'hallo',
    from: { id: 'r_client', role: 'bot', name: 'Mia' },
    locale: 'nl-BE',
    channelData: { clientActivityID: 'c-1' },
  });
  expect(sent.status).toBe(200);
  const { id } = (await sent.json()) as { id: string };
  expect(id).toMatch(new RegExp(`^${conv.conversationId}\\|\\d{7}$`));

  const next = await pollUntil(srv.origin, conv, hasText('echo: hallo'), first.watermark);
  expect(next.watermark).toBe('3');
  expect(next.seen.map((a) => a.text)).toEqual(['hallo', 'echo: hallo']);
  const [mine, echo] = next.seen;
  expect(mine).toMatchObject({ id, channelId: 'directline', channelData: { clientActivityID: 'c-1' } });
  // The user posts only as itself: the client's from.id and role are replaced, its name kept.
  expect(mine?.from).toEqual({ id: expect.stringMatching(/^dl_/), role: 'user', name: 'Mia' });
  expect(echo?.from).toMatchObject({ id: srv.emulator.botId });
  expect(echo?.replyToId).toBe(id);

  const again = await get(srv.origin, conv, next.watermark);
  expect(await again.json()).toEqual({ activities: [], watermark: '3' });
  return echo;
}

describe('Direct Line emulator with a hand-written echo bot (no botbuilder)', () => {
  let delivered: DirectLineActivity[];
  beforeEach(async () => {
    delivered = [];
    srv = await startWebChatServer({ bot: handEchoBot(delivered), serviceUrl: 'http://127.0.0.1:3978/directline' });
  });

  it('should deliver a conversationUpdate the bot can welcome, then echo a message', async () => {
    const echo = await welcomeThenEcho();
    expect(echo?.from).toMatchObject({ id: srv.emulator.botId, name: 'Echo' });
    const [update, message] = delivered;
    expect(update).toMatchObject({
      type: 'conversationUpdate',
      channelId: 'directline',
      // The configured origin, never the request's Host header.
      serviceUrl: 'http://127.0.0.1:3978/directline',
      recipient: { id: srv.emulator.botId },
      membersAdded: [{ id: (update?.from as { id: string }).id }, { id: srv.emulator.botId }],
    });
    expect((message?.from as { id: string }).id).toBe((update?.from as { id: string }).id);
    expect(message).toMatchObject({ recipient: { id: srv.emulator.botId }, locale: 'nl-BE', serviceUrl: 'http://127.0.0.1:3978/directline' });
  });

  it('should pass the start locale to the conversationUpdate', async () => {
    await start(srv.origin, { user: { id: 'r_x' }, locale: 'fr-BE' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(delivered[0]).toMatchObject({ type: 'conversationUpdate', locale: 'fr-BE' });
  });

  it('should answer 400 with a JSON message on bad input', async () => {
    const conv = await start(srv.origin);
    const badType = await post(srv.origin, conv, { type: 5, text: 'x' });
    expect(badType.status).toBe(400);
    expect(((await badType.json()) as { error: { message: string } }).error.message).toMatch(/type/);
    expect((await post(srv.origin, conv, '{not json')).status).toBe(400);
    for (const type of ['conversationUpdate', 'invoke', 'endOfConversation']) expect((await post(srv.origin, conv, { type, membersAdded: [{ id: 'x' }] })).status).toBe(400);
    expect((await get(srv.origin, conv, 'abc')).status).toBe(400);
    expect((await create(srv.origin, { locale: 42 })).status).toBe(400);
  });

  it('should refuse (403) a read or post without the conversation\'s own token, a spoofed one included', async () => {
    const [a, b] = [await start(srv.origin), await start(srv.origin)];
    expect((await get(srv.origin, a, '', 'made-up')).status).toBe(403);
    expect((await post(srv.origin, a, { type: 'message', text: 'x' }, 'made-up')).status).toBe(403);
    // A spoofed post: B's token on A's conversation id.
    expect((await post(srv.origin, a, { type: 'message', text: 'spoof' }, b.token)).status).toBe(403);
    expect((await get(srv.origin, a, '', b.token)).status).toBe(403);
    const unknown = { ...a, conversationId: 'nope' };
    expect((await get(srv.origin, unknown, '', a.token)).status).toBe(403);
    const { seen } = await pollUntil(srv.origin, a, hasText(WELCOME));
    expect(seen.map((x) => x.text)).not.toContain('spoof');
  });

  it('should offer no Bot Connector route: nobody can post as the bot or read the user id', async () => {
    const conv = await start(srv.origin);
    const base = `${srv.origin}/directline/v3/conversations/${conv.conversationId}`;
    const forged = await fetch(`${base}/activities`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ type: 'message', text: 'I am the bot' }) });
    expect(forged.status).toBe(404);
    expect((await fetch(`${base}/members`)).status).toBe(404);
    const { seen } = await pollUntil(srv.origin, conv, hasText(WELCOME));
    expect(seen.map((x) => x.text)).not.toContain('I am the bot');
  });
});

describe('Direct Line tokens', () => {
  it('should expire a token, refresh it into a new one, and end the old one after a short grace', async () => {
    const clock = new FixedClock();
    srv = await startWebChatServer({ bot: handEchoBot(), clock, tokenTtlSeconds: 600 });
    const conv = await start(srv.origin);
    expect(conv.expires_in).toBe(600);
    const refreshed = await refresh(srv.origin, conv.token);
    expect(refreshed.status).toBe(200);
    const next = (await refreshed.json()) as Started;
    expect(next).toMatchObject({ conversationId: conv.conversationId, expires_in: 600 });
    expect(next.token).not.toBe(conv.token);
    expect((await get(srv.origin, conv)).status).toBe(200);
    clock.advance(61_000);
    expect((await get(srv.origin, conv)).status).toBe(403);
    expect((await get(srv.origin, next)).status).toBe(200);
    clock.advance(600_000);
    expect((await get(srv.origin, next)).status).toBe(403);
    expect((await refresh(srv.origin, next.token)).status).toBe(403);
  });
});

describe('Direct Line emulator limits and silent bots', () => {
  it('should keep serving when the bot never answers, throws or hangs', async () => {
    const logged: string[] = [];
    const delivered: unknown[] = [];
    const log = (level: string) => (_obj: object, msg: string) => logged.push(`${level} ${msg}`);
    srv = await startWebChatServer({
      logger: { info: log('info'), warn: log('warn'), error: log('error') },
      deliveryTimeoutMs: 100,
      deliver: (activity) => {
        delivered.push(activity.text);
        if (activity.text === 'crash') throw new Error('bot crashed');
        if (activity.text === 'hang') return new Promise<void>(() => undefined);
        return Promise.resolve(); // answers nothing, not even the welcome
      },
    });
    const conv = await start(srv.origin);
    for (const text of ['crash', 'hang', 'after']) {
      expect((await post(srv.origin, conv, { type: 'message', text })).status).toBe(200);
    }
    const { seen } = await pollUntil(srv.origin, conv, (s) => s.length === 3);
    expect(seen.map((a) => a.text)).toEqual(['crash', 'hang', 'after']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(delivered).toEqual([undefined, 'crash', 'hang', 'after']);
    expect(logged).toEqual(['error directLine: delivery failed', 'warn directLine: bot turn still running; moving on']);
    expect((await start(srv.origin)).conversationId).toBeTruthy();
  });

  it('should evict only an idle conversation when full, and refuse (503) while all are active', async () => {
    const clock = new FixedClock();
    srv = await startWebChatServer({ deliver: () => Promise.resolve(), clock, maxConversations: 2, activeWindowMs: 60_000, tokenTtlSeconds: 3600 });
    const [a, b] = [await start(srv.origin), await start(srv.origin)];
    expect((await create(srv.origin)).status).toBe(503);
    expect((await get(srv.origin, a)).status).toBe(200);
    clock.advance(30_000);
    expect((await get(srv.origin, b)).status).toBe(200); // b used later than a
    clock.advance(40_000); // a idle 70 s, b 40 s
    await start(srv.origin);
    expect((await get(srv.origin, a)).status).toBe(403);
    expect((await get(srv.origin, b)).status).toBe(200);
  });

  it('should keep the newest activities within the count and byte budget of a conversation', async () => {
    srv = await startWebChatServer({ deliver: () => Promise.resolve(), maxActivitiesPerConversation: 3, maxBytesPerConversation: 4_000 });
    const b = await start(srv.origin);
    for (const text of ['1', '2', '3', '4', '5']) await post(srv.origin, b, { type: 'message', text });
    const page = (await (await get(srv.origin, b, '0')).json()) as { activities: DirectLineActivity[]; watermark: string };
    expect(page.activities.map((x) => x.text)).toEqual(['3', '4', '5']);
    expect(page.watermark).toBe('5');
    for (let i = 0; i < 3; i += 1) await post(srv.origin, b, { type: 'message', text: 'x'.repeat(1_800) });
    const big = (await (await get(srv.origin, b, '0')).json()) as { activities: DirectLineActivity[] };
    expect(JSON.stringify(big.activities).length).toBeLessThanOrEqual(4_000);
    expect(big.activities.length).toBeGreaterThanOrEqual(1);
  });

  it('should answer 429 with Retry-After past the per-IP rates of new conversations and posts', async () => {
    srv = await startWebChatServer({ deliver: () => Promise.resolve(), rates: { conversationsPerIp: 3, postsPerIp: 5 } });
    const conv = await start(srv.origin);
    await start(srv.origin);
    await start(srv.origin);
    const over = await create(srv.origin);
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) statuses.push((await post(srv.origin, conv, { type: 'message', text: `m${i}` })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
  });

  it('should answer 429 when too many messages wait for a slow bot in one conversation', async () => {
    srv = await startWebChatServer({ deliver: () => new Promise((resolve) => setTimeout(resolve, 2_000)), maxPendingDeliveries: 3 });
    const conv = await start(srv.origin); // its conversationUpdate is the first waiting delivery
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await post(srv.origin, conv, { type: 'message', text: `m${i}` })).status);
    expect(statuses).toEqual([200, 200, 429, 429]);
  });
});

describe('Direct Line emulator with the real botbuilder CloudAdapter in local mode', () => {
  beforeEach(async () => {
    srv = await startWebChatServer({ deliver: cloudAdapterEchoBot() });
  });

  it('should hand the adapter\'s welcome and echo over in-process', async () => {
    await welcomeThenEcho();
  });
});
