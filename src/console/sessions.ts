import { createHash, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { jose } from './joseLoader';
import { MemorySessionStore, type SessionStore } from './sessionStore';

/** Options of {@link SessionManager}. */
export interface SessionOptions {
  /** Memory (one instance) when absent. */
  store?: SessionStore;
  ttlSeconds?: number;
  /** Secure cookies (production, behind HTTPS). */
  secure?: boolean;
}

/** The session cookie's name; HttpOnly, SameSite=Strict, Path=/. */
export const SESSION_COOKIE = 'helpdesk_session';

/** What a valid session says. */
export interface Session {
  /** The session's id as stored (a hash of the cookie's secret part). */
  id: string;
  username: string;
  /** The CSRF token bound to this session (X-CSRF-Token must equal it). */
  csrf: string;
}

/**
 * Staff sessions kept server-side (memory or Redis, {@link SessionStore}): the cookie is an
 * HS256 JWT (jose) naming the session, and a session is valid only while the store has it.
 *
 * @remarks
 * Before issue 20 the cookie was the whole session: logout only cleared it, so a copied cookie
 * worked 8 h on, and removing a staff member took a restart. Now logout deletes the session,
 * removal deletes all of the member's, on every instance sharing the store. The signature
 * (`HELPDESK_SESSION_SECRET`) still keeps guessed ids from reaching the store at all; the store
 * only sees a hash of the id, so a copy of Redis holds no usable cookie.
 */
export class SessionManager {
  private readonly key: KeyObject;
  private readonly store: SessionStore;
  private readonly ttlSeconds: number;
  private readonly secure: boolean;

  constructor(secret: string, options: SessionOptions = {}) {
    this.store = options.store ?? new MemorySessionStore();
    this.ttlSeconds = options.ttlSeconds ?? 8 * 3600;
    this.secure = options.secure ?? false;
    // A KeyObject rather than bytes: jose is loaded outside jest's sandbox, where a sandboxed
    // Uint8Array would not pass its instanceof checks.
    this.key = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  async issue(username: string): Promise<{ cookie: string; csrf: string; id: string }> {
    const secretId = randomBytes(32).toString('base64url');
    const csrf = randomBytes(24).toString('base64url');
    const id = hashOf(secretId);
    await this.store.put(id, { username, csrf, expiresAt: Date.now() + this.ttlSeconds * 1000 });
    const token = await new (jose().SignJWT)({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(username)
      .setJti(secretId)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
    return { cookie: this.cookie(token, this.ttlSeconds), csrf, id };
  }

  /** The session of a request's Cookie header, or undefined (missing, forged, expired, revoked). */
  async read(cookieHeader: string | undefined): Promise<Session | undefined> {
    const token = parseCookies(cookieHeader)[SESSION_COOKIE];
    if (!token) return undefined;
    let subject: string;
    let secretId: string;
    try {
      const { payload } = await jose().jwtVerify(token, this.key, { algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string' || typeof payload.jti !== 'string') return undefined;
      subject = payload.sub;
      secretId = payload.jti;
    } catch {
      return undefined;
    }
    const id = hashOf(secretId);
    const stored = await this.store.get(id);
    if (!stored || stored.username !== subject) return undefined;
    return { id, username: stored.username, csrf: stored.csrf };
  }

  /** Still valid? (the event stream asks again and again). */
  async isLive(id: string): Promise<boolean> {
    return (await this.store.get(id)) !== undefined;
  }

  revoke(id: string): Promise<void> {
    return this.store.delete(id);
  }

  revokeUser(username: string): Promise<void> {
    return this.store.deleteUser(username);
  }

  /** A Set-Cookie value that removes the session cookie. */
  clearCookie(): string {
    return this.cookie('', 0);
  }

  private cookie(value: string, maxAge: number): string {
    return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${this.secure ? '; Secure' : ''}`;
  }
}

const hashOf = (value: string): string => createHash('sha256').update(value).digest('base64url');

/** Parses a Cookie header into name → value (first occurrence wins). */
export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (name && !(name in out)) out[name] = part.slice(eq + 1).trim();
  }
  return out;
}

/** Constant-time comparison for the CSRF header. */
export function sameToken(a: string | undefined, b: string): boolean {
  if (!a || a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
