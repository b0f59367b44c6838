import type Redis from 'ioredis';
import { PartnerSchema, type Partner } from '../helplineData';
import type { RedisKeys } from '../redisKeys';
import { sortByName, type PartnerStore } from './partnerStore';

/**
 * The partner directory on Redis: one hash (id → JSON) plus a "seeded" marker, so that every
 * instance sees the same list. Values are parsed with the schema on every read.
 * @remarks Contact persons are professionals' work phones, not personal data of families; the
 * directory has no TTL on purpose (it is maintained by coordinators).
 */
export class RedisPartnerStore implements PartnerStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  private get hash(): string {
    return this.keys.console('partners');
  }

  async list(): Promise<Partner[]> {
    const values = await this.redis.hvals(this.hash);
    return sortByName(values.map((v) => parse(v)).filter((p): p is Partner => p !== undefined));
  }

  async get(id: string): Promise<Partner | undefined> {
    return parse(await this.redis.hget(this.hash, id));
  }

  async create(partner: Partner): Promise<boolean> {
    const valid = PartnerSchema.parse(partner);
    return (await this.redis.hsetnx(this.hash, valid.id, JSON.stringify(valid))) === 1;
  }

  async update(partner: Partner): Promise<boolean> {
    const valid = PartnerSchema.parse(partner);
    // Only an existing id is replaced: a Lua check-and-set, so a concurrent delete wins cleanly.
    const updated = await this.redis.eval(
      "if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) return 1 end return 0",
      1,
      this.hash,
      valid.id,
      JSON.stringify(valid),
    );
    return updated === 1;
  }

  async remove(id: string): Promise<boolean> {
    return (await this.redis.hdel(this.hash, id)) === 1;
  }

  async seedOnce(seed: readonly Partner[]): Promise<boolean> {
    // SET NX on the marker: of several instances starting at once, exactly one seeds.
    const first = await this.redis.set(this.keys.console('partners:seeded'), new Date().toISOString(), 'NX');
    if (first !== 'OK') return false;
    if (seed.length > 0) {
      const fields = seed.flatMap((p) => {
        const valid = PartnerSchema.parse(p);
        return [valid.id, JSON.stringify(valid)];
      });
      await this.redis.hset(this.hash, ...fields);
    }
    return true;
  }
}

function parse(value: string | null): Partner | undefined {
  if (!value) return undefined;
  try {
    const parsed = PartnerSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
