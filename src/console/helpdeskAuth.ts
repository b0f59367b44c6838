import argon2 from 'argon2';
import type { Request, Response } from 'restify';
import { z } from 'zod';
import { DeskError, type StaffMember } from '../handoff/staffDesk';
import type { Logger } from '../logger';
import type { LoginLimiter } from './loginLimiter';
import { sameToken, type SessionManager } from './sessions';
import type { StaffUser } from './staffUsers';

/** The signed-in staff member of a request, with their session's CSRF token. */
export interface StaffRequest {
  staff: StaffMember;
  csrf: string;
}

export type AuthedHandler = (req: Request, res: Response, who: StaffRequest) => Promise<void>;

export interface AuthDeps {
  users?: readonly StaffUser[];
  sessions: SessionManager;
  limiter: LoginLimiter;
  logger: Logger;
  /** Called on every state-changing request (presence: last activity). */
  onActivity?: (username: string) => Promise<void>;
}

const LoginSchema = z.object({ username: z.string().min(1).max(60), password: z.string().min(1).max(200) });

/** The account without its hash: what the desk, the API and the page see. */
export function publicStaff(user: StaffUser): StaffMember {
  return { username: user.username, name: user.name, role: user.role, teams: user.teams, languages: user.languages };
}

/** Sends a JSON error the console can show. 5xx answers carry no details (they are logged). */
export function sendError(res: Response, logger: Logger, error: unknown): void {
  if (error instanceof DeskError) res.send(error.status, { error: error.message });
  else if (error instanceof z.ZodError) res.send(400, { error: 'invalid request body' });
  else {
    logger.error({ err: (error as Error).message }, 'helpdesk request failed');
    res.send(500, { error: 'internal error' });
  }
}

/**
 * Login, and the wrapper every other route goes through: 401 without a valid session (or when
 * the account is gone from the file), 403 on a state-changing request without the CSRF token.
 */
export class HelpdeskAuth {
  private dummyHash?: Promise<string>;

  constructor(private readonly deps: AuthDeps) {}

  async login(req: Request, res: Response): Promise<void> {
    const { users, sessions, limiter } = this.deps;
    if (!users || users.length === 0) {
      res.send(503, { error: 'no staff are configured (HELPDESK_USERS_FILE)' });
      return;
    }
    const body = LoginSchema.safeParse(req.body);
    if (!body.success) {
      res.send(400, { error: 'username and password are required' });
      return;
    }
    const key = `${body.data.username}:${req.socket.remoteAddress ?? '?'}`;
    const wait = await limiter.blockedFor(key);
    if (wait > 0) {
      res.header('Retry-After', String(wait));
      res.send(429, { error: 'too many attempts, try again later' });
      return;
    }
    const user = users.find((u) => u.username === body.data.username);
    // Verify against a dummy hash for unknown names, so timing does not reveal which names exist.
    this.dummyHash ??= argon2.hash('not a real password', { type: argon2.argon2id });
    const ok = await argon2.verify(user?.passwordHash ?? (await this.dummyHash), body.data.password).catch(() => false);
    if (!user || !ok) {
      await limiter.failed(key);
      res.send(401, { error: 'wrong username or password' });
      return;
    }
    await limiter.succeeded(key);
    const { cookie, csrf } = await sessions.issue(user.username);
    res.header('Set-Cookie', cookie);
    await this.deps.onActivity?.(user.username);
    res.send(200, { csrfToken: csrf, user: publicStaff(user) });
  }

  /** Wraps a handler: `changes` = state-changing (needs the CSRF header). */
  guard(changes: boolean, handler: AuthedHandler): (req: Request, res: Response) => Promise<void> {
    return async (req, res) => {
      const session = await this.deps.sessions.read(req.headers.cookie);
      const user = session && this.deps.users?.find((u) => u.username === session.username);
      if (!session || !user) {
        res.send(401, { error: 'not signed in' });
        return;
      }
      if (changes && !sameToken(req.header('x-csrf-token'), session.csrf)) {
        res.send(403, { error: 'missing or wrong CSRF token' });
        return;
      }
      try {
        if (changes) await this.deps.onActivity?.(user.username);
        await handler(req, res, { staff: publicStaff(user), csrf: session.csrf });
      } catch (error) {
        sendError(res, this.deps.logger, error);
      }
    };
  }
}
