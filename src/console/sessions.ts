import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { jose } from './joseLoader';

/** The session cookie's name; HttpOnly, SameSite=Strict, Path=/. */
export const SESSION_COOKIE = 'helpdesk_session';

/** What a valid session says. */
export interface Session {
  username: string;
  /** The CSRF token bound to this session (X-CSRF-Token must equal it). */
  csrf: string;
}

/**
 * Signed staff sessions: an HS256 JWT (jose) in a cookie, carrying the username and the session's
 * CSRF token. Nothing is stored server-side, so every instance accepts the cookie another issued
 * (same `HELPDESK_SESSION_SECRET`).
 * @remarks Logout clears the cookie; a copied token stays valid until it expires (8 h by
 * default), the usual trade-off of stateless sessions.
 */
export class SessionManager {
  private readonly key: KeyObject;

  constructor(
    secret: string,
    private readonly ttlSeconds = 8 * 3600,
    private readonly secure = false,
  ) {
    // A KeyObject rather than bytes: jose is loaded outside jest's sandbox, where a sandboxed
    // Uint8Array would not pass its instanceof checks.
    this.key = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  async issue(username: string): Promise<{ cookie: string; csrf: string }> {
    const csrf = randomBytes(24).toString('base64url');
    const token = await new (jose().SignJWT)({ csrf })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(username)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
    return { cookie: this.cookie(token, this.ttlSeconds), csrf };
  }

  /** The session of a request's Cookie header, or undefined (missing, forged, expired). */
  async read(cookieHeader: string | undefined): Promise<Session | undefined> {
    const token = parseCookies(cookieHeader)[SESSION_COOKIE];
    if (!token) return undefined;
    try {
      const { payload } = await jose().jwtVerify(token, this.key, { algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string' || typeof payload.csrf !== 'string') return undefined;
      return { username: payload.sub, csrf: payload.csrf };
    } catch {
      return undefined;
    }
  }

  /** A Set-Cookie value that removes the session. */
  clearCookie(): string {
    return this.cookie('', 0);
  }

  private cookie(value: string, maxAge: number): string {
    return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${this.secure ? '; Secure' : ''}`;
  }
}

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
