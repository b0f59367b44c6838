import type { Socket } from 'node:net';
import type Redis from 'ioredis';
import { isStoreUnavailable } from '../../src/errors';
import { RedisKeys } from '../../src/redisKeys';
import { createRedisClient, isRedisHealthy } from '../../src/state/redisClient';
import { RedisStorage } from '../../src/state/redisStorage';
import { startPrivateRedis, type PrivateRedis } from '../helpers/testRedis';
import { AN_ETAG, readDoc } from './storageContract';

/** Polls `check` until it is true or `timeoutMs` passes; returns how long it took. */
async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`waitUntil(): condition not met within ${timeoutMs} ms`);
}

// These steps share one server and one client on purpose: the point is that the same client
// notices the outage and recovers by itself, so they run in order.
describe('createRedisClient through an outage', () => {
  let server: PrivateRedis;
  let redis: Redis;
  let storage: RedisStorage;
  const warn = jest.fn<void, [object, string]>();

  beforeAll(async () => {
    server = await startPrivateRedis();
    redis = createRedisClient(server.url, { warn });
    storage = new RedisStorage(redis, new RedisKeys('test:client:'), { ttlSeconds: 60 });
  });
  afterAll(async () => {
    redis.disconnect();
    await server.stop();
  });

  it('should report healthy and read while Redis is up', async () => {
    await expect(isRedisHealthy(redis)).resolves.toBe(true);
    await storage.write({ k: { v: 1 } });
    await expect(storage.read(['k'])).resolves.toEqual({ k: { v: 1, eTag: AN_ETAG } });
    expect(warn).not.toHaveBeenCalled();
  });

  it('should report unhealthy within 2 s after Redis stops', async () => {
    await server.stop();
    const took = await waitUntil(async () => !(await isRedisHealthy(redis)), 2_000);
    expect(took).toBeLessThan(2_000);
  });

  it('should reject a storage read within 3 s instead of hanging', async () => {
    const started = Date.now();
    const error: unknown = await storage.read(['k']).then(
      () => new Error('read resolved while Redis was down'),
      (reason: unknown) => reason,
    );
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(isStoreUnavailable(error)).toBe(true);
    await expect(storage.write({ k: { v: 2 } })).rejects.toThrow(/RedisStorage\.write\(\)/);
  });

  it('should log the outage once, however many reconnection attempts fail', () => {
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[1]).toMatch(/unavailable/);
    expect(JSON.stringify(warn.mock.calls)).not.toContain(server.url);
  });

  it('should recover by itself when Redis is back, with the same client', async () => {
    await server.restart();
    await waitUntil(() => isRedisHealthy(redis), 5_000);
    // The restarted server is empty (no persistence), so the read is empty but works.
    await expect(storage.read(['k'])).resolves.toEqual({});
    await storage.write({ k: { v: 3 } });
    expect((await readDoc(storage, 'k')).v).toBe(3);
    expect(warn).toHaveBeenLastCalledWith({}, 'redis available again');
  });
});

describe('isRedisHealthy', () => {
  it('should answer false, not throw, when ping throws or hangs', async () => {
    const throwing = { ping: (): Promise<'PONG'> => Promise.reject(new Error('boom')) };
    const hanging = { ping: (): Promise<'PONG'> => new Promise<'PONG'>(() => undefined) };
    const synchronous = {
      ping: (): Promise<'PONG'> => {
        throw new Error('sync boom');
      },
    };
    await expect(isRedisHealthy(throwing)).resolves.toBe(false);
    await expect(isRedisHealthy(synchronous)).resolves.toBe(false);
    const started = Date.now();
    await expect(isRedisHealthy(hanging)).resolves.toBe(false);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('should answer false for a client that was closed', async () => {
    const server = await startPrivateRedis();
    const redis = createRedisClient(server.url);
    try {
      await expect(isRedisHealthy(redis)).resolves.toBe(true);
      await redis.quit();
      await expect(isRedisHealthy(redis)).resolves.toBe(false);
    } finally {
      // disconnect() after quit() would arm a 2 s timer on the closed socket and delay jest's exit.
      if (redis.status !== 'end') redis.disconnect();
      await server.stop();
    }
  });
});

describe('createRedisClient write coalescing', () => {
  let server: PrivateRedis;
  let redis: Redis;

  beforeAll(async () => {
    server = await startPrivateRedis();
    redis = createRedisClient(server.url);
    await redis.ping();
  });
  afterAll(async () => {
    redis.disconnect();
    await server.stop();
  });

  it('should hold the commands of one tick in the socket and send them together, in order', async () => {
    const socket = redis.stream as Socket;
    const set = redis.set('coalesce:k', 'first');
    expect(socket.writableCorked).toBe(1);
    const get = redis.get('coalesce:k');
    const overwrite = redis.set('coalesce:k', 'second');
    const getAgain = redis.get('coalesce:k');
    await expect(Promise.all([set, get, overwrite, getAgain])).resolves.toEqual(['OK', 'first', 'OK', 'second']);
    expect(socket.writableCorked).toBe(0);
  });

  it('should still answer commands sent from inside a reply callback (a new batch)', async () => {
    const value = await redis.set('coalesce:n', '1').then(() => redis.incr('coalesce:n'));
    expect(value).toBe(2);
  });
});
