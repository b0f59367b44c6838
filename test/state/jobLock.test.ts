import { MemoryCaseStore } from '../../src/cases/memoryCaseStore';
import { RedisCaseStore } from '../../src/cases/redisCaseStore';
import { silentLogger } from '../../src/logger';
import { RetentionJob } from '../../src/privacy/retentionJob';
import { RedisKeys } from '../../src/redisKeys';
import { RedisJobLock } from '../../src/state/redisJobLock';
import { sampleCase } from '../cases/caseStoreContract';
import { FixedClock } from '../fakes/fixedClock';
import { useTestRedis } from '../helpers/testRedis';

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('RedisJobLock and the retention job on several instances', () => {
  const testRedis = useTestRedis();

  it('runs a job on one instance at a time and frees it afterwards', async () => {
    const { redis, keyPrefix } = testRedis();
    const other = redis.duplicate();
    try {
      const keys = new RedisKeys(`${keyPrefix}lock:`);
      const a = new RedisJobLock(redis, keys);
      const b = new RedisJobLock(other, keys);
      let running = 0;
      let most = 0;
      const job = async (): Promise<string> => {
        running += 1;
        most = Math.max(most, running);
        await delay(50);
        running -= 1;
        return 'ran';
      };
      const results = await Promise.all([a.runAlone('retention', 10_000, job), b.runAlone('retention', 10_000, job), a.runAlone('retention', 10_000, job)]);
      expect(results.filter((r) => r === 'ran')).toHaveLength(1);
      expect(most).toBe(1);
      await expect(b.runAlone('retention', 10_000, job)).resolves.toBe('ran');
    } finally {
      other.disconnect();
    }
  });

  it('strips a closed case once although three instances start at the same moment, and reports idle open cases', async () => {
    const { redis, keyPrefix } = testRedis();
    const keys = new RedisKeys(`${keyPrefix}ret:`);
    const store = new RedisCaseStore(redis, keys);
    const old = '2024-01-01T09:00:00.000Z';
    await store.create(sampleCase({ reference: 'LAP-22222', status: 'closed', updatedAt: old, history: [{ at: old, by: 'bot', status: 'closed' }] }));
    await store.create(sampleCase({ reference: 'LAP-33333', status: 'new', updatedAt: old }));
    const clock = new FixedClock(new Date('2026-11-23T10:00:00Z'));
    const warnings: unknown[] = [];
    const logger = { ...silentLogger, warn: (o: unknown) => warnings.push(o) };
    const jobs = [0, 1, 2].map(() => new RetentionJob(store, clock, { closedCaseDays: 365 }, logger, new RedisJobLock(redis, keys)));
    const stripped = await Promise.all(jobs.map((job) => job.runOnce()));
    expect(stripped.reduce((a, b) => a + b, 0)).toBe(1);
    expect((await store.get('LAP-22222'))?.personalDataRemovedAt).toBeDefined();
    expect((await store.listWithPersonalData()).map((c) => c.reference)).toEqual(['LAP-33333']);
    expect(warnings).toContainEqual(expect.objectContaining({ count: 1, references: ['LAP-33333'] }));
  });

  it('memory mode needs no lock', async () => {
    const job = new RetentionJob(new MemoryCaseStore(), new FixedClock(new Date()), { closedCaseDays: 1 }, silentLogger);
    await expect(job.runOnce()).resolves.toBe(0);
  });
});
