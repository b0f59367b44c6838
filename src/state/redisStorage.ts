import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type Redis from 'ioredis';
import { z } from 'zod';
import { isStoreUnavailable, StoreUnavailableError } from '../errors';
import type { RedisKeys } from '../redisKeys';
import { defineScript } from './redisScript';
import type { WarnLogger } from './redisClient';

/** Options of {@link RedisStorage}. */
export interface RedisStorageOptions {
  /** Idle-conversation time: every written document expires this long after its last write. */
  ttlSeconds?: number;
  /** Told (once per key) about stored values that are not valid state documents. */
  logger?: WarnLogger;
}

/** Every document this class writes is a JSON object with a string eTag; anything else is corrupt. */
const StoredItemSchema = z.looseObject({ eTag: z.string() });

/** Name under which the write script is registered on the ioredis client. */
const WRITE_COMMAND = 'hbStateWrite';

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

/** A read waiting for this tick's MGET. */
interface PendingRead {
  keys: string[];
  resolve: (values: (string | null)[]) => void;
  reject: (error: unknown) => void;
}

type WriteCommand = (numKeys: number, ...args: (string | number)[]) => Promise<number>;

/** Keeps the set of reported keys from growing without bound on a badly corrupted database. */
const MAX_REPORTED_KEYS = 1_000;

/**
 * botbuilder `Storage` on Redis, with the same eTag semantics as `MemoryStorage`.
 *
 * @remarks
 * - `read` returns parsed copies that carry an `eTag`; missing keys are left out.
 * - `write` succeeds when the item's `eTag` is missing, `'*'`, equal to the stored one, or when
 *   nothing is stored yet; otherwise it rejects with MemoryStorage's conflict message. Like
 *   MemoryStorage, the other keys of the batch are still written. Every write sets a new eTag and
 *   refreshes the TTL. The check runs in one Lua script, so two instances cannot both win.
 * - Each call is one round trip (MGET, one script call, one DEL); reads started in the same tick
 *   share one MGET.
 * - A stored value that is not a JSON object with an eTag reads as missing and is logged once.
 * - Connection failures reject with {@link StoreUnavailableError} within the client's timeouts.
 * - All keys of a call go to one script/MGET, so on Redis Cluster they would need one hash slot.
 */
export class RedisStorage implements Storage {
  private readonly ttlSeconds: number;
  private readonly logger: WarnLogger | undefined;
  private readonly reportedCorrupt = new Set<string>();
  private readonly writeCommand: WriteCommand;
  private readonly pendingReads: PendingRead[] = [];

  /**
   * @param redis Client from `createRedisClient` (bounded timeouts).
   * @param keys Builds the Redis key of each storage key (`RedisKeys.state`).
   * @param options TTL and logger.
   */
  constructor(
    private readonly redis: Redis,
    private readonly keys: Pick<RedisKeys, 'state'>,
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
    this.writeCommand = defineScript<WriteCommand>(redis, WRITE_COMMAND, WRITE_SCRIPT);
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

  /** Sends the reads gathered in this tick as one MGET and hands each caller its slice. */
  private flushReads(): void {
    const batch = this.pendingReads.splice(0);
    const redisKeys = batch.flatMap((read) => read.keys.map((key) => this.keys.state(key)));
    this.call('read', () => this.redis.mget(redisKeys)).then(
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

  /** Writes all `changes` in one atomic script; rejects on the first eTag conflict. */
  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const storageKeys = Object.keys(changes);
    if (storageKeys.length === 0) return;
    const args: (string | number)[] = [this.ttlSeconds];
    for (const key of storageKeys) {
      const item = changes[key] as { eTag?: unknown };
      // MemoryStorage treats a falsy eTag like '*' (no check) and compares others with ===, so a
      // non-string eTag (stringified here) can never match a stored one.
      const { eTag } = item;
      const expected =
        !eTag || eTag === '*' ? '' : typeof eTag === 'string' ? eTag : JSON.stringify(eTag);
      args.push(expected, JSON.stringify({ ...item, eTag: randomUUID() }));
    }
    const redisKeys = storageKeys.map((key) => this.keys.state(key));
    const conflict = await this.call('write', () =>
      this.writeCommand(redisKeys.length, ...redisKeys, ...args),
    );
    const conflictKey = conflict > 0 ? storageKeys[conflict - 1] : undefined;
    if (conflictKey !== undefined) {
      // Same text as MemoryStorage, so callers and tests cannot tell the two apart.
      throw new Error(`Storage: error writing "${conflictKey}" due to eTag conflict.`);
    }
  }

  /** Deletes the documents under `keys` in one DEL; missing keys are fine. */
  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.call('delete', () => this.redis.del(keys.map((key) => this.keys.state(key))));
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

  /** Turns "Redis is down" failures into the app's typed error; other errors pass unchanged. */
  private async call<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (isStoreUnavailable(error)) {
        throw new StoreUnavailableError(`RedisStorage.${operation}(): ${(error as Error).message}`);
      }
      throw error;
    }
  }
}
