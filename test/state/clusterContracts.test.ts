import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import { RedisCaseStore } from '../../src/cases/redisCaseStore';
import { RedisHandoffQueue } from '../../src/handoff/redisHandoffQueue';
import { RedisKeys } from '../../src/redisKeys';
import { isRedisWritable } from '../../src/state/redisClient';
import { RedisStorage } from '../../src/state/redisStorage';
import { caseStoreContract } from '../cases/caseStoreContract';
import { handoffQueueContract } from '../handoff/handoffQueueContract';
import { readyClient, startRedisCluster, type RedisClusterUnderTest } from '../helpers/redisTopologies';
import { runStorageContract } from './storageContract';

jest.setTimeout(60_000);

// One 3-master Cluster for the file: the contracts of every multi-key store run on it, so a
// command whose keys span hash slots fails here with CROSSSLOT.
describe('on a 3-master Redis Cluster', () => {
  let cluster: RedisClusterUnderTest;
  let redis: Redis;
  beforeAll(async () => {
    cluster = await startRedisCluster();
    redis = await readyClient(cluster.client());
  });
  afterAll(async () => {
    redis?.disconnect();
    await cluster?.stop();
  });
  const fresh = (): RedisKeys => new RedisKeys(`test:${randomBytes(4).toString('hex')}:`);

  it('spreads conversations over the masters, each conversation in one slot, and /healthz can write', async () => {
    const keys = fresh();
    const storage = new RedisStorage(redis, keys);
    const changes: Record<string, { n: number }> = {};
    for (let i = 0; i < 30; i++) changes[`test/conversations/c${i}/`] = { n: i };
    await storage.write(changes);
    const read = await storage.read(Object.keys(changes));
    expect(Object.keys(read)).toHaveLength(30);
    const slots = await Promise.all(Object.keys(changes).map((k) => redis.cluster('KEYSLOT', keys.state(k)) as Promise<number>));
    expect(new Set(slots).size).toBeGreaterThan(1);
    const lockSlot = await redis.cluster('KEYSLOT', keys.turnLock('test:c1'));
    expect(lockSlot).toBe(await redis.cluster('KEYSLOT', keys.state('test/conversations/c1/')));
    expect(await redis.cluster('KEYSLOT', keys.handledActivities('test:c1'))).toBe(lockSlot);
    await expect(isRedisWritable(redis, keys.health())).resolves.toBe(true);
  });

  runStorageContract('RedisStorage on Cluster', async () => ({ storage: new RedisStorage(redis, fresh(), { ttlSeconds: 600 }), cleanup: async () => undefined }));
  handoffQueueContract('Redis Cluster', async () => new RedisHandoffQueue(redis, fresh(), 3600));
  describe('cases', () => {
    caseStoreContract(() => new RedisCaseStore(redis, fresh()));
  });
});
