import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/** One activity the bot sent, with the moment the connector had it in full. */
export interface Reply {
  at: number;
  type: string;
  text: string;
}

const ROUTE = /^\/v3\/conversations\/([^/]+)\/activities(?:\/[^/?]+)?/;

/**
 * A fake Bot Framework connector on 127.0.0.1 for the benchmark: receives the bot's replies as a
 * channel does (`POST /v3/conversations/:id/activities[/:replyToId]`) and files each under the
 * turn that is open for its conversation.
 *
 * @remarks Unlike test/helpers/fakeConnector.ts it keeps nothing after a turn closes and wakes
 * only the listener of that conversation, so that it costs the same at 10 and at 10,000 turns.
 */
export class BenchConnector {
  private server?: Server;
  private readonly open = new Map<string, Reply[]>();
  private readonly listeners = new Map<string, (reply: Reply) => void>();
  private nextId = 1;
  /** Replies for a conversation with no open turn (they should not happen). */
  stray = 0;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const match = ROUTE.exec(req.url ?? '');
        if (req.method === 'POST' && match) this.file(decodeURIComponent(match[1] ?? ''), chunks);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(`{"id":"r-${this.nextId++}"}`);
      });
    });
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Opens a turn: replies for `conversationId` go to the returned array until `closeTurn`. */
  openTurn(conversationId: string): Reply[] {
    const replies: Reply[] = [];
    this.open.set(conversationId, replies);
    return replies;
  }

  closeTurn(conversationId: string): void {
    this.open.delete(conversationId);
  }

  /** Calls `listener` for every reply of a conversation (relay measurements), until removed. */
  listen(conversationId: string, listener?: (reply: Reply) => void): void {
    if (listener) this.listeners.set(conversationId, listener);
    else this.listeners.delete(conversationId);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private file(conversationId: string, chunks: Buffer[]): void {
    const at = performance.now();
    let body: { type?: string; text?: string } = {};
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
    } catch {
      // An unreadable body still counts as a reply; the script check will flag the turn.
    }
    const reply: Reply = { at, type: body.type ?? '', text: body.text ?? '' };
    this.listeners.get(conversationId)?.(reply);
    const turn = this.open.get(conversationId);
    if (turn) turn.push(reply);
    else if (!this.listeners.has(conversationId)) this.stray += 1;
  }
}
