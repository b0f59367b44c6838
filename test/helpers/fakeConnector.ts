import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An activity the bot sent to the channel, as the connector received it. */
export interface ReceivedActivity {
  conversationId: string;
  replyToId?: string;
  activity: { type?: string; text?: string; [key: string]: unknown };
}

/**
 * A fake Bot Framework connector on 127.0.0.1: receives the bot's replies exactly as a channel
 * does (POST /v3/conversations/:id/activities[/:replyToId]) and lets tests wait for them.
 */
export class FakeConnector {
  readonly received: ReceivedActivity[] = [];
  private server?: Server;
  private waiters: (() => void)[] = [];

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
        if (req.method === 'POST' && match) {
          const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as ReceivedActivity['activity']) : {};
          this.received.push({ conversationId: decodeURIComponent(match[1]!), replyToId: match[2], activity: body });
          this.waiters.splice(0).forEach((wake) => wake());
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `reply-${this.received.length}` }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this.url;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** Message texts received for a conversation. */
  texts(conversationId: string): string[] {
    return this.received
      .filter((r) => r.conversationId === conversationId && r.activity.type === 'message')
      .map((r) => String(r.activity.text ?? ''));
  }

  /** Waits until `predicate` holds over what was received (polling on every new arrival). */
  async waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`FakeConnector.waitFor(): timed out; received ${JSON.stringify(this.received.map((r) => r.activity.text))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 100));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
