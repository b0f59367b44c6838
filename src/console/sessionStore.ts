import { z } from 'zod';

/** What the server keeps of a staff session; the cookie holds only its signed id. */
export const StoredSessionSchema = z.object({
  username: z.string(),
  /** The CSRF token bound to this session (X-CSRF-Token must equal it). */
  csrf: z.string(),
  expiresAt: z.number(),
});
export type StoredSession = z.infer<typeof StoredSessionSchema>;

/**
 * Server-side staff sessions (memory or Redis), so that logout and removing a staff member end
 * a session at once on every instance (issue 20: a stolen cookie worked 8 h after logout).
 */
export interface SessionStore {
  put(id: string, session: StoredSession): Promise<void>;
  get(id: string): Promise<StoredSession | undefined>;
  delete(id: string): Promise<void>;
  /** Ends every session of a staff member (removed from the staff file). */
  deleteUser(username: string): Promise<void>;
}

/** One process: Maps, expired entries dropped when read and on every write. */
export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, StoredSession>();

  constructor(private readonly now: () => number = Date.now) {}

  async put(id: string, session: StoredSession): Promise<void> {
    const now = this.now();
    for (const [key, value] of this.sessions) if (value.expiresAt <= now) this.sessions.delete(key);
    this.sessions.set(id, session);
  }

  async get(id: string): Promise<StoredSession | undefined> {
    const session = this.sessions.get(id);
    if (session && session.expiresAt <= this.now()) {
      this.sessions.delete(id);
      return undefined;
    }
    return session;
  }

  async delete(id: string): Promise<void> {
    this.sessions.delete(id);
  }

  async deleteUser(username: string): Promise<void> {
    for (const [key, value] of this.sessions) if (value.username === username) this.sessions.delete(key);
  }
}
