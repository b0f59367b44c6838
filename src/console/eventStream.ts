import type { Request, Response } from 'restify';
import type { DeskEvent, HandoffEvents } from '../handoff/handoffEvents';
import type { HelpdeskAuth, StaffRequest } from './helpdeskAuth';

/** A comment line often enough that proxies and load balancers keep the stream open. */
const HEARTBEAT_MS = 20_000;
/** How often an open stream asks whether its session still lives (CONTRACT: at least every 30 s). */
const SESSION_RECHECK_MS = 10_000;
/** Teams of conversations remembered per stream (a conversation never changes team). */
const MAX_KNOWN_TEAMS = 1_000;

export interface EventStreamDeps {
  events: HandoffEvents;
  auth: Pick<HelpdeskAuth, 'stillValid' | 'trackStream' | 'maySee'>;
  /** The team of a conversation (from the queue), for events that do not say it. */
  teamOf: (id: string) => Promise<string | undefined>;
  sessionRecheckMs?: number;
}

/**
 * `GET /api/helpdesk/events`: server-sent events of queue changes, transcript lines and presence.
 * The first event, `ready`, comes once the subscription is live; a console (re)loads the queue and
 * its open conversation on it, which is how nothing is missed across reconnects and restarts.
 *
 * @remarks Issue 20: the stream was checked only when it opened, survived logout and carried
 * every team's messages. Now it closes at logout (at once on this instance, within the recheck
 * interval on others, and when the account leaves the staff file), and carries only events of
 * conversations of the member's teams (coordinators: all); events keep their order.
 */
export async function streamEvents(req: Request, res: Response, who: StaffRequest, deps: EventStreamDeps): Promise<void> {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write('retry: 2000\n\n');
  const teams = new Map<string, string | undefined>();
  const teamOf = async (id: string): Promise<string | undefined> => {
    if (teams.has(id)) return teams.get(id);
    const team = await deps.teamOf(id);
    if (teams.size >= MAX_KNOWN_TEAMS) teams.clear();
    teams.set(id, team);
    return team;
  };
  const visible = async (event: DeskEvent): Promise<boolean> => {
    if (event.type === 'presence') return true;
    const team = event.type === 'changed' && event.team ? event.team : await teamOf(event.id);
    return deps.auth.maySee(who, team);
  };
  let order = Promise.resolve();
  const unsubscribe = deps.events.subscribe((event) => {
    order = order
      .then(async () => {
        if (!res.writableEnded && (await visible(event))) res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
      })
      .catch(() => undefined);
  });
  const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  const recheck = setInterval(() => {
    void deps.auth.stillValid(who).then(
      (valid) => valid || close(),
      () => undefined, // the store is down: keep the stream; the next check decides
    );
  }, deps.sessionRecheckMs ?? SESSION_RECHECK_MS);
  recheck.unref();
  let untrack = (): void => undefined;
  const close = (): void => {
    clearInterval(heartbeat);
    clearInterval(recheck);
    unsubscribe();
    untrack();
    if (!res.writableEnded) res.end();
  };
  untrack = deps.auth.trackStream(who, close);
  req.once('close', close);
  await deps.events.ready();
  if (!res.writableEnded) res.write('event: ready\ndata: {}\n\n');
}
