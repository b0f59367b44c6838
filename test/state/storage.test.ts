import { randomBytes } from 'node:crypto';
import { MemoryStorage } from 'botbuilder';
import { RedisKeys } from '../../src/redisKeys';
import { RedisStorage } from '../../src/state/redisStorage';
import { useTestRedis } from '../helpers/testRedis';
import { AN_ETAG, readDoc, runStorageContract } from './storageContract';

runStorageContract('MemoryStorage', () =>
  Promise.resolve({ storage: new MemoryStorage(), cleanup: () => Promise.resolve() }),
);

describe('RedisStorage on a real Redis', () => {
  const testRedis = useTestRedis();
  const TTL_SECONDS = 3_600;

  /** Keys of one test, under the file's prefix, so tests never see each other's documents. */
  const freshKeys = (): RedisKeys =>
    new RedisKeys(`${testRedis().keyPrefix}${randomBytes(4).toString('hex')}:`);

  runStorageContract('RedisStorage', () =>
    Promise.resolve({
      storage: new RedisStorage(testRedis().redis, freshKeys(), { ttlSeconds: TTL_SECONDS }),
      // The file's cleanup removes every key under its prefix.
      cleanup: () => Promise.resolve(),
    }),
  );

  it('should set the TTL on write and refresh it on every write', async () => {
    const { redis } = testRedis();
    const keys = freshKeys();
    const storage = new RedisStorage(redis, keys, { ttlSeconds: TTL_SECONDS });

    await storage.write({ k: { v: 1 } });
    const ttlAfterWrite = await redis.ttl(keys.state('k'));
    expect(ttlAfterWrite).toBeGreaterThan(TTL_SECONDS - 5);
    expect(ttlAfterWrite).toBeLessThanOrEqual(TTL_SECONDS);

    await redis.expire(keys.state('k'), 10);
    await storage.write({ k: { v: 2 } });
    expect(await redis.ttl(keys.state('k'))).toBeGreaterThan(TTL_SECONDS - 5);
  });

  it('should store without expiry when no TTL is given', async () => {
    const { redis } = testRedis();
    const keys = freshKeys();
    await new RedisStorage(redis, keys).write({ k: { v: 1 } });
    expect(await redis.ttl(keys.state('k'))).toBe(-1);
  });

  it('should refuse a TTL that is not a positive whole number of seconds', () => {
    expect(() => new RedisStorage(testRedis().redis, freshKeys(), { ttlSeconds: 0 })).toThrow(
      RangeError,
    );
    expect(() => new RedisStorage(testRedis().redis, freshKeys(), { ttlSeconds: 1.5 })).toThrow(
      RangeError,
    );
  });

  it('should read a corrupt value as missing, log it once, and let a write replace it', async () => {
    const { redis } = testRedis();
    const keys = freshKeys();
    const warn = jest.fn();
    const storage = new RedisStorage(redis, keys, { ttlSeconds: TTL_SECONDS, logger: { warn } });
    await redis.set(keys.state('broken'), '{"not json');
    await redis.set(keys.state('notAnObject'), '42');
    await storage.write({ good: { v: 1 } });

    await expect(storage.read(['broken', 'notAnObject', 'good'])).resolves.toEqual({
      good: { v: 1, eTag: AN_ETAG },
    });
    await storage.read(['broken']);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn).toHaveBeenCalledWith({ storageKey: 'broken' }, AN_ETAG);

    await storage.write({ broken: { v: 2, eTag: 'whatever' } });
    expect((await readDoc(storage, 'broken')).v).toBe(2);
  });

  it('should let exactly one of 10 concurrent writes win across two instances', async () => {
    const { redis } = testRedis();
    const keys = freshKeys();
    // A second connection, as a second bot instance would have.
    const other = redis.duplicate();
    try {
      const one = new RedisStorage(redis, keys);
      const two = new RedisStorage(other, keys);
      await one.write({ k: { winner: -1 } });
      const base = await readDoc(one, 'k');
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 === 0 ? one : two).write({ k: { ...base, winner: i } }),
        ),
      );
      const won = results.flatMap((result, i) => (result.status === 'fulfilled' ? [i] : []));
      expect(won).toHaveLength(1);
      expect((await readDoc(two, 'k')).winner).toBe(won[0]);
    } finally {
      await other.quit();
    }
  });

  it('should store documents under RedisKeys.state as JSON', async () => {
    const { redis } = testRedis();
    const keys = freshKeys();
    await new RedisStorage(redis, keys).write({ 'webchat/conversations/abc/': { v: 1 } });
    const raw = await redis.get(keys.state('webchat/conversations/abc/'));
    expect(JSON.parse(raw ?? 'null')).toEqual({ v: 1, eTag: AN_ETAG });
  });

  it('should answer reads started in the same tick with one MGET, each with its own documents', async () => {
    const { redis } = testRedis();
    const storage = new RedisStorage(redis, freshKeys());
    await storage.write({ conversation: { step: 1 }, user: { locale: 'fr' } });
    const mget = jest.spyOn(redis, 'mget');
    try {
      const [conversation, user, missing] = await Promise.all([storage.read(['conversation']), storage.read(['user']), storage.read(['nobody'])]);
      expect(mget).toHaveBeenCalledTimes(1);
      expect(conversation).toEqual({ conversation: { step: 1, eTag: AN_ETAG } });
      expect(user).toEqual({ user: { locale: 'fr', eTag: AN_ETAG } });
      expect(missing).toEqual({});
    } finally {
      mget.mockRestore();
    }
  });
});
