import type { DirectLineActivity } from '../../src/webchat/directLine';
import {
  WELCOME,
  cloudAdapterEchoBot,
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

/** An echo bot written WITHOUT botbuilder: it answers through the connector routes by hand. */
async function fetchEchoBot(activity: DirectLineActivity): Promise<void> {
  const conversationId = (activity.conversation as { id: string }).id;
  const text = activity.type === 'message' ? `echo: ${String(activity.text)}` : WELCOME;
  const url = `${String(activity.serviceUrl)}/v3/conversations/${encodeURIComponent(conversationId)}/activities/${encodeURIComponent(String(activity.id))}`;
  const res = await fetch(url, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify({
      type: 'message',
      text,
      from: { ...(activity.recipient as object), name: 'Echo' },
      recipient: activity.from,
      replyToId: activity.id,
    }),
  });
  if (!res.ok) throw new Error(`fetchEchoBot(): ${res.status}`);
}

let srv: WebChatTestServer;
afterEach(async () => {
  await srv.close();
});

async function start(origin: string, body: unknown = {}): Promise<Started> {
  const res = await fetch(`${origin}${CLIENT}/conversations`, {
    method: 'POST',
    headers: { ...JSON_HEADERS, Authorization: 'Bearer local' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as Started;
}

function get(origin: string, conv: Started, watermark = '') {
  return fetch(
    `${origin}${CLIENT}/conversations/${conv.conversationId}/activities?watermark=${watermark}`,
    {
      headers: { Authorization: `Bearer ${conv.token}` },
    },
  );
}

function post(origin: string, conv: Started, body: unknown, token = conv.token) {
  return fetch(`${origin}${CLIENT}/conversations/${conv.conversationId}/activities`, {
    method: 'POST',
    headers: { ...JSON_HEADERS, Authorization: `Bearer ${token}` },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
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
    from: { id: 'r_client', role: 'user' },
    locale: 'nl-BE',
    channelData: { clientActivityID: 'c-1' },
  });
  expect(sent.status).toBe(200);
  const { id } = (await sent.json()) as { id: string };
  expect(id).toMatch(new RegExp(`^${conv.conversationId}\\|\\d{7}$`));

  const next = await pollUntil(srv.origin, conv, hasText('echo: hallo'), first.watermark);
  expect(next.watermark).toBe('3');
  // Only what came after the first watermark: the user's own message, then the echo.
  expect(next.seen.map((a) => a.text)).toEqual(['hallo', 'echo: hallo']);
  const [mine, echo] = next.seen;
  expect(mine).toMatchObject({
    id,
    channelId: 'directline',
    channelData: { clientActivityID: 'c-1' },
  });
  expect(mine?.from).toMatchObject({ role: 'user' });
  expect(echo?.from).toMatchObject({ id: srv.emulator.botId });
  expect(echo?.replyToId).toBe(id);

  const again = await get(srv.origin, conv, next.watermark);
  expect(await again.json()).toEqual({ activities: [], watermark: '3' });
  return echo;
}

describe('Direct Line emulator with a fetch echo bot (no botbuilder)', () => {
  let delivered: DirectLineActivity[];
  beforeEach(async () => {
    delivered = [];
    srv = await startWebChatServer({
      deliver: async (activity) => {
        delivered.push(activity);
        await fetchEchoBot(activity);
      },
    });
  });

  it('should deliver a conversationUpdate the bot can welcome, then echo a message', async () => {
    const echo = await welcomeThenEcho();
    // The bot's `from` is kept as sent (offline-directline overwrote it).
    expect(echo?.from).toMatchObject({ id: srv.emulator.botId, name: 'Echo' });
    const [update, message] = delivered;
    expect(update).toMatchObject({
      type: 'conversationUpdate',
      channelId: 'directline',
      serviceUrl: `${srv.origin}/directline`,
      recipient: { id: srv.emulator.botId },
      membersAdded: [{ id: (update?.from as { id: string }).id }, { id: srv.emulator.botId }],
    });
    // The user id is bound at creation: a client-chosen `from.id` cannot impersonate another user.
    expect((message?.from as { id: string }).id).toBe((update?.from as { id: string }).id);
    expect(message).toMatchObject({ recipient: { id: srv.emulator.botId }, locale: 'nl-BE' });
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
    expect(((await badType.json()) as { error: { message: string } }).error.message).toMatch(
      /type/,
    );
    expect((await post(srv.origin, conv, '{not json')).status).toBe(400);
    expect((await get(srv.origin, conv, 'abc')).status).toBe(400);
    const botNoType = await fetch(
      `${srv.origin}/directline/v3/conversations/${conv.conversationId}/activities`,
      {
        method: 'POST',
        headers: JSON_HEADERS,
        body: JSON.stringify({ text: 'no type' }),
      },
    );
    expect(botNoType.status).toBe(400);
    const badStart = await fetch(`${srv.origin}${CLIENT}/conversations`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ locale: 42 }),
    });
    expect(badStart.status).toBe(400);
  });

  it('should answer 404 for an unknown conversation and 403 for a foreign token', async () => {
    const conv = await start(srv.origin);
    const unknown = { ...conv, conversationId: 'nope' };
    expect((await get(srv.origin, unknown)).status).toBe(404);
    expect((await post(srv.origin, unknown, { type: 'message', text: 'x' })).status).toBe(404);
    const botToUnknown = await fetch(`${srv.origin}/directline/v3/conversations/nope/activities`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ type: 'message', text: 'x' }),
    });
    expect(botToUnknown.status).toBe(404);
    expect((await post(srv.origin, conv, { type: 'message' }, 'other-token')).status).toBe(403);
  });

  it('should refresh a token, list members and acknowledge updates and deletes', async () => {
    const conv = await start(srv.origin);
    const refreshed = await fetch(`${srv.origin}${CLIENT}/tokens/refresh`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${conv.token}` },
    });
    expect(await refreshed.json()).toMatchObject({
      conversationId: conv.conversationId,
      token: conv.token,
    });
    const base = `${srv.origin}/directline/v3/conversations/${conv.conversationId}`;
    const members = (await (await fetch(`${base}/members`)).json()) as { id: string }[];
    expect(members.map((m) => m.id)).toContain(srv.emulator.botId);
    const put = await fetch(`${base}/activities/a1`, {
      method: 'PUT',
      headers: JSON_HEADERS,
      body: '{"type":"message"}',
    });
    expect(await put.json()).toEqual({ id: 'a1' });
    expect((await fetch(`${base}/activities/a1`, { method: 'DELETE' })).status).toBe(200);
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
    expect(logged).toEqual([
      'error directLine: delivery failed',
      'warn directLine: bot turn still running; moving on',
    ]);
    expect((await start(srv.origin)).conversationId).toBeTruthy();
  });

  it('should evict the oldest conversation and the oldest activities', async () => {
    srv = await startWebChatServer({
      deliver: () => Promise.resolve(),
      maxConversations: 2,
      maxActivitiesPerConversation: 3,
    });
    const [a, b] = [await start(srv.origin), await start(srv.origin)];
    for (const text of ['1', '2', '3', '4', '5'])
      await post(srv.origin, b, { type: 'message', text });
    await start(srv.origin);
    expect((await get(srv.origin, a)).status).toBe(404);
    const page = (await (await get(srv.origin, b, '0')).json()) as {
      activities: DirectLineActivity[];
      watermark: string;
    };
    expect(page.activities.map((x) => x.text)).toEqual(['3', '4', '5']);
    expect(page.watermark).toBe('5');
  });
});

describe('Direct Line emulator with the real botbuilder CloudAdapter in local mode', () => {
  beforeEach(async () => {
    srv = await startWebChatServer({ deliver: cloudAdapterEchoBot() });
  });

  it('should land the adapter welcome and echo on the connector routes', async () => {
    await welcomeThenEcho();
  });
});
