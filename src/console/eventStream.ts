import type { Request, Response } from 'restify';
import type { HandoffEvents } from '../handoff/handoffEvents';

/** A comment line often enough that proxies and load balancers keep the stream open. */
const HEARTBEAT_MS = 20_000;

/**
 * `GET /api/helpdesk/events`: server-sent events of queue changes, transcript lines and presence.
 * The first event, `ready`, comes once the subscription is live; a console (re)loads the queue and
 * its open conversation on it, which is how nothing is missed across reconnects and restarts.
 */
export async function streamEvents(req: Request, res: Response, events: HandoffEvents): Promise<void> {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write('retry: 2000\n\n');
  const unsubscribe = events.subscribe((event) => {
    res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  });
  const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  req.once('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
  await events.ready();
  res.write('event: ready\ndata: {}\n\n');
}
