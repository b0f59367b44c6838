import type Redis from 'ioredis';
import type { RedisKeys } from '../redisKeys';
import { StoreUnavailableError } from '../errors';
import { defineScript } from '../state/redisScript';
import { withRedisRetry } from '../state/redisRetry';
import {
  ItemFieldsSchema,
  QueueItemSchema,
  queueScore,
  RECENT_LINES,
  TRANSCRIPT_MAX,
  TranscriptEntrySchema,
  WAIT_SAMPLES,
  type HandoffQueue,
  type ItemFields,
  type QueueItem,
  type TranscriptEntry,
  type TransitionOptions,
  type TransitionResult,
} from './handoffQueue';
import { allowedFrom, HANDOFF_STATES, isQueued, nextState, type HandoffEvent, type HandoffState } from './handoffState';

/**
 * One atomic move. The state machine lives in TypeScript (`handoffState.ts`); the script only
 * checks that the live state is one the move may start from (and the assignee, when asked), then
 * writes state, assignee, fields, queue membership and TTL together. That is what makes two
 * simultaneous "take" clicks end with exactly one winner.
 * KEYS: item hash, queue zset, active set.
 * ARGV: allowed states, new state, expected assignee ('' = any), assignee ('-' keep, '' clear),
 *       queue score, id, ttl seconds, then field/value pairs.
 */
const TRANSITION_SCRIPT = `
local state = redis.call('HGET', KEYS[1], 'state') or 'bot'
local assignee = redis.call('HGET', KEYS[1], 'assignee') or ''
local allowed = false
for s in string.gmatch(ARGV[1], '%S+') do if s == state then allowed = true end end
if (not allowed) or (ARGV[3] ~= '' and ARGV[3] ~= assignee) then return {0, state, assignee} end
redis.call('HSET', KEYS[1], 'state', ARGV[2])
if ARGV[4] == '' then redis.call('HDEL', KEYS[1], 'assignee')
elseif ARGV[4] ~= '-' then redis.call('HSET', KEYS[1], 'assignee', ARGV[4]) end
for i = 8, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
if ARGV[2] == 'waiting' or ARGV[2] == 'callback' then redis.call('ZADD', KEYS[2], ARGV[5], ARGV[6])
else redis.call('ZREM', KEYS[2], ARGV[6]) end
if ARGV[2] == 'staff' then redis.call('SADD', KEYS[3], ARGV[6]) else redis.call('SREM', KEYS[3], ARGV[6]) end
redis.call('EXPIRE', KEYS[1], ARGV[7])
return {1, state, assignee}
`;

/**
 * Appends lines to a list, keeps its last ARGV[1] entries and refreshes its TTL (ARGV[2]), as one
 * command: the chat lines kept for staff are written on every turn, and MULTI/RPUSH/LTRIM/EXPIRE/EXEC
 * cost five. KEYS: the list. ARGV: max entries, TTL seconds, then the lines.
 */
const PUSH_CAPPED_SCRIPT = `
redis.call('RPUSH', KEYS[1], unpack(ARGV, 3))
redis.call('LTRIM', KEYS[1], -tonumber(ARGV[1]), -1)
redis.call('EXPIRE', KEYS[1], ARGV[2])
return 1
`;
const PUSH_CAPPED_COMMAND = 'hbPushCapped';

/**
 * Removes ids from an index only when their item hash does not exist (expired), checked on the
 * server at the moment of removal. KEYS: the index. ARGV: item key prefix, 'zset' | 'set', ids.
 * The item keys are built from KEYS[1]'s slot mates ({handoff}), so the script stays in one slot.
 */
const DROP_EXPIRED_SCRIPT = `
local removed = 0
for i = 3, #ARGV do
  if redis.call('EXISTS', ARGV[1] .. ARGV[i]) == 0 then
    if ARGV[2] == 'zset' then removed = removed + redis.call('ZREM', KEYS[1], ARGV[i])
    else removed = removed + redis.call('SREM', KEYS[1], ARGV[i]) end
  end
end
return removed
`;
type DropExpiredCommand = (index: string, itemPrefix: string, kind: 'zset' | 'set', ...ids: string[]) => Promise<number>;
type PushCappedCommand = (key: string, max: number, ttlSeconds: number, ...lines: string[]) => Promise<number>;

