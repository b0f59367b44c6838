import type Redis from 'ioredis';
import type { RedisKeys } from '../redisKeys';
import { CaseRecordSchema, type CaseRecord } from './caseRecord';
import type { CaseFilter, CaseStore } from './caseStore';

/**
 * Cases in Redis: one JSON document per case, a sorted index by creation time, an index per
 * owner (status and erasure) and one key per open duplicate. Every read is parsed with the schema.
 */
export class RedisCaseStore implements CaseStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async create(record: CaseRecord): Promise<boolean> {
    const valid = CaseRecordSchema.parse(record);
    const created = await this.redis.set(this.keys.case(valid.reference), JSON.stringify(valid), 'NX');
    if (created !== 'OK') return false;
    const multi = this.redis
      .multi()
      .zadd(this.keys.caseIndex(), Date.parse(valid.createdAt), valid.reference)
      .sadd(this.keys.casesOfUser(valid.ownerKey), valid.reference);
    for (const key of [valid.duplicateKey, ...(valid.extraDuplicateKeys ?? [])]) {
      if (key) multi.set(this.keys.caseDuplicate(valid.kind, key), valid.reference);
    }
    await multi.exec();
    return true;
  }

  async get(reference: string): Promise<CaseRecord | undefined> {
    return this.parse(await this.redis.get(this.keys.case(reference)));
  }

  async save(record: CaseRecord): Promise<void> {
    const valid = CaseRecordSchema.parse(record);
    const previous = await this.get(valid.reference);
    const multi = this.redis.multi().set(this.keys.case(valid.reference), JSON.stringify(valid));
    if (previous && previous.ownerKey !== valid.ownerKey) {
      multi.srem(this.keys.casesOfUser(previous.ownerKey), valid.reference);
      multi.sadd(this.keys.casesOfUser(valid.ownerKey), valid.reference);
    }
    await multi.exec();
  }

  async findByDuplicateKey(kind: string, duplicateKey: string): Promise<CaseRecord | undefined> {
    const reference = await this.redis.get(this.keys.caseDuplicate(kind, duplicateKey));
    return reference ? this.get(reference) : undefined;
  }

  async releaseDuplicateKey(kind: string, duplicateKey: string): Promise<void> {
    await this.redis.del(this.keys.caseDuplicate(kind, duplicateKey));
  }

  async listByOwner(ownerKey: string): Promise<CaseRecord[]> {
    return this.getMany(await this.redis.smembers(this.keys.casesOfUser(ownerKey)));
  }

  async list(filter: CaseFilter = {}): Promise<CaseRecord[]> {
    const all = await this.getMany(await this.redis.zrange(this.keys.caseIndex(), 0, -1));
    return all.filter(
      (c) =>
        (!filter.kind || c.kind === filter.kind) &&
        (!filter.status || c.status === filter.status) &&
        (!filter.schoolYear || c.schoolYear === filter.schoolYear),
    );
  }

  private async getMany(references: string[]): Promise<CaseRecord[]> {
    if (references.length === 0) return [];
    const values = await this.redis.mget(references.map((r) => this.keys.case(r)));
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
