import type Redis from 'ioredis';
import type { RedisKeys } from '../redisKeys';
import { StoredSessionSchema, type SessionStore, type StoredSession } from './sessionStore';

/**
 * Staff sessions in Redis, shared by every instance: one key per session (expiring with it) and
 * a set per staff member of their session ids, so that removal ends them all. Each command
 * touches one key (no cross-slot command on a Cluster); a set member whose session expired is
 * harmless and goes with the set's own expiry.
 */
export class RedisSessionStore implements SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Pick<RedisKeys, 'console'>,
  ) {}

  async put(id: string, session: StoredSession): Promise<void> {
    const ttl = Math.max(1, Math.ceil((session.expiresAt - Date.now()) / 1000));
    await this.redis.set(this.sessionKey(id), JSON.stringify(session), 'EX', ttl);
    await this.redis.sadd(this.userKey(session.username), id);
    // Every session lives as long, so the newest one's expiry covers the set.
    await this.redis.expire(this.userKey(session.username), ttl);
  }

  async get(id: string): Promise<StoredSession | undefined> {
    const raw = await this.redis.get(this.sessionKey(id));
    if (raw === null) return undefined;
    const parsed = StoredSessionSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  }

  async delete(id: string): Promise<void> {
    const session = await this.get(id);
    await this.redis.del(this.sessionKey(id));
    if (session) await this.redis.srem(this.userKey(session.username), id);
  }

  async deleteUser(username: string): Promise<void> {
    const ids = await this.redis.smembers(this.userKey(username));
    for (const id of ids) await this.redis.del(this.sessionKey(id));
    await this.redis.del(this.userKey(username));
  }

  private sessionKey(id: string): string {
    return this.keys.console(`session:${id}`);
  }

  private userKey(username: string): string {
    return this.keys.console(`staffSessions:${username}`);
  }
}
