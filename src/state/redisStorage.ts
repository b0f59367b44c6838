import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type Redis from 'ioredis';
import { z } from 'zod';
import type { RedisKeys } from '../redisKeys';
import { groupBySlot } from './hashSlot';
import { defineScript } from './redisScript';
import type { WarnLogger } from './redisClient';
import { withRedisRetry } from './redisRetry';
import { MARK_HANDLED_LUA, HANDLED_TTL_MS } from './redisActivityDeduplicator';
import { FencingTokenLostError, type GuardedStorage, type TurnGuard } from './turnGuard';
import { StateConflictError } from './stateConflictError';

/** Options of {@link RedisStorage}. */
export interface RedisStorageOptions {
  /** Idle-conversation time: every written document expires this long after its last write. */
  ttlSeconds?: number;
  /** Told (once per key) about stored values that are not valid state documents. */
  logger?: WarnLogger;
}

/** Every document this class writes is a JSON object with a string eTag; anything else is corrupt. */
const StoredItemSchema = z.looseObject({ eTag: z.string() });

/**
 * Conditional multi-key write, atomic in Redis. KEYS = documents; ARGV[1] = TTL in seconds (0 = none),
 * then per key: expected eTag ('' = unconditional) and the new JSON. Mirrors MemoryStorage: a
 * missing (or unreadable) document is always written; on a conflict the other keys are still
 * written, and the 1-based index of the first conflicting key is returned (0 = none).
 */
const WRITE_SCRIPT = `
local ttl = tonumber(ARGV[1])
local conflict = 0
for i, key in ipairs(KEYS) do
  local expected = ARGV[i * 2]
  local ok = true
  if expected ~= '' then
    local old = redis.call('GET', key)
    if old then
      local parsed, doc = pcall(cjson.decode, old)
      if parsed and type(doc) == 'table' and type(doc.eTag) == 'string' and doc.eTag ~= expected then
        ok = false
      end
    end
  end
  if ok then
    if ttl > 0 then
      redis.call('SET', key, ARGV[i * 2 + 1], 'EX', ttl)
    else
      redis.call('SET', key, ARGV[i * 2 + 1])
    end
  elseif conflict == 0 then
    conflict = i
  end
end
return conflict
`;

/**
 * The end-of-turn write of one conversation's state (compare-and-set), with its guard, atomic.
 * KEYS: document, handled-activities set, turn lock (one hash slot: src/redisKeys.ts).
 * ARGV: TTL seconds (0 = none), expected eTag ('' = the document must not exist), new JSON,
 * fencing token ('' = no lock check), activity id ('' = no mark), mark TTL ms.
 * Returns -1 when the lock is not ours any more, 1 on an eTag conflict, 0 when written.
 * @remarks Unlike the MemoryStorage-like write, a document that vanished since it was read is a
 * conflict here: it was erased ("erase my data" from the console) and must not come back.
 */
const GUARDED_WRITE_SCRIPT = `
${MARK_HANDLED_LUA}
if ARGV[4] ~= '' and redis.call('GET', KEYS[3]) ~= ARGV[4] then return -1 end
local old = redis.call('GET', KEYS[1])
local current = ''
if old then
  local parsed, doc = pcall(cjson.decode, old)
  if parsed and type(doc) == 'table' and type(doc.eTag) == 'string' then current = doc.eTag else current = '?' end
end
if ARGV[2] ~= '*' and current ~= ARGV[2] and not (current == '?' and ARGV[2] == '') then return 1 end
local ttl = tonumber(ARGV[1])
if ttl > 0 then redis.call('SET', KEYS[1], ARGV[3], 'EX', ttl) else redis.call('SET', KEYS[1], ARGV[3]) end
if ARGV[5] ~= '' then mark_handled(KEYS[2], ARGV[5], tonumber(ARGV[6])) end
return 0
`;

/** A read waiting for this tick's MGET. */
interface PendingRead {
  keys: string[];
  resolve: (values: (string | null)[]) => void;
  reject: (error: unknown) => void;
}

type WriteCommand = (numKeys: number, ...args: (string | number)[]) => Promise<number>;
type GuardedWriteCommand = (doc: string, seen: string, lock: string, ...args: (string | number)[]) => Promise<number>;

/** Keeps the set of reported keys from growing without bound on a badly corrupted database. */
const MAX_REPORTED_KEYS = 1_000;

