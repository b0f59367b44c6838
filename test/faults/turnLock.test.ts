import { RedisKeys } from '../../src/redisKeys';
import { RedisTurnLock } from '../../src/state/redisTurnLock';
import { MemoryTurnLock, type TurnLock } from '../../src/state/turnLock';
import { StoreUnavailableError } from '../../src/errors';
import { TurnLockTimeoutError } from '../../src/state/turnGuard';
import { useTestRedis } from '../helpers/testRedis';

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs overlapping "turns" and records whether two of the same key ever ran at once. */
async function overlapOf(lock: TurnLock, key: string, turns: number): Promise<{ maxInside: number; order: number[] }> {
  let inside = 0;
  let maxInside = 0;
  const order: number[] = [];
  await Promise.all(
    Array.from({ length: turns }, (_, i) =>
      lock.run(key, async () => {
        inside += 1;
        maxInside = Math.max(maxInside, inside);
        await delay(5);
        order.push(i);
        inside -= 1;
      }),
    ),
  );
  return { maxInside, order };
}

describe('MemoryTurnLock', () => {
  it('runs the turns of one conversation one after the other, in arrival order', async () => {
    const result = await overlapOf(new MemoryTurnLock(), 'c1', 10);
    expect(result.maxInside).toBe(1);
    expect(result.order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('lets a failed turn pass the lock on, and passes its error to its caller', async () => {
    const lock = new MemoryTurnLock();
    const failing = lock.run('c1', () => Promise.reject(new Error('boom')));
    const next = lock.run('c1', async () => 'ok');
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ok');
  });

  it('starts the reads when the turn has its place, and calls them fresh', async () => {
    const lock = new MemoryTurnLock();
    const events: string[] = [];
    const first = lock.run('c1', async () => {
      await delay(20);
      events.push('first done');
    });
    const second = lock.run(
      'c1',
      async (fresh) => {
        events.push(`second fresh=${fresh}`);
      },
      () => events.push('second reads'),
    );
    await Promise.all([first, second]);
    expect(events).toEqual(['first done', 'second reads', 'second fresh=true']);
  });

  it('does not hold other conversations back', async () => {
    const lock = new MemoryTurnLock();
    let released = false;
    const slow = lock.run('a', async () => {
      await delay(50);
      released = true;
    });
    await lock.run('b', async () => expect(released).toBe(false));
    await slow;
  });
});

describe('RedisTurnLock', () => {
  const testRedis = useTestRedis();
  const keysOf = (): RedisKeys => new RedisKeys(testRedis().keyPrefix);

  it('serialises overlapping turns of one conversation, also across two clients (instances)', async () => {
    const { redis } = testRedis();
    const other = redis.duplicate();
    try {
      const a = new RedisTurnLock(redis, keysOf());
      const b = new RedisTurnLock(other, keysOf());
      let inside = 0;
      let maxInside = 0;
      const turn = async (): Promise<void> => {
        inside += 1;
        maxInside = Math.max(maxInside, inside);
        await delay(10);
        inside -= 1;
      };
      await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).run('test:conv-x', turn)));
      expect(maxInside).toBe(1);
      expect(await redis.exists(keysOf().turnLock('test:conv-x'))).toBe(0);
    } finally {
      other.disconnect();
    }
  });

  it('never runs a turn without the lock: it waits, then fails cleanly, and never deletes a lock it does not own', async () => {
    const { redis } = testRedis();
    const key = keysOf().turnLock('test:stuck');
    await redis.set(key, 'someone-else', 'PX', 10_000);
    const warnings: string[] = [];
    const lock = new RedisTurnLock(redis, keysOf(), { waitMs: 150, logger: { warn: (_o, msg) => warnings.push(msg) } });
    const started = Date.now();
    let ran = false;
    const attempt = lock.run('test:stuck', async () => {
      ran = true;
    });
    await expect(attempt).rejects.toBeInstanceOf(TurnLockTimeoutError);
    // A StoreUnavailableError: the error path keeps the conversation's state.
    await expect(attempt).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(ran).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect(warnings).toHaveLength(1);
    expect(await redis.get(key)).toBe('someone-else');
  });

  it('gives the turn its fencing token: the value of the lock while the turn holds it', async () => {
    const { redis } = testRedis();
    const lock = new RedisTurnLock(redis, keysOf());
    const seen = await lock.run('test:fence', async (_fresh, token) => ({ token, stored: await redis.get(keysOf().turnLock('test:fence')) }));
    expect(seen.token).toEqual(expect.any(String));
    expect(seen.stored).toBe(seen.token);
  });

  it('expires a lock left by a crashed instance', async () => {
    const { redis } = testRedis();
    await redis.set(keysOf().turnLock('test:crashed'), 'dead-instance', 'PX', 100);
    const lock = new RedisTurnLock(redis, keysOf(), { waitMs: 1_000 });
    const started = Date.now();
    await lock.run('test:crashed', async () => undefined);
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('sends the reads right behind the lock request: fresh when the lock is free, to repeat when it came later', async () => {
    const { redis } = testRedis();
    const stateKey = `${testRedis().keyPrefix}reads-state`;
    await redis.set(stateKey, 'before');
    const lock = new RedisTurnLock(redis, keysOf(), { retryMs: 10 });
    const read = (): void => {
      reads.push(redis.get(stateKey));
    };
    let reads: Promise<string | null>[] = [];
    await expect(lock.run('test:reads', async (fresh) => fresh, read)).resolves.toBe(true);
    expect(reads).toHaveLength(1);
    await expect(reads[0]).resolves.toBe('before');

    // Another instance holds the lock and writes before it lets go: the early read is stale.
    reads = [];
    const lockKey = keysOf().turnLock('test:reads');
    await redis.set(lockKey, 'other-instance', 'PX', 10_000);
    const run = lock.run('test:reads', async (fresh) => fresh, read);
    await delay(50);
    await redis.set(stateKey, 'after');
    await redis.del(lockKey);
    await expect(run).resolves.toBe(false);
    await expect(reads[0]).resolves.toBe('before');
  });
});
