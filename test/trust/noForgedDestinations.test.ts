import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import { ClaimsIdentity, type AuthenticateRequestResult } from 'botframework-connector';
import { CachingBotFrameworkAuthentication } from '../../src/cachingBotAuthentication';
import { loadConfig } from '../../src/config';
import { listenHost, ownOrigin } from '../../src/listenAddress';
import { ReplySender } from '../../src/replySender';
import { isLoopbackServiceUrl } from '../../src/serviceUrlPolicy';
import { messageActivity, post, startApp, type RunningApp } from '../helpers/appServer';

/** A server on another loopback port that records every request it gets and, if told, never answers. */
async function startSink(silent = false): Promise<{ port: number; hits: string[]; server: Server }> {
  const hits: string[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    hits.push(`${req.method} ${req.url}`);
    req.resume();
    if (!silent) res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, hits, server };
}

/** A request with a Host header of our choosing (fetch does not let a script set it). */
function withHost(url: string, host: string, method: string, body?: unknown, token?: string): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = { host, ...(payload ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) };
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') as unknown }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

const close = (server: Server): Promise<void> => new Promise((resolve) => server.close(() => resolve()));

describe('no forged destinations (issue 20)', () => {
  let running: RunningApp;
  let sink: Awaited<ReturnType<typeof startSink>>;
  beforeAll(async () => {
    sink = await startSink();
    running = await startApp();
  });
  afterAll(async () => {
    await running?.stop();
    await close(sink.server);
  });

  it('should deliver the browser chat\'s replies in-process whatever the Host header says (the sink gets nothing)', async () => {
    const host = `127.0.0.1:${sink.port}`;
    const created = await withHost(`${running.url}/directline/v3/directline/conversations`, host, 'POST', {});
    expect(created.status).toBe(201);
    const { conversationId, token } = created.json as { conversationId: string; token: string };
    const base = `${running.url}/directline/v3/directline/conversations/${conversationId}/activities`;
    expect((await withHost(base, host, 'POST', { type: 'message', text: 'hallo', locale: 'nl-BE' }, token)).status).toBe(200);
    let texts: string[] = [];
    for (let i = 0; i < 100 && !texts.some((t) => t.includes('Centraal Meldpunt')); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const page = await withHost(base, host, 'GET', undefined, token);
      texts = (page.json as { activities: { text?: string; serviceUrl?: string }[] }).activities.map((a) => a.text ?? '');
    }
    expect(texts.some((t) => t.includes('Centraal Meldpunt'))).toBe(true);
    expect(sink.hits).toEqual([]);
  });

  it.each([`http://[::ffff:127.0.0.1]:PORT`, 'http://0.0.0.0:PORT', 'file:///etc/passwd', 'http://user:pw@127.0.0.1:PORT'])(
    'should refuse serviceUrl %s on /api/messages in local mode with 400 and make no outbound request',
    async (template) => {
      const serviceUrl = template.replace('PORT', String(sink.port));
      expect(await post(`${running.url}/api/messages`, messageActivity(serviceUrl, `ssrf-${sink.hits.length}`, 'hallo'))).toBe(400);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(sink.hits).toEqual([]);
    },
  );

  it('should accept loopback service URLs only in local mode', () => {
    for (const ok of ['http://localhost:3978', 'http://127.0.0.1:9/', 'https://127.8.0.1', 'http://[::1]:80']) expect(isLoopbackServiceUrl(ok)).toBe(true);
    for (const bad of ['http://10.0.0.1', 'https://smba.trafficmanager.net/emea/', 'http://localhost.evil.example', 'http://[::ffff:7f00:1]/', 'gopher://127.0.0.1', 'nonsense']) {
      expect(isLoopbackServiceUrl(bad)).toBe(false);
    }
  });

  it('should listen on 127.0.0.1 in local mode unless HOST says otherwise, and know its own origin', () => {
    expect(listenHost(loadConfig({}))).toBe('127.0.0.1');
    expect(listenHost(loadConfig({ HOST: '0.0.0.0' }))).toBe('0.0.0.0');
    expect(listenHost(loadConfig({ MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw' }))).toBeUndefined();
    expect(ownOrigin(loadConfig({ PORT: '4000' }))).toBe('http://127.0.0.1:4000');
    expect(ownOrigin(loadConfig({ PUBLIC_URL: 'https://chat.example.be/' }))).toBe('https://chat.example.be');
    expect(() => loadConfig({ PUBLIC_URL: 'javascript:alert(1)' })).toThrow(/PUBLIC_URL/);
  });
});

describe('outbound reply deadline (issue 20)', () => {
  it('should give up a reply to a silent target within its total deadline, retries included', async () => {
    const sink = await startSink(true);
    try {
      const started = Date.now();
      const sender = new ReplySender({ deadlineMs: 1_500, retryDelaysMs: [100, 100, 100, 100] });
      await expect(
        sender.send(`http://127.0.0.1:${sink.port}`, 'c1', undefined, { type: 'message', text: 'x' }, { signRequest: async (r) => r }),
      ).rejects.toThrow(/no answer in time/);
      expect(Date.now() - started).toBeLessThan(2_500);
    } finally {
      sink.server.closeAllConnections();
      await close(sink.server);
    }
  });
});

describe('with credentials: the token\'s service URL is the only one used (issue 20)', () => {
  /** The SDK's authentication, answering as it does for a channel token naming `vouched`. */
  const withToken = (vouched: string): ConfigurationBotFrameworkAuthentication => {
    const inner = new ConfigurationBotFrameworkAuthentication({});
    inner.authenticateRequest = async (): Promise<AuthenticateRequestResult> => ({
      claimsIdentity: new ClaimsIdentity([{ type: 'aud', value: 'app-id' }, { type: 'serviceurl', value: vouched }], true),
      audience: 'https://api.botframework.com',
      callerId: 'urn:botframework:azure',
    });
    return inner;
  };
  const activity = (serviceUrl: string): Activity => ({ type: 'message', serviceUrl, channelId: 'msteams', conversation: { id: 'c' }, from: { id: 'u' } }) as Activity;

  it('should refuse an activity whose serviceUrl is not the one its token was issued for', async () => {
    const auth = new CachingBotFrameworkAuthentication(withToken('https://smba.trafficmanager.net/emea/'));
    await expect(auth.authenticateRequest(activity('http://127.0.0.1:6379/'), 'Bearer x')).rejects.toMatchObject({ statusCode: 401 });
    await expect(auth.authenticateRequest(activity('https://smba.trafficmanager.net/emea'), 'Bearer x')).resolves.toMatchObject({ audience: 'https://api.botframework.com' });
  });
});
