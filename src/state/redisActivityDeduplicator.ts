import type Redis from 'ioredis';
import type { RedisKeys } from '../redisKeys';
import type { ActivityDeduplicator } from './activityDeduplicator';
import { defineScript } from './redisScript';
import { withRedisRetry } from './redisRetry';
import { FencingTokenLostError } from './turnGuard';

/** How long a handled activity is remembered: channels retry within seconds to minutes. */
export const HANDLED_TTL_MS = 10 * 60 * 1000;

/**
 * Lua function shared by the mark script below and the state write (src/state/redisStorage.ts):
 * adds the activity id to the conversation's sorted set (score = Redis' clock, the same for every
 * instance), drops the ids older than the window, and lets the set expire with its last entry.
 */
export const MARK_HANDLED_LUA = `
local function mark_handled(key, activity, ttl_ms)
  local t = redis.call('TIME')
  local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  redis.call('ZADD', key, now, activity)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - ttl_ms)
  redis.call('PEXPIRE', key, ttl_ms)
end
`;

/** KEYS: handled set, turn lock. ARGV: activity id, TTL ms, fencing token ('' = no check). -1 = lock lost. */
const MARK_SCRIPT = `
${MARK_HANDLED_LUA}
if ARGV[3] ~= '' and redis.call('GET', KEYS[2]) ~= ARGV[3] then return -1 end
mark_handled(KEYS[1], ARGV[1], tonumber(ARGV[2]))
return 0
`;
type MarkCommand = (seenKey: string, lockKey: string, activityId: string, ttlMs: number, token: string) => Promise<number>;

/**
 * Deduplicates across instances: one sorted set of handled activity ids per conversation (in the
 * conversation's hash slot), read with the turn's other reads and written with its state.
 * @remarks One key per conversation (not per activity) so that "erase my data" deletes it by name.
 */
export class RedisActivityDeduplicator implements ActivityDeduplicator {
  private readonly mark: MarkCommand;

  constructor(
    private readonly redis: Redis,
    private readonly keys: Pick<RedisKeys, 'handledActivities' | 'turnLock'>,
  ) {
    this.mark = defineScript<MarkCommand>(redis, 'hbMarkHandled', MARK_SCRIPT, 2);
  }

  async wasHandled(conversationKey: string, activityId: string): Promise<boolean> {
    const score = await withRedisRetry('dedupe.wasHandled()', () => this.redis.zscore(this.keys.handledActivities(conversationKey), activityId));
    return score !== null;
  }

  async markHandled(conversationKey: string, activityId: string, fenceToken?: string): Promise<void> {
    const result = await withRedisRetry('dedupe.markHandled()', () =>
      this.mark(this.keys.handledActivities(conversationKey), this.keys.turnLock(conversationKey), activityId, HANDLED_TTL_MS, fenceToken ?? ''),
    );
    if (result === -1) throw new FencingTokenLostError(conversationKey);
  }
}
