import { MemoryHandoffQueue } from '../../src/handoff/memoryHandoffQueue';
import { RedisHandoffQueue } from '../../src/handoff/redisHandoffQueue';
import { RedisKeys } from '../../src/redisKeys';
import { useTestRedis } from '../helpers/testRedis';
import { handoffQueueContract } from './handoffQueueContract';

handoffQueueContract('memory', async () => new MemoryHandoffQueue());

describe('on real Redis', () => {
  const testRedis = useTestRedis();
  let n = 0;
  handoffQueueContract('redis', async () => {
    const { redis, keyPrefix } = testRedis();
    n += 1;
    return new RedisHandoffQueue(redis, new RedisKeys(`${keyPrefix}${n}:`), 3600);
  });

  it('should expire personal keys after the retention time', async () => {
    const { redis, keyPrefix } = testRedis();
    const keys = new RedisKeys(`${keyPrefix}ttl:`);
    const queue = new RedisHandoffQueue(redis, keys, 30 * 86400);
    await queue.transition('p', 'enqueue', { patch: { priority: 'normal', queuedAt: new Date().toISOString() } });
    await queue.appendTranscript('p', [{ at: 'now', from: 'user', text: 'x' }]);
    for (const key of [keys.handoff('item:p'), keys.handoff('transcript:p')]) {
      const ttl = await redis.ttl(key);
      expect(ttl).toBeGreaterThan(29 * 86400);
      expect(ttl).toBeLessThanOrEqual(30 * 86400);
    }
  });
});
