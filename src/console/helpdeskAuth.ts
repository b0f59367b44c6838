import argon2 from 'argon2';
import type { Request, Response } from 'restify';
import { z } from 'zod';
import { DeskError, type StaffMember } from '../handoff/staffDesk';
import type { Logger } from '../logger';
import { clientAddress } from './clientAddress';
import type { LoginLimiter } from './loginLimiter';
import { sameToken, type SessionManager } from './sessions';
import { StaffDirectory, type StaffUser } from './staffUsers';
import type { TeamWall } from './teamWall';

/** The signed-in staff member of a request, with their session's id and CSRF token. */
export interface StaffRequest {
  staff: StaffMember;
  csrf: string;
  sessionId: string;
}

export type AuthedHandler = (req: Request, res: Response, who: StaffRequest) => Promise<void>;

export interface AuthDeps {
  /** The accounts: a directory that follows the staff file, or a fixed list. */
  users?: readonly StaffUser[] | StaffDirectory;
  sessions: SessionManager;
  limiter: LoginLimiter;
  logger: Logger;
  /** Team walls; the console always has one (absent only in module tests of other routes). */
  wall?: TeamWall;
  /** TRUST_PROXY: proxies whose X-Forwarded-For names the client (login throttling). */
  trustedProxies?: readonly string[];
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

interface LiveStream {
  sessionId: string;
  username: string;
  close: () => void;
}

/**
 * Login, logout, and the wrapper every other route goes through: 401 without a live session (or
 * when the account is gone from the staff file), 403 on a state-changing request without the
 * CSRF token.
 */
export class HelpdeskAuth {
  readonly wall?: TeamWall;
  private readonly directory: StaffDirectory;
  /** Verified against for unknown usernames, so timing does not reveal which names exist. */
  private readonly dummyHash: Promise<string>;
  private readonly streams = new Set<LiveStream>();

  constructor(private readonly deps: AuthDeps) {
    this.wall = deps.wall;
    this.directory = deps.users instanceof StaffDirectory ? deps.users : new StaffDirectory(deps.users);
    this.dummyHash = argon2.hash('not a real password', { type: argon2.argon2id });
    this.dummyHash.catch(() => undefined);
  }

  async login(req: Request, res: Response): Promise<void> {
    const { sessions, limiter } = this.deps;
    if (this.directory.list().length === 0) {
      res.send(503, { error: 'no staff are configured (HELPDESK_USERS_FILE)' });
      return;
    }
    const body = LoginSchema.safeParse(req.body);
    if (!body.success) {
      res.send(400, { error: 'username and password are required' });
      return;
    }
    const { username, password } = body.data;
    const ip = clientAddress(req, this.deps.trustedProxies ?? []);
    try {
      const gate = await limiter.gate(username, ip);
      if (!gate.allowed) {
        res.header('Retry-After', String(gate.retryAfterSeconds));
        res.send(429, { error: 'too many attempts, try again later' });
        return;
      }
      const user = this.directory.find(username);
      const ok = await argon2.verify(user?.passwordHash ?? (await this.dummyHash), password).catch(() => false);
      if (!user || !ok) {
        await limiter.failed(username, ip);
        res.send(401, { error: 'wrong username or password' });
        return;
      }
      await limiter.succeeded(username);
      const { cookie, csrf } = await sessions.issue(user.username);
      res.header('Set-Cookie', cookie);
      await this.deps.onActivity?.(user.username);
      res.send(200, { csrfToken: csrf, user: publicStaff(user) });
    } catch (error) {
      // A store that is down (Redis): no internal text in the answer (issue 20).
      this.deps.logger.error({ err: (error as Error).message }, 'login failed');
      res.send(503, { error: 'the helpdesk is temporarily unavailable' });
    }
  }

  /** Ends this session everywhere and closes its live event streams here. */
  async logout(sessionId: string): Promise<void> {
    await this.deps.sessions.revoke(sessionId);
    for (const stream of [...this.streams]) if (stream.sessionId === sessionId) stream.close();
  }

  /** Ends every session of a staff member removed from the staff file. */
  async revokeUser(username: string): Promise<void> {
    await this.deps.sessions.revokeUser(username);
    for (const stream of [...this.streams]) if (stream.username === username) stream.close();
  }

  /** Whether a session is still live and its account still exists (the event stream asks). */
  async stillValid(who: StaffRequest): Promise<boolean> {
    return this.directory.find(who.staff.username) !== undefined && (await this.deps.sessions.isLive(who.sessionId));
  }

  /** Registers an open event stream, so logout closes it at once; returns the unregister call. */
  trackStream(who: StaffRequest, close: () => void): () => void {
    const stream = { sessionId: who.sessionId, username: who.staff.username, close };
    this.streams.add(stream);
    return () => this.streams.delete(stream);
  }

  /** Throws 403 unless the staff member may see that team's work (no wall: module tests). */
  requireTeam(who: StaffRequest, team: string | undefined): void {
    this.wall?.require(who.staff, team);
  }

  maySee(who: StaffRequest, team: string | undefined): boolean {
    return this.wall ? this.wall.maySee(who.staff, team) : true;
  }

  /** Whether a case of this kind is of the staff member's teams. */
  maySeeCase(who: StaffRequest, kind: string): boolean {
    return this.wall ? this.wall.maySee(who.staff, this.wall.caseTeam(kind)) : true;
  }

  /** Throws 403 unless {@link maySeeCase}. */
  requireCase(who: StaffRequest, kind: string): void {
    if (!this.maySeeCase(who, kind)) throw new DeskError(403, 'this belongs to another team');
  }

  /** Wraps a handler: `changes` = state-changing (needs the CSRF header). */
  guard(changes: boolean, handler: AuthedHandler): (req: Request, res: Response) => Promise<void> {
    return async (req, res) => {
      try {
        const session = await this.deps.sessions.read(req.headers.cookie);
        const user = session && this.directory.find(session.username);
        if (!session || !user) {
          res.send(401, { error: 'not signed in' });
          return;
        }
        if (changes && !sameToken(req.header('x-csrf-token'), session.csrf)) {
          res.send(403, { error: 'missing or wrong CSRF token' });
          return;
        }
        if (changes) await this.deps.onActivity?.(user.username);
        await handler(req, res, { staff: publicStaff(user), csrf: session.csrf, sessionId: session.id });
      } catch (error) {
        sendError(res, this.deps.logger, error);
      }
    };
  }
}