/** Field values are JSON so each parses back through its schema; state and assignee stay raw for the script. */
function encodePatch(patch: Partial<ItemFields>): string[] {
  return Object.entries(patch).flatMap(([field, value]) => (value === undefined ? [] : [field, JSON.stringify(value)]));
}

const isState = (value: string): value is HandoffState => (HANDOFF_STATES as readonly string[]).includes(value);

/**
 * The production queue on Redis: a hash per conversation, a sorted set for the queue (score =
 * priority rank, then time queued), a set of conversations with staff, and capped lists for
 * transcripts. Every key holding personal data expires after `transcriptDays`.
 */
export class RedisHandoffQueue implements HandoffQueue {
  private readonly pushCappedCommand: PushCappedCommand;
  private readonly dropExpiredCommand: DropExpiredCommand;

  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly ttlSeconds: number,
  ) {
    this.pushCappedCommand = defineScript<PushCappedCommand>(redis, PUSH_CAPPED_COMMAND, PUSH_CAPPED_SCRIPT, 1);
    this.dropExpiredCommand = defineScript<DropExpiredCommand>(redis, 'hbQueueDropExpired', DROP_EXPIRED_SCRIPT, 1);
  }

  private dropExpired(itemPrefix: string, index: string, kind: 'zset' | 'set', ...ids: string[]): Promise<number> {
    return this.dropExpiredCommand(index, itemPrefix, kind, ...ids);
  }

  async get(id: string): Promise<QueueItem | undefined> {
    return this.parse(id, await withRedisRetry('handoffQueue.get()', () => this.redis.hgetall(this.itemKey(id))));
  }

  async forget(id: string): Promise<void> {
    await this.redis
      .multi()
      .del(this.itemKey(id), this.keys.handoff(`transcript:${id}`), this.keys.handoff(`recent:${id}`))
      .zrem(this.keys.handoff('queue'), id)
      .srem(this.keys.handoff('active'), id)
      .exec();
  }

  async transition(id: string, event: HandoffEvent, options: TransitionOptions = {}): Promise<TransitionResult> {
    const patch = options.patch ?? {};
    let score = 0;
    if (isQueued(nextState(allowedFrom(event)[0]!, event))) {
      const existing = patch.priority && patch.queuedAt ? undefined : await this.get(id);
      const now = new Date().toISOString();
      score = queueScore(patch.priority ?? existing?.priority ?? 'normal', patch.queuedAt ?? existing?.queuedAt ?? now);
    }
    const assignee = options.assignee === undefined ? '-' : options.assignee === null ? '' : options.assignee;
    const reply = (await withRedisRetry('handoffQueue.transition()', () => this.redis.eval(
      TRANSITION_SCRIPT,
      3,
      this.itemKey(id),
      this.keys.handoff('queue'),
      this.keys.handoff('active'),
      allowedFrom(event).join(' '),
      nextState(allowedFrom(event)[0]!, event),
      options.expectAssignee ?? '',
      assignee,
      String(score),
      id,
      String(this.ttlSeconds),
      ...encodePatch(patch),
    ))) as [number, string, string];
    const [ok, state, current] = reply;
    const previous: HandoffState = isState(state) ? state : 'bot';
    return ok === 1 ? { ok: true, previous } : { ok: false, state: previous, assignee: current || undefined };
  }

  async update(id: string, patch: Partial<ItemFields>): Promise<void> {
    const pairs = encodePatch(patch);
    if (pairs.length === 0) return;
    await this.redis.multi().hset(this.itemKey(id), ...pairs).expire(this.itemKey(id), this.ttlSeconds).exec();
  }

  async position(id: string): Promise<number | undefined> {
    const rank = await withRedisRetry('handoffQueue.position()', () => this.redis.zrank(this.keys.handoff('queue'), id));
    return rank ?? undefined;
  }

  async list(): Promise<QueueItem[]> {
    return this.load(await withRedisRetry('handoffQueue.list()', () => this.redis.zrange(this.keys.handoff('queue'), 0, -1)), 'queue');
  }

  async active(): Promise<QueueItem[]> {
    return this.load(await withRedisRetry('handoffQueue.active()', () => this.redis.smembers(this.keys.handoff('active'))), 'active');
  }

  async appendTranscript(id: string, entries: TranscriptEntry[]): Promise<void> {
    await this.pushCapped(this.keys.handoff(`transcript:${id}`), entries, TRANSCRIPT_MAX);
  }

  async transcript(id: string): Promise<TranscriptEntry[]> {
    return this.readList(this.keys.handoff(`transcript:${id}`));
  }

  async appendRecent(id: string, entries: TranscriptEntry[]): Promise<void> {
    await this.pushCapped(this.keys.handoff(`recent:${id}`), entries, RECENT_LINES);
  }

  async takeRecent(id: string): Promise<TranscriptEntry[]> {
    const key = this.keys.handoff(`recent:${id}`);
    const result = await this.redis.multi().lrange(key, 0, -1).del(key).exec();
    const raw = (result?.[0]?.[1] as string[] | undefined) ?? [];
    return raw.map((line) => TranscriptEntrySchema.parse(JSON.parse(line)));
  }

  async recordWait(ms: number): Promise<void> {
    const key = this.keys.handoff('waits');
    await this.redis.multi().lpush(key, String(Math.round(ms))).ltrim(key, 0, WAIT_SAMPLES - 1).exec();
  }

  async recentWaits(): Promise<number[]> {
    const raw = await this.redis.lrange(this.keys.handoff('waits'), 0, WAIT_SAMPLES - 1);
    return raw.map(Number).filter((n) => Number.isFinite(n));
  }

  async recordRating(rating: number): Promise<void> {
    // Anonymous (a number only), so no TTL; capped so it cannot grow without bound.
    const key = this.keys.handoff('ratings');
    await this.redis.multi().rpush(key, String(rating)).ltrim(key, -10_000, -1).exec();
  }

  private itemKey(id: string): string {
    return this.keys.handoff(`item:${id}`);
  }

  private async pushCapped(key: string, entries: TranscriptEntry[], max: number): Promise<void> {
    if (entries.length === 0) return;
    const lines = entries.map((e) => JSON.stringify(TranscriptEntrySchema.parse(e)));
    await this.pushCappedCommand(key, max, this.ttlSeconds, ...lines);
  }

  private async readList(key: string): Promise<TranscriptEntry[]> {
    const raw = await this.redis.lrange(key, 0, -1);
    return raw.map((line) => TranscriptEntrySchema.parse(JSON.parse(line)));
  }

  /**
   * Loads items by id. A read never changes the queue: when any read fails (a timeout, a
   * failover), the whole call fails and every item stays where it is. Only an id whose hash is
   * really gone (it expired: retention) leaves the index, and that by a script that checks again
   * on the server that the hash does not exist, so a slow reply can never remove a live item.
   */
  private async load(ids: string[], index: 'queue' | 'active'): Promise<QueueItem[]> {
    if (ids.length === 0) return [];
    const results = await withRedisRetry('handoffQueue.load()', async () => {
      const pipeline = this.redis.pipeline();
      ids.forEach((id) => pipeline.hgetall(this.itemKey(id)));
      const replies = (await pipeline.exec()) ?? [];
      if (replies.length !== ids.length) throw new StoreUnavailableError('handoffQueue.load(): incomplete pipeline reply');
      for (const [error] of replies) if (error) throw error;
      return replies.map(([, hash]) => hash as Record<string, string>);
    });
    const items: QueueItem[] = [];
    const expired: string[] = [];
    for (const [i, id] of ids.entries()) {
      const item = this.parse(id, results[i] ?? {});
      if (item) items.push(item);
      else expired.push(id);
    }
    if (expired.length > 0) {
      const indexKey = this.keys.handoff(index);
      await this.dropExpired(this.keys.handoff('item:'), indexKey, index === 'queue' ? 'zset' : 'set', ...expired).catch(() => undefined);
    }
    return items;
  }

  private parse(id: string, hash: Record<string, string>): QueueItem | undefined {
    if (!hash.state) return Object.keys(hash).length ? this.parseFields(id, 'bot', hash) : undefined;
    return this.parseFields(id, hash.state, hash);
  }

  private parseFields(id: string, state: string, hash: Record<string, string>): QueueItem {
    const fields: Record<string, unknown> = {};
    for (const key of Object.keys(ItemFieldsSchema.shape)) {
      if (hash[key] !== undefined) fields[key] = JSON.parse(hash[key]);
    }
    return QueueItemSchema.parse({ ...fields, id, state, assignee: hash.assignee || undefined });
  }
}
