import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../clock';

/** What a valid Direct Line token says. */
export interface TokenClaims {
  conversationId: string;
  userId: string;
}

interface Entry extends TokenClaims {
  expiresAt: number;
}

/** After a refresh the previous token works this long: a poll already on its way still lands. */
const GRACE_MS = 60_000;

/**
 * The browser chat's conversation tokens: random, bound to one conversation and one user id,
 * expiring after `ttlSeconds` unless refreshed (Web Chat refreshes every 15 minutes).
 *
 * @remarks
 * Opaque random values looked up here rather than signed tokens: the conversations live in
 * this process's memory anyway, and a lookup lets a conversation's tokens end with it. Only a
 * hash of each token is kept, so a heap dump or a log of this map does not hand them out; a
 * conversation holds at most two (the current one and the one it replaced).
 */
export class ConversationTokens {
  private readonly byHash = new Map<string, Entry>();
  private readonly byConversation = new Map<string, string[]>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlSeconds: number,
  ) {}

  issue(conversationId: string, userId: string): { token: string; expiresIn: number } {
    const token = randomBytes(32).toString('base64url');
    const hash = hashOf(token);
    this.byHash.set(hash, { conversationId, userId, expiresAt: this.now() + this.ttlSeconds * 1000 });
    const hashes = [...(this.byConversation.get(conversationId) ?? []), hash];
    // Only the newest two: a client refreshing in a loop cannot grow the map.
    while (hashes.length > 2) this.byHash.delete(hashes.shift() ?? '');
    this.byConversation.set(conversationId, hashes);
    return { token, expiresIn: this.ttlSeconds };
  }

  /** A new token; the old one ends after a short grace. */
  refresh(oldToken: string, conversationId: string, userId: string): { token: string; expiresIn: number } {
    const old = this.byHash.get(hashOf(oldToken));
    if (old) old.expiresAt = Math.min(old.expiresAt, this.now() + GRACE_MS);
    return this.issue(conversationId, userId);
  }

  /** The claims of a token that exists and has not expired. */
  verify(token: string | undefined): TokenClaims | undefined {
    if (!token || token.length > 200) return undefined;
    const entry = this.byHash.get(hashOf(token));
    if (!entry || entry.expiresAt <= this.now()) return undefined;
    return { conversationId: entry.conversationId, userId: entry.userId };
  }

  /** Drops every token of a conversation that is gone. */
  forget(conversationId: string): void {
    for (const hash of this.byConversation.get(conversationId) ?? []) this.byHash.delete(hash);
    this.byConversation.delete(conversationId);
  }

  private now(): number {
    return this.clock.now().getTime();
  }
}

/** The map key: equal lookups need no constant-time compare, the hash hides the token. */
const hashOf = (token: string): string => createHash('sha256').update(token).digest('base64url');