/**
 * botbuilder `Storage` on Redis, with the same eTag semantics as `MemoryStorage`, plus the
 * guarded compare-and-set write of a conversation's state at the end of a turn.
 *
 * @remarks
 * - `read` returns parsed copies that carry an `eTag`; missing keys are left out.
 * - `write` succeeds when the item's `eTag` is missing, `'*'`, equal to the stored one, or when
 *   nothing is stored yet; otherwise it rejects with MemoryStorage's conflict message. Like
 *   MemoryStorage, the other keys of the batch are still written. Every write sets a new eTag and
 *   refreshes the TTL. The check runs in one Lua script, so two instances cannot both win.
 * - `writeGuarded` (the turn's save): a real compare-and-set against the eTag read, refused when
 *   the turn's lock token is no longer the lock's, and it records the handled activity.
 * - Each call is one round trip (MGET, one script call, one DEL); reads started in the same tick
 *   share one MGET. On a Cluster, keys of different hash slots go in one command per slot.
 * - A stored value that is not a JSON object with an eTag reads as missing and is logged once.
 * - Connection failures reject with a StoreUnavailableError within the client's timeouts;
 *   failover errors (READONLY, LOADING, MOVED…) are sent again with a bounded back-off first.
 */
export class RedisStorage implements Storage, GuardedStorage {
  private readonly ttlSeconds: number;
  private readonly logger: WarnLogger | undefined;
  private readonly reportedCorrupt = new Set<string>();
  private readonly writeCommand: WriteCommand;
  private readonly guardedWriteCommand: GuardedWriteCommand;
  private readonly pendingReads: PendingRead[] = [];
  private readonly cluster: boolean;

  /**
   * @param redis Client from `createRedisTopology` (bounded timeouts).
   * @param keys Builds the Redis key of each storage key (`RedisKeys.state`).
   * @param options TTL and logger.
   */
  constructor(
    private readonly redis: Redis,
    private readonly keys: Pick<RedisKeys, 'state' | 'handledActivities' | 'turnLock'>,
    options: RedisStorageOptions = {},
  ) {
    const { ttlSeconds } = options;
    if (ttlSeconds !== undefined && !(Number.isInteger(ttlSeconds) && ttlSeconds > 0)) {
      throw new RangeError(
        `RedisStorage(): ttlSeconds must be a positive integer, got ${ttlSeconds}`,
      );
    }
    this.ttlSeconds = ttlSeconds ?? 0;
    this.logger = options.logger;
    this.cluster = redis.isCluster;
    this.writeCommand = defineScript<WriteCommand>(redis, 'hbStateWrite', WRITE_SCRIPT);
    this.guardedWriteCommand = defineScript<GuardedWriteCommand>(redis, 'hbStateWriteGuarded', GUARDED_WRITE_SCRIPT, 3);
  }

