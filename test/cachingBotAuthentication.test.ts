import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import { CachingBotFrameworkAuthentication } from '../src/cachingBotAuthentication';

const activity = (serviceUrl: string): Activity =>
  ({
    type: 'message',
    id: 'a1',
    channelId: 'test',
    serviceUrl,
    conversation: { id: 'c1' },
    from: { id: 'u1' },
    recipient: { id: 'bot' },
    text: 'hallo',
  }) as Activity;

describe('CachingBotFrameworkAuthentication (local mode)', () => {
  let server: Server;
  let url: string;
  const posted: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        // The SDK's pipeline sends its user agent; the reply sender sends none.
        const via = req.headers['user-agent']?.includes('Microsoft-BotFramework') ? 'sdk' : 'sender';
        posted.push(`${req.method} ${req.url} ${via}`);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"id":"r1"}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('should hand every turn of a service URL the same connector client, and another URL its own', async () => {
    const auth = new CachingBotFrameworkAuthentication(new ConfigurationBotFrameworkAuthentication({}));
    const first = await auth.authenticateRequest(activity(url), '');
    const second = await auth.authenticateRequest(activity(url), '');
    const a = await first.connectorFactory!.create(url, first.audience);
    const b = await second.connectorFactory!.create(url, second.audience);
    const other = await second.connectorFactory!.create(`${url}/other/`, second.audience);
    expect(b).toBe(a);
    expect(other).not.toBe(a);
    const proactive = auth.createConnectorFactory(first.claimsIdentity);
    await expect(proactive.create(url, first.audience)).resolves.toBe(a);
  });

  it('should send replies through the reply sender and keep the SDK path for calls with options', async () => {
    const auth = new CachingBotFrameworkAuthentication(new ConfigurationBotFrameworkAuthentication({}));
    const result = await auth.authenticateRequest(activity(url), '');
    const client = await result.connectorFactory!.create(url, result.audience);
    posted.length = 0;
    await expect(client.conversations.replyToActivity('c1', 'a1', { type: 'message', text: 'dag' })).resolves.toEqual({ id: 'r1' });
    await expect(client.conversations.sendToConversation('c1', { type: 'message', text: 'dag' })).resolves.toEqual({ id: 'r1' });
    const viaSdk = await client.conversations.sendToConversation('c1', { type: 'message', text: 'dag' }, {});
    expect(viaSdk.id).toBe('r1');
    expect(posted).toEqual([
      'POST /v3/conversations/c1/activities/a1 sender',
      'POST /v3/conversations/c1/activities sender',
      'POST /v3/conversations/c1/activities sdk',
    ]);
  });

  it('should reuse the user-token client of an app id', async () => {
    const auth = new CachingBotFrameworkAuthentication(new ConfigurationBotFrameworkAuthentication({}));
    const { claimsIdentity } = await auth.authenticateRequest(activity(url), '');
    await expect(auth.createUserTokenClient(claimsIdentity)).resolves.toBe(await auth.createUserTokenClient(claimsIdentity));
  });
});
