import type { AddressInfo } from 'node:net';
import argon2 from 'argon2';
import { ConversationState, MemoryStorage } from 'botbuilder';
import type { Request, Response } from 'restify';
import { createAdapter } from '../../src/adapter';
import { CaseService } from '../../src/cases/caseService';
import type { CaseStore } from '../../src/cases/caseStore';
import { MemoryCaseStore } from '../../src/cases/memoryCaseStore';
import { HelpdeskAuth } from '../../src/console/helpdeskAuth';
import { LoginLimiter } from '../../src/console/loginLimiter';
import { SessionManager } from '../../src/console/sessions';
import type { StaffUser } from '../../src/console/staffUsers';
import { createFollowUp, type FollowUp } from '../../src/followUp/followUpModule';
import { AdapterProactiveSender } from '../../src/handoff/proactive';
import type { HelplineData } from '../../src/helplineData';
import { silentLogger } from '../../src/logger';
import { RedisKeys } from '../../src/redisKeys';
import { createServer } from '../../src/server';
import { FixedClock } from '../fakes/fixedClock';
import { realData, realMessages } from '../helpers/testDeps';
import type Redis from 'ioredis';

export const PASSWORD = 'correct horse battery';
/** The page the browser test opens: the follow-up views alone, as the console will load them. */
const TEST_PAGE = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Helpdesk</title><link rel="stylesheet" href="/helpdesk/followUp.css"></head><body><main></main><script src="/helpdesk/followUp.js"></script></body></html>';

export interface FollowUpServer {
  url: string;
  cases: CaseStore;
  service: CaseService;
  followUp: FollowUp;
  clock: FixedClock;
  stop(): Promise<void>;
}

/**
 * The HTTP surface of the follow-up routes behind the console's real auth (sessions, CSRF, roles),
 * with proactive messages through a real CloudAdapter; memory stores unless a Redis is given.
 */
export async function startFollowUpServer(options: { redis?: Redis; keyPrefix?: string; data?: HelplineData } = {}): Promise<FollowUpServer> {
  const passwordHash = await argon2.hash(PASSWORD, { type: argon2.argon2id });
  const user = (username: string, role: StaffUser['role']): StaffUser => ({ username, name: username, passwordHash, role, teams: ['all'], languages: ['nl'] });
  const auth = new HelpdeskAuth({
    users: [user('coordinator', 'coordinator'), user('agent', 'agent')],
    sessions: new SessionManager('test-secret-test-secret-test-secret'),
    limiter: new LoginLimiter(undefined, 'test'),
    logger: silentLogger,
  });
  const clock = new FixedClock();
  const keys = new RedisKeys(options.keyPrefix);
  const messages = realMessages();
  const sender = new AdapterProactiveSender('');
  sender.attach(createAdapter({}, silentLogger, messages, new ConversationState(new MemoryStorage())));
  const cases: CaseStore = options.redis ? new (await import('../../src/cases/redisCaseStore')).RedisCaseStore(options.redis, keys) : new MemoryCaseStore();
  const followUp = createFollowUp({ redis: options.redis, keys, cases, clock, messages, sender, data: options.data ?? realData(), logger: silentLogger });
  const server = createServer({
    logger: silentLogger,
    processActivity: async () => undefined,
    health: async () => ({ store: 'memory', ok: true }),
    registerRoutes: [
      (s) => s.post('/api/helpdesk/login', async (req: Request, res: Response) => auth.login(req, res)),
      (s) => s.get('/helpdesk/', async (_req: Request, res: Response) => {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(TEST_PAGE);
      }),
      (s) => followUp.register(s, auth),
    ],
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cases,
    service: new CaseService(cases, clock),
    followUp,
    clock,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A signed-in staff member's fetch: cookie and CSRF header added. */
export async function signIn(url: string, username: string): Promise<(path: string, init?: { method?: string; body?: unknown; csrf?: boolean }) => Promise<globalThis.Response>> {
  const res = await fetch(`${url}/api/helpdesk/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`signIn(): ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return (path, init = {}) =>
    fetch(`${url}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        cookie,
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(init.csrf === false ? {} : { 'x-csrf-token': csrfToken }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
}

/** A reporter's origin whose conversation reference points at `serviceUrl` (a fake connector). */
export function reporter(conversationId: string, serviceUrl: string, locale = 'nl') {
  return {
    ownerKey: `test:user-${conversationId}`,
    conversationId,
    channelId: 'test',
    locale,
    conversationRef: { channelId: 'test', serviceUrl, conversation: { id: conversationId }, bot: { id: 'bot' }, user: { id: `user-${conversationId}` }, locale },
  };
}
