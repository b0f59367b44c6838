import type Redis from 'ioredis';
import type { RedisKeys } from '../redisKeys';
import { withRedisRetry } from '../state/redisRetry';
import { CaseRecordSchema, type CaseRecord } from './caseRecord';
import type { CaseFilter, CaseStore } from './caseStore';

/** Options of {@link RedisCaseStore}. */
export interface RedisCaseStoreOptions {
  /**
   * Lifetime of a duplicate-index key (its name is the HMAC of a phone number or an address): it
   * is released when the case closes, and expires by itself after this long in any case.
   */
  duplicateTtlSeconds?: number;
}

/** A school year and a half: a case open longer than that no longer blocks a new request. */
const DEFAULT_DUPLICATE_TTL_SECONDS = 550 * 24 * 3600;

/** A command of a case write; each touches one key, so any of them may go to any Cluster node. */
type Write = (redis: Redis) => Promise<unknown>;

/**
 * Cases in Redis: one JSON document per case, sorted indexes by creation time (all cases, per
 * kind), an index of the cases that still hold personal fields (for retention), an index per
 * owner (status and erasure) and one key per open duplicate, named by an HMAC of the duplicate
 * value (RedisKeys.caseDuplicate). Every read is parsed with the schema.
 * @remarks Every command touches one key, so nothing needs a shared hash slot on a Cluster. On
 * one server (and on Sentinel) the index writes of a case go in one MULTI; on a Cluster they are
 * separate commands, sent together after the document (a crash between them can leave a case out
 * of an index, never an index entry without its case).
 */
export class RedisCaseStore implements CaseStore {
  private readonly duplicateTtlSeconds: number;

  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    options: RedisCaseStoreOptions = {},
  ) {
    this.duplicateTtlSeconds = options.duplicateTtlSeconds ?? DEFAULT_DUPLICATE_TTL_SECONDS;
  }

  async create(record: CaseRecord): Promise<boolean> {
    const valid = CaseRecordSchema.parse(record);
    const created = await withRedisRetry('cases.create()', () => this.redis.set(this.keys.case(valid.reference), JSON.stringify(valid), 'NX'));
    if (created !== 'OK') return false;
    const createdAt = Date.parse(valid.createdAt);
    const writes: Write[] = [
      (r) => r.zadd(this.keys.caseIndex(), createdAt, valid.reference),
      (r) => r.zadd(this.keys.caseKindIndex(valid.kind), createdAt, valid.reference),
      (r) => r.sadd(this.keys.casesOfUser(valid.ownerKey), valid.reference),
      ...this.personalIndexWrites(valid),
    ];
    for (const key of [valid.duplicateKey, ...(valid.extraDuplicateKeys ?? [])]) {
      if (key) writes.push((r) => r.set(this.keys.caseDuplicate(valid.kind, key), valid.reference, 'EX', this.duplicateTtlSeconds));
    }
    await this.runAll('cases.create()', writes);
    return true;
  }

  async get(reference: string): Promise<CaseRecord | undefined> {
    return this.parse(await withRedisRetry('cases.get()', () => this.redis.get(this.keys.case(reference))));
  }

  async save(record: CaseRecord): Promise<void> {
    const valid = CaseRecordSchema.parse(record);
    const previous = await this.get(valid.reference);
    const writes: Write[] = [(r) => r.set(this.keys.case(valid.reference), JSON.stringify(valid)), ...this.personalIndexWrites(valid)];
    if (previous && previous.ownerKey !== valid.ownerKey) {
      writes.push((r) => r.srem(this.keys.casesOfUser(previous.ownerKey), valid.reference));
      writes.push((r) => r.sadd(this.keys.casesOfUser(valid.ownerKey), valid.reference));
    }
    if (!previous) {
      // Saved without create() (should not happen): still listed.
      const at = Date.parse(valid.createdAt);
      writes.push((r) => r.zadd(this.keys.caseIndex(), at, valid.reference), (r) => r.zadd(this.keys.caseKindIndex(valid.kind), at, valid.reference));
    }
    await this.runAll('cases.save()', writes);
  }

  async findByDuplicateKey(kind: string, duplicateKey: string): Promise<CaseRecord | undefined> {
    const reference = await withRedisRetry('cases.findByDuplicateKey()', () => this.redis.get(this.keys.caseDuplicate(kind, duplicateKey)));
    return reference ? this.get(reference) : undefined;
  }

  async releaseDuplicateKey(kind: string, duplicateKey: string): Promise<void> {
    await withRedisRetry('cases.releaseDuplicateKey()', () => this.redis.del(this.keys.caseDuplicate(kind, duplicateKey)));
  }

  async listByOwner(ownerKey: string): Promise<CaseRecord[]> {
    return this.getMany(await withRedisRetry('cases.listByOwner()', () => this.redis.smembers(this.keys.casesOfUser(ownerKey))));
  }

  /** Oldest first; a kind filter reads only that kind's index. */
  async list(filter: CaseFilter = {}): Promise<CaseRecord[]> {
    const index = filter.kind ? this.keys.caseKindIndex(filter.kind) : this.keys.caseIndex();
    const all = await this.getMany(await withRedisRetry('cases.list()', () => this.redis.zrange(index, 0, -1)));
    return all.filter(
      (c) =>
        (!filter.kind || c.kind === filter.kind) &&
        (!filter.status || c.status === filter.status) &&
        (!filter.schoolYear || c.schoolYear === filter.schoolYear),
    );
  }

  /** The cases whose personal fields are not removed yet, least recently updated first. */
  async listWithPersonalData(): Promise<CaseRecord[]> {
    const references = await withRedisRetry('cases.listWithPersonalData()', () => this.redis.zrange(this.keys.casesWithPersonalData(), 0, -1));
    return (await this.getMany(references)).filter((c) => !c.personalDataRemovedAt);
  }

  /** In the personal-data index while the case holds personal fields (score: last update). */
  private personalIndexWrites(record: CaseRecord): Write[] {
    const key = this.keys.casesWithPersonalData();
    return record.personalDataRemovedAt
      ? [(r) => r.zrem(key, record.reference)]
      : [(r) => r.zadd(key, Date.parse(record.updatedAt), record.reference)];
  }

  /** One MULTI on one server; one command each on a Cluster (their keys are in different slots). */
  private async runAll(operation: string, writes: Write[]): Promise<void> {
    await withRedisRetry(operation, async () => {
      if (this.redis.isCluster) {
        await Promise.all(writes.map((write) => write(this.redis)));
        return;
      }
      const multi = this.redis.multi();
      for (const write of writes) void write(multi as unknown as Redis);
      const results = (await multi.exec()) ?? [];
      for (const [error] of results) if (error) throw error;
    });
  }

  /** MGET on one server; one GET per case on a Cluster (each case key has its own slot). */
  private async getMany(references: string[]): Promise<CaseRecord[]> {
    if (references.length === 0) return [];
    const keys = references.map((r) => this.keys.case(r));
    const values = await withRedisRetry('cases.getMany()', () =>
      this.redis.isCluster ? Promise.all(keys.map((key) => this.redis.get(key))) : this.redis.mget(keys),
    );
    return values.map((v) => this.parse(v)).filter((c): c is CaseRecord => c !== undefined);
  }

  private parse(value: string | null): CaseRecord | undefined {
    if (!value) return undefined;
    try {
      const parsed = CaseRecordSchema.safeParse(JSON.parse(value));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }
}
