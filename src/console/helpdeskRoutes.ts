import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { Clock } from '../clock';
import type { ConversationRefStore } from '../handoff/conversationRefStore';
import type { HandoffEvents } from '../handoff/handoffEvents';
import type { HandoffQueue } from '../handoff/handoffQueue';
import type { ProactiveSender } from '../handoff/proactive';
import { effectivePresence, PRESENCE, type PresenceStore } from '../handoff/presenceStore';
import type { StaffDesk } from '../handoff/staffDesk';
import type { Messages } from '../i18n/messages';
import type { Logger } from '../logger';
import { registerConsolePage } from './consolePage';
import { registerConversationRoutes } from './conversationRoutes';
import { streamEvents } from './eventStream';
import { HelpdeskAuth, publicStaff } from './helpdeskAuth';
import { LoginLimiter } from './loginLimiter';
import { MemorySessionStore, type SessionStore } from './sessionStore';
import { SessionManager } from './sessions';
import { StaffDirectory, type StaffUser } from './staffUsers';
import { TeamWall } from './teamWall';

/** Canned replies the console offers (`canned.<key>` in every locale). */
export const CANNED_KEYS = ['greeting', 'oneMoment', 'askPhone', 'callbackPlanned', 'goodbye'] as const;

export interface HelpdeskDeps {
  /** Staff accounts; undefined or empty = nobody can log in (the console says so). */
  users?: readonly StaffUser[];
  /** HELPDESK_USERS_FILE: watched, so removals and role changes apply without a restart. */
  usersFile?: string;
  sessionSecret: string;
  /** Where sessions live (Redis with several instances); memory when absent. */
  sessionStore?: SessionStore;
  /** Team of each topic and case kind (data file `teams`): the team walls. */
  teams: Readonly<Record<string, string>>;
  /** TRUST_PROXY: proxies whose X-Forwarded-For names the client. */
  trustedProxies?: readonly string[];
  /** Secure cookies (production, behind HTTPS). */
  secureCookies: boolean;
  queue: HandoffQueue;
  desk: StaffDesk;
  events: HandoffEvents;
  presence: PresenceStore;
  refs: ConversationRefStore;
  sender: ProactiveSender;
  messages: Messages;
  clock: Clock;
  logger: Logger;
  /** Redis client for the login throttle (shared by instances); memory when absent. */
  rateLimitStore?: object;
  rateLimitPrefix: string;
  /** Staff without activity this long count as offline (default 15 minutes). */
  idleMs?: number;
  /** Further staff API modules (follow-up: cases, partners, figures), behind the same guard. */
  extraRoutes?: ((server: Server, auth: HelpdeskAuth) => void)[];
}

const PresenceSchema = z.object({ status: z.enum(PRESENCE) });

/**
 * Registers the helpdesk console: the page at `/helpdesk/` and the staff API of CONTRACT.md under
 * `/api/helpdesk/` (every route but login answers 401 without a session, every state-changing
 * one 403 without the CSRF token).
 */
export function registerHelpdeskRoutes(server: Server, deps: HelpdeskDeps): void {
  const logger = deps.logger.child('helpdesk');
  const idleMs = deps.idleMs ?? 15 * 60_000;
  const touch = async (username: string, status?: (typeof PRESENCE)[number]): Promise<void> => {
    const all = await deps.presence.all();
    const previous = effectivePresence(all[username], deps.clock.now(), idleMs);
    const next = status ?? (previous === 'offline' ? 'online' : previous);
    await deps.presence.set(username, { status: next, lastActive: deps.clock.now().toISOString() });
    if (next !== previous) await deps.events.publish({ type: 'presence' });
  };
  const directory = new StaffDirectory(deps.users, (message) => logger.warn({ err: message }, 'staff file not reloaded'));
  const sessions = new SessionManager(deps.sessionSecret, { store: deps.sessionStore ?? new MemorySessionStore(), secure: deps.secureCookies });
  const wall = new TeamWall(deps.teams);
  const auth = new HelpdeskAuth({
    users: directory,
    sessions,
    limiter: new LoginLimiter(deps.rateLimitStore, deps.rateLimitPrefix),
    logger,
    wall,
    trustedProxies: deps.trustedProxies,
    onActivity: (username) => touch(username),
  });
  if (deps.usersFile) directory.watch(deps.usersFile, (username) => auth.revokeUser(username));
  registerConsolePage(server);
  for (const register of deps.extraRoutes ?? []) register(server, auth);

  server.post('/api/helpdesk/login', async (req: Request, res: Response) => auth.login(req, res));
  server.post(
    '/api/helpdesk/logout',
    auth.guard(true, async (_req, res, { staff, sessionId }) => {
      await auth.logout(sessionId);
      await touch(staff.username, 'offline');
      res.header('Set-Cookie', sessions.clearCookie());
      res.send(200, { ok: true });
    }),
  );
  server.get(
    '/api/helpdesk/me',
    auth.guard(false, async (_req, res, { staff, csrf }) => {
      res.send(200, { user: staff, csrfToken: csrf });
    }),
  );
  server.post(
    '/api/helpdesk/presence',
    auth.guard(true, async (req, res, { staff }) => {
      await touch(staff.username, PresenceSchema.parse(req.body ?? {}).status);
      res.send(200, { ok: true });
    }),
  );
  server.get(
    '/api/helpdesk/staff',
    auth.guard(false, async (_req, res, who) => {
      const [presence, all] = await Promise.all([deps.presence.all(), deps.queue.active()]);
      // Which conversations a colleague handles: only those of the asker's teams (team walls).
      const active = all.filter((item) => auth.maySee(who, item.team));
      const now = deps.clock.now();
      res.send(
        200,
        directory.list().map((user) => ({
          ...publicStaff(user),
          presence: effectivePresence(presence[user.username], now, idleMs),
          handling: active.filter((item) => item.assignee === user.username).map((item) => item.id),
        })),
      );
    }),
  );
  server.get(
    '/api/helpdesk/canned',
    auth.guard(false, async (_req, res, { staff }) => {
      const { messages } = deps;
      res.send(
        200,
        CANNED_KEYS.filter((key) => messages.hasKey('nl', `canned.${key}`)).map((key) => ({
          key,
          textNl: messages.t('nl', `canned.${key}`, { name: staff.name }),
        })),
      );
    }),
  );
  server.get(
    '/api/helpdesk/events',
    auth.guard(false, async (req, res, who) =>
      streamEvents(req, res, who, { events: deps.events, auth, teamOf: async (id) => (await deps.queue.get(id))?.team }),
    ),
  );
  registerConversationRoutes(server, auth, {
    ...deps,
    wall,
    logger,
    staff: (username) => {
      const user = directory.find(username);
      return user && publicStaff(user);
    },
  });
}
