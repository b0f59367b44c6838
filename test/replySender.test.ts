import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ReplyHttpError, ReplySender, type RequestSigner } from '../src/replySender';

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

/** A channel connector that answers each request with the next scripted status (then 200). */
async function startConnector(script: { status: number; headers?: Record<string, string>; body?: string }[] = []): Promise<{
  url: string;
  received: Received[];
  server: Server;
}> {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      const next = script.shift() ?? { status: 200, body: JSON.stringify({ id: `reply-${received.length}` }) };
      res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers });
      res.end(next.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, server };
}

const anonymous: RequestSigner = { signRequest: async (resource) => resource };
const activity = { type: 'message', text: 'Wat is de postcode?', conversation: { id: 'conv/1', isGroup: false, conversationType: '', name: '' } };

describe('ReplySender', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  });
  const connector = async (script?: Parameters<typeof startConnector>[0]): ReturnType<typeof startConnector> => {
    const started = await startConnector(script);
    servers.push(started.server);
    return started;
  };

  it('should post a reply as JSON to the conversation and activity, and return the channel id', async () => {
    const { url, received } = await connector();
    const response = await new ReplySender().send(url, 'conv/1', 'a 1', activity, anonymous);
    expect(response).toEqual({ id: 'reply-1' });
    expect(received).toHaveLength(1);
    expect(received[0]!.method).toBe('POST');
    expect(received[0]!.url).toBe('/v3/conversations/conv%2F1/activities/a%201');
    expect(received[0]!.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(received[0]!.headers.authorization).toBeUndefined();
    expect(received[0]!.body).toEqual(activity);
  });

  it('should send to the conversation without a reply id, under a service URL with a path', async () => {
    const { url, received } = await connector();
    await new ReplySender().send(`${url}/emea/`, 'c2', undefined, activity, anonymous);
    expect(received[0]!.url).toBe('/emea/v3/conversations/c2/activities');
  });

  it("should carry the bot's token from the SDK credentials", async () => {
    const { url, received } = await connector();
    const signer: RequestSigner = {
      signRequest: async (resource) => {
        resource.headers.set('Authorization', 'Bearer token-123');
        return resource;
      },
    };
    await new ReplySender().send(url, 'c3', 'a1', activity, signer);
    expect(received[0]!.headers.authorization).toBe('Bearer token-123');
  });

  it('should retry a throttled or failing channel, honouring Retry-After, and then succeed', async () => {
    const { url, received } = await connector([
      { status: 429, headers: { 'retry-after': '0' } },
      { status: 503 },
    ]);
    const sender = new ReplySender({ retryDelaysMs: [5, 5, 5] });
    await expect(sender.send(url, 'c4', 'a1', activity, anonymous)).resolves.toEqual({ id: 'reply-3' });
    expect(received).toHaveLength(3);
  });

  it('should not retry a refused reply, and report its status without the message text', async () => {
    const { url, received } = await connector([{ status: 400, body: JSON.stringify({ error: { code: 'BadArgument', message: 'x' } }) }]);
    const error = await new ReplySender({ retryDelaysMs: [5] }).send(url, 'c5', 'a1', activity, anonymous).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReplyHttpError);
    expect((error as ReplyHttpError).statusCode).toBe(400);
    expect((error as ReplyHttpError).message).toContain('BadArgument');
    expect((error as ReplyHttpError).message).not.toContain('postcode');
    expect(received).toHaveLength(1);
  });

  it('should give up after its retries when the channel keeps failing', async () => {
    const { url, received } = await connector([{ status: 500 }, { status: 500 }, { status: 500 }]);
    const error = await new ReplySender({ retryDelaysMs: [5, 5] }).send(url, 'c6', 'a1', activity, anonymous).catch((e: unknown) => e);
    expect((error as ReplyHttpError).statusCode).toBe(500);
    expect(received).toHaveLength(3);
  });

  it('should retry when the channel cannot be reached, and fail after the retries', async () => {
    const { url, server } = await startConnector();
    await new Promise((resolve) => server.close(resolve));
    const sender = new ReplySender({ retryDelaysMs: [5, 5] });
    await expect(sender.send(url, 'c7', 'a1', activity, anonymous)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('should read an empty answer body as an empty id', async () => {
    const { url } = await connector([{ status: 201, body: '' }]);
    await expect(new ReplySender().send(url, 'c8', 'a1', activity, anonymous)).resolves.toEqual({ id: '' });
  });
});