  /**
   * Reads the documents stored under `keys`; missing or corrupt ones are left out. Reads started
   * in the same tick share one MGET (a turn loads conversation and user state side by side).
   */
  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    if (keys.length === 0) return {};
    const values = await new Promise<(string | null)[]>((resolve, reject) => {
      this.pendingReads.push({ keys, resolve, reject });
      if (this.pendingReads.length === 1) process.nextTick(() => this.flushReads());
    });
    const items: StoreItems = {};
    keys.forEach((key, index) => {
      const raw = values[index];
      if (raw === null || raw === undefined) return;
      const item = this.parse(key, raw);
      if (item) items[key] = item;
    });
    return items;
  }

  /** Sends the reads gathered in this tick as one MGET (one per hash slot on a Cluster). */
  private flushReads(): void {
    const batch = this.pendingReads.splice(0);
    const redisKeys = batch.flatMap((read) => read.keys.map((key) => this.keys.state(key)));
    withRedisRetry('RedisStorage.read()', () => this.mget(redisKeys)).then(
      (values) => {
        let offset = 0;
        for (const read of batch) {
          read.resolve(values.slice(offset, offset + read.keys.length));
          offset += read.keys.length;
        }
      },
      (error: unknown) => {
        for (const read of batch) read.reject(error);
      },
    );
  }

  private async mget(redisKeys: string[]): Promise<(string | null)[]> {
    if (!this.cluster) return this.redis.mget(redisKeys);
    const values: (string | null)[] = new Array<string | null>(redisKeys.length).fill(null);
    await Promise.all(
      [...groupBySlot(redisKeys).values()].map(async (indexes) => {
        const found = await this.redis.mget(indexes.map((i) => redisKeys[i]!));
        indexes.forEach((i, n) => (values[i] = found[n] ?? null));
      }),
    );
    return values;
  }

  /** Writes all `changes` in one atomic script (one per hash slot on a Cluster); rejects on the first eTag conflict. */
  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const storageKeys = Object.keys(changes);
    if (storageKeys.length === 0) return;
    const redisKeys = storageKeys.map((key) => this.keys.state(key));
    const groups = this.cluster ? [...groupBySlot(redisKeys).values()] : [storageKeys.map((_, i) => i)];
    const conflicts = await Promise.all(
      groups.map(async (indexes) => {
        const args: (string | number)[] = [this.ttlSeconds];
        for (const i of indexes) {
          const item = changes[storageKeys[i]!] as { eTag?: unknown };
          args.push(expectedETag(item.eTag), JSON.stringify({ ...item, eTag: randomUUID() }));
        }
        const keys = indexes.map((i) => redisKeys[i]!);
        const conflict = await withRedisRetry('RedisStorage.write()', () => this.writeCommand(keys.length, ...keys, ...args));
        return conflict > 0 ? indexes[conflict - 1]! : -1;
      }),
    );
    const first = Math.min(...conflicts.filter((i) => i >= 0));
    const conflictKey = Number.isFinite(first) ? storageKeys[first] : undefined;
    if (conflictKey !== undefined) {
      // Same text as MemoryStorage, so callers and tests cannot tell the two apart.
      throw new Error(`Storage: error writing "${conflictKey}" due to eTag conflict.`);
    }
  }

  /**
   * The turn's save of one document: compare-and-set against the eTag it was read with (none =
   * it must still be missing), refused when `guard.fenceToken` no longer holds the lock, and the
   * handled activity recorded in the same step. Returns the new eTag.
   * @throws StateConflictError when the document changed since it was read (read it again);
   *   FencingTokenLostError when the turn lost its lock.
   */
  async writeGuarded(storageKey: string, item: Record<string, unknown>, guard?: TurnGuard): Promise<string> {
    const eTag = randomUUID();
    const json = JSON.stringify({ ...item, eTag });
    const conversationKey = guard?.conversationKey ?? '';
    const doc = this.keys.state(storageKey);
    const result = await withRedisRetry('RedisStorage.writeGuarded()', () =>
      this.guardedWriteCommand(
        doc,
        this.keys.handledActivities(conversationKey),
        this.keys.turnLock(conversationKey),
        this.ttlSeconds,
        typeof item.eTag === 'string' ? item.eTag : '',
        json,
        guard?.fenceToken ?? '',
        guard?.activityId ?? '',
        HANDLED_TTL_MS,
      ),
    );
    if (result === -1) throw new FencingTokenLostError(conversationKey);
    if (result === 1) throw new StateConflictError(storageKey);
    if (guard?.activityId) guard.recorded = true;
    return eTag;
  }

  /** Deletes the documents under `keys` in one DEL (one per key on a Cluster); missing keys are fine. */
  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    const redisKeys = keys.map((key) => this.keys.state(key));
    await withRedisRetry('RedisStorage.delete()', async () => {
      if (this.cluster) await Promise.all(redisKeys.map((key) => this.redis.del(key)));
      else await this.redis.del(redisKeys);
    });
  }

  private parse(key: string, raw: string): StoreItems | undefined {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      json = undefined;
    }
    const result = StoredItemSchema.safeParse(json);
    if (result.success) return result.data;
    if (!this.reportedCorrupt.has(key) && this.reportedCorrupt.size < MAX_REPORTED_KEYS) {
      this.reportedCorrupt.add(key);
      // The key only: the value may hold personal data.
      this.logger?.warn(
        { storageKey: key },
        'RedisStorage.read(): corrupt document treated as missing',
      );
    }
    return undefined;
  }
}

/**
 * MemoryStorage treats a falsy eTag like '*' (no check) and compares others with ===, so a
 * non-string eTag (stringified here) can never match a stored one.
 */
function expectedETag(eTag: unknown): string {
  return !eTag || eTag === '*' ? '' : typeof eTag === 'string' ? eTag : JSON.stringify(eTag);
}
